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

    /** Runs the CLI capturing stdout (the guest console) and stderr; returns stdout. */
    private String out;

    private int runCapturing(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            return run(args);
        } finally {
            System.setOut(oldOut);
            out = buf.toString();
        }
    }

    private Path fixture(String name) throws Exception {
        return fixture("elf", name);
    }

    private Path fixture(String folder, String name) throws Exception {
        Path p = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/" + folder + "/" + name)) {
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

    /** gcc's default output (a PIE at 0, or -no-pie at 0x400000) runs in kuseg through the monitor's wired TLB entries. */
    @Test
    void kusegImagesFromPlainGccFlagsRun() throws Exception {
        for (String f : new String[] {"pie-hello-be.elf", "pie-hello-le.elf", "exec-hello-be.elf"}) {
            assertEquals(0, runCapturing("run", fixture("run", f).toString()), f + ": " + err);
            assertEquals("hello world\n", out, f);
        }
    }

    @Test
    void returningFromTheEntryExitsWithV0() throws Exception {
        assertEquals(7, runCapturing("run", fixture("run", "return7-be.elf").toString()), err);
    }

    @Test
    void unhandledGuestExceptionIsNamed() throws Exception {
        int status = runCapturing("run", fixture("run", "fault-be.elf").toString());
        assertEquals(pebble.r5k.board.BootRom.EXCEPTION_EXIT, status);
        assertEquals("pebble: unhandled guest exception (the image installed no handler): TLBL, EPC 0x2f4,"
                + " BadVAddr 0x12345671", err.strip());
    }
}
