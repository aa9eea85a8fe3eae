package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pebble.r5k.timeline.TraceEventReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code pebble boot --sim-control src-guest/examples/marked.s --timeline}: a user domain marks timeline spans
 * through the sim-control page mapped at USER_SIMCTL_VA, and each null portal call (its SYSCALL entry and
 * ERET) lies inside its span. Without {@code --sim-control} that page is not mapped: the domain faults.
 */
class BootMarkersTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private int boot(String... options) {
        PrintStream oldOut = System.out;
        System.setOut(new PrintStream(console, true));
        try {
            String[] args = new String[options.length + 1];
            System.arraycopy(options, 0, args, 0, options.length);
            args[options.length] = Path.of("..", "src-guest", "examples", "marked.s").toString();
            return new CommandLine(new BootCommand()).execute(args);
        } finally {
            System.setOut(oldOut);
        }
    }

    private static Map<?, ?> args(Map<String, Object> e) { return (Map<?, ?>) e.get("args"); }

    private static long end(Map<String, Object> e) { return (Long) e.get("ts") + (Long) e.get("dur"); }

    @Test
    void eachPortalCallIsInsideItsMarkedSpan() throws IOException {
        Path out = dir.resolve("marked.json");
        assertEquals(0, boot("--sim-control", "--timeline", out.toString()));
        assertTrue(console.toString(StandardCharsets.UTF_8).endsWith("3 null portal calls marked\n"), console.toString());
        List<Map<String, Object>> events = TraceEventReader.events(Files.readString(out));
        List<Map<String, Object>> spans = events.stream().filter(e -> "X".equals(e.get("ph")) && Long.valueOf(257).equals(e.get("tid"))).toList();
        assertEquals(List.of("3 calls", "null portal", "null portal", "null portal"), spans.stream().map(e -> e.get("name")).sorted().toList());
        Map<String, Object> loop = spans.stream().filter(e -> "3 calls".equals(e.get("name"))).findFirst().orElseThrow();
        // The program is domain 1 (ASID 2) after the portal manager; its SYSCALLs for the null portal (index 4).
        List<Map<String, Object>> calls = events.stream().filter(e -> "Sys".equals(e.get("name"))
                && Long.valueOf(2).equals(args(e).get("asid"))).toList();
        List<Map<String, Object>> marked = spans.stream().filter(e -> "null portal".equals(e.get("name"))).toList();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> span = marked.get(i), call = calls.get(i);
            assertTrue((Long) span.get("ts") >= (Long) loop.get("ts") && end(span) <= end(loop), span.toString());
            assertTrue((Long) call.get("ts") > (Long) span.get("ts") && end(call) < end(span), call + " not inside " + span);
        }
    }

    @Test
    void withoutTheOptionThePageIsNotMapped() {
        assertEquals(1, boot());
        // li $s0 (lui), li $s1, then MARK_BEGIN's la (lui, addiu) and its store at +0x10, to MARK_BEGIN (+0xC).
        assertEquals("Pebble nucleus: 2 domains, L2 on\n"
                + "pebble: domain 1 (marked) fault TLBS at EPC 0x00400010, BadVAddr 0x7fff000c\n", console.toString(StandardCharsets.UTF_8));
    }
}
