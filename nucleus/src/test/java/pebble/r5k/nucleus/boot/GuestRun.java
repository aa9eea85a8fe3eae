package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Boots a system in a test and collects its console output, exit status and cycles. */
record GuestRun(String console, Machine.RunResult result) {
    static final long MAX_CYCLES = 50_000_000L;

    static GuestRun boot(boolean timed, String... namesAndSources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemBuilder b = new SystemBuilder().timing(timed).console(out);
        for (int i = 0; i < namesAndSources.length; i += 2) b.programSource(namesAndSources[i], namesAndSources[i + 1]);
        return run(b, out);
    }

    static GuestRun run(SystemBuilder b, ByteArrayOutputStream out) {
        BootedSystem s = b.build();
        Machine.RunResult r = s.run(MAX_CYCLES);
        return new GuestRun(out.toString(StandardCharsets.ISO_8859_1), r);
    }

    int status() { return result.exitStatus(); }
}
