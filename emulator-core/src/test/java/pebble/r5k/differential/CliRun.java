package pebble.r5k.differential;

import pebble.r5k.cli.PebbleCli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code pebble ...} in-process with the console (stdout), stderr and stdin captured. */
final class CliRun {
    private CliRun() {}

    record Result(int exit, String out, String err) {}

    static Result pebble(String... args) {
        // stdin too: under surefire the real one is held by its command reader, and COM1 polls it.
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            exit = PebbleCli.execute(args);
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }
}
