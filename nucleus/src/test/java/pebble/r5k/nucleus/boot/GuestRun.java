package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Boots a system in a test and collects its console output, exit status and cycles. {@code console} is what
 * follows the nucleus's boot banner; the banner itself is checked here, exactly, on every boot.
 */
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
        return new GuestRun(afterBanner(out.toString(StandardCharsets.ISO_8859_1), s.domainNames().size()), r);
    }

    /** The line boot.S prints once boot succeeded (the P-5064 has an L2, so it is always on here). */
    static String banner(int domains) {
        return "Pebble nucleus: " + domains + (domains == 1 ? " domain" : " domains") + ", L2 on\n";
    }

    /** The console text after the banner, which must be its first line. */
    static String afterBanner(String console, int domains) {
        String banner = banner(domains);
        org.junit.jupiter.api.Assertions.assertTrue(console.startsWith(banner), () -> "no boot banner '" + banner.trim() + "' in: " + console);
        return console.substring(banner.length());
    }

    int status() { return result.exitStatus(); }
}
