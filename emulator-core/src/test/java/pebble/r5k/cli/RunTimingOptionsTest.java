package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code pebble run} timing options: timing on by default, --no-timing, --timing FILE, --stats, --stats-json. */
class RunTimingOptionsTest {
    @TempDir
    Path dir;
    private String err;

    private int run(String... args) {
        CliRun.Result r = CliRun.pebble(args);
        err = r.err();
        return r.exit();
    }

    private String image() throws Exception {
        Path p = dir.resolve("return7-be.elf");
        try (var in = getClass().getResourceAsStream("/run/return7-be.elf")) {
            Files.write(p, in.readAllBytes());
        }
        return p.toString();
    }

    private long stat(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": (\\d+)$").matcher(err);
        assertTrue(m.find(), name + " missing in " + err);
        return Long.parseLong(m.group(1));
    }

    @Test
    void timingIsOnByDefault() throws Exception {
        assertEquals(7, run("run", "--stats", image()));
        long instructions = stat("instructions"), cycles = stat("cycles");
        assertTrue(cycles > instructions, "caches start cold: " + err);
        assertTrue(err.contains("L1I: hits "), err);
        assertTrue(err.contains("  I-miss: "), err);
    }

    @Test
    void noTimingIsOneCyclePerInstruction() throws Exception {
        assertEquals(7, run("run", "--no-timing", "--stats", image()));
        assertEquals(stat("instructions"), stat("cycles"));
    }

    @Test
    void statsJsonIsWritten() throws Exception {
        Path json = dir.resolve("s.json");
        assertEquals(7, run("run", "--stats-json", json.toString(), image()));
        String s = Files.readString(json);
        assertTrue(s.startsWith("{\n  \"instructions\": "), s);
        assertTrue(s.contains("\"stallCycles\": {\"loadUse\": "), s);
        assertTrue(s.contains("\"l1i\": {\"hits\": "), s);
        assertTrue(s.contains("\"perAsid\": {"), s);
        assertTrue(s.contains("\"mem.firstBeat\": {\"value\": 10"), s);
    }

    @Test
    void whatIfTableChangesTheCycles() throws Exception {
        run("run", "--stats", image());
        long base = stat("cycles");
        Path t = dir.resolve("slow.timing");
        Files.writeString(t, "# slower DRAM\nmem.firstBeat = 40 SysClocks\n");
        assertEquals(7, run("run", "--stats", "--timing", t.toString(), image()));
        assertTrue(stat("cycles") > base, err);
    }

    @Test
    void badTimingFileIsOneLine() throws Exception {
        Path t = dir.resolve("bad.timing");
        Files.writeString(t, "l1d.latency = 3\n");
        assertEquals(ExitCodes.HOST_ERROR, run("run", "--timing", t.toString(), image()));
        assertEquals("pebble: " + t + ":1: unknown timing key 'l1d.latency'", err.strip());
    }

    @Test
    void noTimingRejectsTimingOptions() throws Exception {
        assertEquals(ExitCodes.HOST_ERROR, run("run", "--no-timing", "--check-coherence", image()));
        assertTrue(err.contains("--no-timing cannot be combined"), err);
    }

    @Test
    void sameImageSameCycles() throws Exception {
        run("run", "--stats", image());
        String first = err;
        run("run", "--stats", image());
        assertEquals(first, err);
    }
}
