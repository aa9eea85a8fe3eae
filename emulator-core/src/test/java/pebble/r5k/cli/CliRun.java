package pebble.r5k.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Test support: runs {@code pebble ...} in-process ({@link PebbleCli#execute}, which never reads the host's
 * stdin) with the console (stdout) and stderr captured. The one place tests swap System.out/err.
 */
public final class CliRun {
    private CliRun() {}

    /** Exit status, stdout (ISO-8859-1: the guest console's bytes one to one) and stderr. */
    public record Result(int exit, String out, String err) {}

    public static Result pebble(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            exit = PebbleCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }
}
