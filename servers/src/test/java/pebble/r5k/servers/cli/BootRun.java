package pebble.r5k.servers.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** `pebble boot` in this JVM: its console (stdout), stderr and exit status. */
record BootRun(String out, String err, int status) {
    static BootRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int status = new CommandLine(new BootCommand()).execute(args);
            return new BootRun(out.toString(), err.toString(), status);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
