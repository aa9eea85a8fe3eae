package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class RunCommandTest {
    @TempDir
    Path dir;

    /** Runs the CLI capturing stderr; returns the exit code and leaves stderr in {@link #err}. */
    private String err;

    private int run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            return PebbleCli.execute(args);
        } finally {
            System.setErr(oldErr);
            err = buf.toString();
        }
    }

    private Path fixture(String name) throws Exception {
        Path p = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/elf/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void missingFileIsOneLine() {
        assertEquals(ExitCodes.HOST_ERROR, run("run", dir.resolve("nope.elf").toString()));
        assertTrue(err.startsWith("pebble: ") && err.contains("no such file"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void garbageIsAPreciseErrorNotAStackTrace() throws Exception {
        Path p = dir.resolve("junk.elf");
        Files.write(p, new byte[] {1, 2, 3, 4, 5});
        assertEquals(ExitCodes.HOST_ERROR, run("run", p.toString()));
        assertTrue(err.contains("junk.elf"), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void maxCyclesStopsWithItsOwnExitCode() throws Exception {
        assertEquals(ExitCodes.CYCLE_LIMIT, run("run", "--no-timing", "--max-cycles", "5000", "--stats", fixture("tiny-o32-be.elf").toString()));
        assertTrue(err.contains("instructions: "), err);
        assertTrue(err.contains("cycles: 5000"), err);
        assertTrue(err.contains("--max-cycles"), err);
    }

    @Test
    void traceHasOneLinePerInstruction() throws Exception {
        Path trace = dir.resolve("t.txt");
        run("run", "--no-timing", "--max-cycles", "20", "--trace-file", trace.toString(), fixture("tiny-n32-be.elf").toString());
        assertEquals(20, Files.readAllLines(trace).size());
    }

    @Test
    void badRamSizeIsRejected() throws Exception {
        assertEquals(ExitCodes.HOST_ERROR, run("run", "--ram-mb", "0", fixture("tiny-o32-be.elf").toString()));
        assertTrue(err.contains("--ram-mb"), err);
    }
}
