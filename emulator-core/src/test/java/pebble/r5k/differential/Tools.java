package pebble.r5k.differential;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Locates the external reference tools (QEMU user mode, GNU binutils/gcc for MIPS) and runs them. */
public final class Tools {
    private Tools() {}

    /** Whether an executable named {@code name} is on the PATH. */
    public static boolean present(String name) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) return true;
        }
        return false;
    }

    public static boolean allPresent(String... names) {
        for (String n : names) if (!present(n)) return false;
        return true;
    }

    /** The output of a finished external command. */
    public record Result(int exitCode, byte[] stdout, String stderr) {}

    /**
     * Runs {@code cmd} in {@code dir}, collecting stdout (bytes) and stderr (text). Throws when the tool
     * cannot be started or exceeds {@code timeoutSeconds}, since both are harness faults, not test data.
     */
    public static Result run(Path dir, List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(); // drains the pipe so the tool never blocks on it
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
        }
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        return new Result(p.exitValue(), out, errText);
    }

    /** Like {@link #run} but fails with the tool's stderr when it exits non-zero. */
    public static byte[] check(Path dir, List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Result r = run(dir, cmd, timeoutSeconds);
        if (r.exitCode() != 0) {
            throw new IOException(cmd.get(0) + " exited with " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Deletes a directory tree (best effort; temp files only). */
    public static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftover temp files are harmless
        }
    }
}
