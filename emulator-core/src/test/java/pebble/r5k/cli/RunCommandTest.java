package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class RunCommandTest {
    @TempDir
    Path dir;

    /** What the last run printed: the guest console (stdout) and stderr. */
    private String out, err;

    private int run(String... args) {
        CliRun.Result r = CliRun.pebble(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }


    private Path fixture(String name) throws Exception {
        return fixture("elf", name);
    }

    private Path fixture(String folder, String name) throws Exception {
        return CliRun.resourceFile(dir, folder, name);
    }


    @Test
    void missingFileIsOneLine() {
        assertEquals(ExitCodes.HOST_ERROR, run("run", dir.resolve("nope.elf").toString()));
        assertTrue(err.startsWith("pebble: ") && err.contains("nope.elf: No such file or directory"), err);
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
            assertEquals(0, run("run", fixture("run", f).toString()), f + ": " + err);
            assertEquals("hello world\n", out, f);
        }
    }

    @Test
    void returningFromTheEntryExitsWithV0() throws Exception {
        assertEquals(7, run("run", fixture("run", "return7-be.elf").toString()), err);
    }

    @Test
    void unhandledGuestExceptionIsNamed() throws Exception {
        int status = run("run", fixture("run", "fault-be.elf").toString());
        assertEquals(ExitCodes.GUEST_FAULT, status);
        assertEquals("pebble: unhandled guest exception (the image installed no handler): TLBL, EPC 0x2f4,"
                + " BadVAddr 0x12345671", err.strip());
    }

    @Test
    void outputOptionsNeverOverwriteAnInput() throws Exception {
        Path image = fixture("run", "return7-be.elf");
        byte[] before = Files.readAllBytes(image);
        for (String option : new String[] {"--trace-file", "--stats-json"}) {
            assertEquals(ExitCodes.HOST_ERROR, run("run", option, image.toString(), image.toString()), option);
            assertTrue(err.contains("refusing to overwrite"), err);
            assertArrayEquals(before, Files.readAllBytes(image), option + " must leave the image intact");
        }
    }
}
