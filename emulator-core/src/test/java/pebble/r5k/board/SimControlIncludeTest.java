package pebble.r5k.board;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;
import pebble.r5k.timeline.TraceEventReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** src-guest/include/sim-control.inc (hand-written for guests) says what {@link SimControl} does. */
class SimControlIncludeTest {
    static final Path INCLUDE = Path.of("..", "src-guest", "include");

    @TempDir
    Path dir;

    @Test
    void constantsAreTheDevicesOwn() throws IOException {
        Map<String, Long> equ = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*\\.equ\\s+(\\w+),\\s*0x([0-9a-f]+)").matcher(Files.readString(INCLUDE.resolve("sim-control.inc")));
        while (m.find()) equ.put(m.group(1), Long.parseLong(m.group(2), 16));
        assertEquals(Map.of("SIMCTL_BASE", 0xA0000000L | SimControl.BASE, "SIMCTL_EXIT", (long) SimControl.EXIT,
                "SIMCTL_CYCLE_LO", (long) SimControl.CYCLE_LO, "SIMCTL_CYCLE_HI", (long) SimControl.CYCLE_HI,
                "SIMCTL_MARK_BEGIN", (long) SimControl.MARK_BEGIN, "SIMCTL_MARK_END", (long) SimControl.MARK_END), equ);
    }

    /** The macros open and close a named span: li (1) + la (2) + sw, a nop, la (2) + sw: the span is 3..7. */
    @Test
    void markerMacrosMakeASpan() throws IOException {
        Path src = dir.resolve("span.s"), out = dir.resolve("t.json");
        Files.writeString(src, """
                        .include "sim-control.inc"
                        .text
                        .globl _start
                _start:
                        li      $s0, SIMCTL_BASE
                        MARK_BEGIN span, $s0, $t0
                        nop
                        MARK_END span, $s0, $t0
                        sw      $zero, SIMCTL_EXIT($s0)
                        .data
                span:   .asciz "loop body"
                """);
        CliRun.Result r = CliRun.pebble("run", src.toString(), "-I", INCLUDE.toString(), "--no-timing", "--timeline", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<Map<String, Object>> spans = TraceEventReader.events(Files.readString(out)).stream()
                .filter(e -> "marker".equals(e.get("cat"))).toList();
        assertEquals(1, spans.size());
        assertEquals("loop body", spans.get(0).get("name"));
        assertEquals(3L, spans.get(0).get("ts"));
        assertEquals(4L, spans.get(0).get("dur"));
    }
}
