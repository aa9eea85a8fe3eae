package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `pebble boot` end to end: programs from files, console on stdout, the nucleus's exit status. */
class BootCommandTest {
    @TempDir Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        BootRun r = BootRun.of(args);
        out.writeBytes(r.out().getBytes());
        err.writeBytes(r.err().getBytes());
        return r.status();
    }

    @Test
    void bootsTwoSourcesAndReportsAFault() throws Exception {
        Path hello = dir.resolve("hello.s");
        Files.writeString(hello, ".include \"pebble.inc\"\n.text\n.globl _start\n_start: PUTC 'h'\nPUTC 'i'\nPUTC '\\n'\nEXIT 0\n");
        Path bad = dir.resolve("bad.s");
        Files.writeString(bad, ".include \"pebble.inc\"\n.set noreorder\n.text\n.globl _start\n_start: mtc0 $zero, $12\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = run(out, err, "--no-timing", hello.toString(), bad.toString());
        assertTrue(out.toString().startsWith("Pebble nucleus: 3 domains, L2 on\nhi\npebble: domain 2 (bad) fault CpU at EPC 0x00400000, BadVAddr 0x"), out.toString());
        assertEquals(1, status);
        assertEquals("", err.toString());
    }

    @Test
    void cleanRunExitsZeroAndAMissingFileIsOneLine() throws Exception {
        Path ok = dir.resolve("ok.s");
        Files.writeString(ok, ".include \"pebble.inc\"\n.text\n.globl _start\n_start: EXIT 0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, ok.toString()));
        out.reset();
        assertEquals(125, run(out, err, dir.resolve("missing.s").toString()));
        assertEquals("pebble: " + dir.resolve("missing.s") + ": No such file or directory\n", err.toString());
        err.reset();
        assertEquals(125, run(out, err, "/dev/zero"));   // never read whole: one line with the reason
        assertEquals("pebble: /dev/zero: not a regular file (a device, FIFO or socket); give a file\n", err.toString());
        err.reset();
        assertEquals(125, run(out, err, dir.toString()));
        assertEquals("pebble: " + dir + ": Is a directory\n", err.toString());
    }

    @Test
    void anAssemblyErrorIsReportedWithItsLocation() throws Exception {
        Path broken = dir.resolve("broken.s");
        Files.writeString(broken, ".text\n_start: frobnicate $t0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        assertEquals(125, run(out, err, broken.toString()));
        assertTrue(err.toString().startsWith("pebble: " + broken + ":2:"), err.toString());
        assertEquals(1, err.toString().trim().split("\n").length, err.toString());
    }
}
