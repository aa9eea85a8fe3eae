package pebble.r5k.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Ctrl-C (SIGINT) in a child JVM, as HostProcessTest does: the timeline is still complete, valid JSON. */
class TimelineInterruptTest {
    @TempDir
    Path dir;

    @Test
    void interruptedRunLeavesValidJson() throws Exception {
        Path kill = Files.isExecutable(Path.of("/bin/kill")) ? Path.of("/bin/kill") : Path.of("/usr/bin/kill");
        assumeTrue(Files.isExecutable(kill), "no kill(1)");
        Path prog = CliRun.resourceFile(dir, "run", "spin.s");
        Path out = dir.resolve("t.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "pebble.r5k.cli.CoreCli",
                "run", "--no-timing", "--max-cycles", "0", "--timeline", out.toString(), prog.toString()).start();
        assertEquals("go\n", new String(p.getInputStream().readNBytes(3), StandardCharsets.ISO_8859_1));
        Thread.sleep(200); // well inside the endless loop
        assertEquals(0, new ProcessBuilder(kill.toString(), "-INT", Long.toString(p.pid())).start().waitFor());
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        assertTrue(ended, "SIGINT did not end the run");
        assertEquals(130, p.exitValue());
        List<Map<String, Object>> events = TimelineFormat.check(Files.readString(out));
        // spin.s never traps and stays in ASID 0: its one slice, closed by the shutdown hook, ends the file.
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("ASID 0", last.get("name"));
        assertEquals(0L, last.get("ts"));
        assertTrue((Long) last.get("dur") > 0, last.toString());
    }
}
