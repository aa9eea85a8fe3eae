package pebble.r5k.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test support: runs {@code pebble ...} in-process ({@link CoreCli#execute}, which never reads the host's
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
            exit = CoreCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies the test resource {@code /folder/name} to {@code dir/name} (the CLI takes file paths). */
    public static Path resourceFile(Path dir, String folder, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = CliRun.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) throw new IOException("missing test resource /" + folder + "/" + name);
            Files.write(p, in.readAllBytes());
        }
        return p;
    }
}
