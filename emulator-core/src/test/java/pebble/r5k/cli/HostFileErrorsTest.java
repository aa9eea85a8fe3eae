package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file the CLI reads or writes: one line naming the path and the OS reason, exit 125, never an
 * OutOfMemoryError, a hang on a FIFO or a stack trace; outputs checked before the run.
 */
class HostFileErrorsTest {
    @TempDir
    Path dir;

    /** Runs the CLI and checks the common shape of a host error: exit 125, one "pebble: " line. */
    private String hostError(String... args) {
        CliRun.Result r = CliRun.pebble(args);
        assertEquals(ExitCodes.HOST_ERROR, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("pebble: "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("Error:"), r.err());
        assertEquals("", r.out(), "nothing may run");
        return r.err().strip();
    }

    private Path program() throws Exception {
        return CliRun.resourceFile(dir, "run", "exit-123.s");
    }

    @Test
    void devZeroIsRefusedBeforeReading() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertEquals("pebble: /dev/zero: not a regular file (a device, FIFO or socket); give a file",
                hostError("run", "/dev/zero"));
        assertTrue(hostError("run", "--console-in", "/dev/zero", program().toString()).contains("--console-in /dev/zero: not a regular file"));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo unavailable");
        assertEquals("pebble: " + fifo + ": not a regular file (a device, FIFO or socket); give a file",
                hostError("run", fifo.toString()));
    }

    @Test
    void aMultiGigabyteImageIsRefusedBySize() throws Exception {
        Path big = dir.resolve("big.elf");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk used
        }
        assertEquals("pebble: " + big + ": too large for an image (more than 256 MB)", hostError("run", big.toString()));
    }

    @Test
    void aDirectoryIsNamedAsOne() throws Exception {
        assertEquals("pebble: " + dir + ": Is a directory", hostError("run", dir.toString()));
        assertEquals("pebble: " + dir + ": Is a directory (--timing)", hostError("run", "--timing", dir.toString(), program().toString()));
    }

    @Test
    void assemblySourcesAreCheckedToo() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        CliRun.Result r = CliRun.pebble("asm", "/dev/zero", "-o", dir.resolve("z.elf").toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals("/dev/zero: not a regular file (a device, FIFO or socket); give a file", r.err().strip());
    }

    @Test
    void aMissingOutputDirectoryIsReportedBeforeTheRun() throws Exception {
        Path json = dir.resolve("no/such/dir/stats.json");
        String err = hostError("run", "--stats-json", json.toString(), program().toString());
        assertTrue(err.startsWith("pebble: --stats-json " + json + ": No such file or directory"), err);
        Path elf = dir.resolve("missing/out.elf");
        CliRun.Result r = CliRun.pebble("asm", program().toString(), "-o", elf.toString());
        assertEquals(ExitCodes.HOST_ERROR, r.exit());
        assertTrue(r.err().startsWith("pebble: -o " + elf + ": No such file or directory"), r.err());
    }

    @Test
    void twoOutputOptionsNamingOneFileAreRefused() throws Exception {
        Path same = dir.resolve("out.txt");
        String err = hostError("run", "--trace-file", same.toString(), "--stats-json", dir.resolve(".").resolve("out.txt").toString(),
                program().toString());
        assertEquals("pebble: --trace-file and --stats-json both name " + dir.resolve(".").resolve("out.txt") + "; give each its own file", err);
        assertFalse(Files.exists(same));
    }

    /** GNU ld gives an executable 0777 less the umask (0755 under umask 022); a new plain file gets 0666 less it. */
    @Test
    void asmOutputHasTheModeGnuLdGivesAnExecutable() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> expected = EnumSet.copyOf(Files.getPosixFilePermissions(probe)); // 0666 & ~umask
        if (expected.contains(PosixFilePermission.OWNER_READ)) expected.add(PosixFilePermission.OWNER_EXECUTE);
        if (expected.contains(PosixFilePermission.GROUP_READ)) expected.add(PosixFilePermission.GROUP_EXECUTE);
        if (expected.contains(PosixFilePermission.OTHERS_READ)) expected.add(PosixFilePermission.OTHERS_EXECUTE);
        Path out = dir.resolve("prog.elf");
        assertEquals(0, CliRun.pebble("asm", program().toString(), "-o", out.toString()).exit());
        assertEquals(PosixFilePermissions.toString(expected), PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(Files.getPosixFilePermissions(out).contains(PosixFilePermission.OWNER_EXECUTE), "an executable, as ld makes it");
    }

    /** A full device (/dev/full fails every write with ENOSPC) is named with its reason, not ignored. */
    @Test
    void aFullTraceDeviceIsReported() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")));
        CliRun.Result r = CliRun.pebble("run", "--no-timing", "--trace-file", "/dev/full", program().toString());
        assertEquals(ExitCodes.HOST_ERROR, r.exit(), r.err());
        assertEquals("pebble: --trace-file /dev/full: No space left on device", r.err().strip());
    }
}
