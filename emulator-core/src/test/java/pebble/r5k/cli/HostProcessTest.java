package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CLI as a process among others: stdout a pipe that closes, stdin closed, Ctrl-C. These need a child
 * JVM (the test's own stdin and stdout are Surefire's), started with this JVM's class path.
 */
class HostProcessTest {
    @TempDir
    Path dir;

    private static List<String> pebbleCommand(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "pebble.r5k.cli.CoreCli"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String text(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** {@code pebble run chatter.s | head -c 10}: the run stops at the closed pipe, with one line and exit 125. */
    @Test
    void aClosedConsolePipeStopsTheRun() throws Exception {
        Path prog = CliRun.resourceFile(dir, "run", "chatter.s");
        Process p = new ProcessBuilder(pebbleCommand("run", "--no-timing", "--max-cycles", "0", prog.toString())).start();
        byte[] head = p.getInputStream().readNBytes(10);
        assertEquals("tick\ntick\n", new String(head, StandardCharsets.ISO_8859_1));
        p.getInputStream().close(); // as head(1) exits
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "the run went on writing to a closed pipe");
        String err = text(p.getErrorStream());
        assertEquals(ExitCodes.HOST_ERROR, p.exitValue(), err);
        assertEquals("pebble: console output failed: Broken pipe", err.strip());
    }

    /** Console output to a full device stops the run with the OS reason. */
    @Test
    void aFullConsoleDeviceStopsTheRun() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")));
        Path prog = CliRun.resourceFile(dir, "run", "chatter.s");
        Process p = new ProcessBuilder(pebbleCommand("run", "--no-timing", "--max-cycles", "0", prog.toString()))
                .redirectOutput(new java.io.File("/dev/full")).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "the run went on writing to a full device");
        String err = text(p.getErrorStream());
        assertEquals(ExitCodes.HOST_ERROR, p.exitValue(), err);
        assertEquals("pebble: console output failed: No space left on device", err.strip());
    }

    /** Started with stdin closed, descriptor 0 is whatever the JVM opened first: the guest must see no input. */
    @Test
    void aClosedStdinReadsAsEndOfInput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        Path prog = CliRun.resourceFile(dir, "run", "poll-input.s");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" <&-", "sh"));
        cmd.addAll(pebbleCommand("run", "--no-timing", prog.toString()));
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        assertEquals(0, p.exitValue(), "the guest received bytes from a closed stdin: " + text(p.getErrorStream()));
    }

    /** Ctrl-C (SIGINT) during a run: --stats and --stats-json are still written. */
    @Test
    void interruptStillWritesTheStatistics() throws Exception {
        Path kill = Path.of("/bin/kill");
        assumeTrue(Files.isExecutable(kill) || Files.isExecutable(Path.of("/usr/bin/kill")), "no kill(1)");
        Path prog = CliRun.resourceFile(dir, "run", "spin.s");
        Path json = dir.resolve("stats.json");
        Process p = new ProcessBuilder(pebbleCommand("run", "--no-timing", "--max-cycles", "0", "--stats",
                "--stats-json", json.toString(), prog.toString())).start();
        assertEquals("go\n", new String(p.getInputStream().readNBytes(3), StandardCharsets.ISO_8859_1));
        Thread.sleep(200); // well inside the endless loop
        Process k = new ProcessBuilder(Files.isExecutable(kill) ? kill.toString() : "/usr/bin/kill", "-INT",
                Long.toString(p.pid())).start();
        assertEquals(0, k.waitFor());
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "SIGINT did not end the run");
        String err = text(p.getErrorStream());
        assertEquals(130, p.exitValue(), err); // 128 + SIGINT, as for any process ended by Ctrl-C
        assertTrue(err.startsWith("pebble: interrupted after "), err);
        assertTrue(err.contains("instructions: "), err);
        assertTrue(Files.exists(json), "no --stats-json after Ctrl-C");
        assertTrue(Files.readString(json).contains("\"cycles\""), Files.readString(json));
    }
}
