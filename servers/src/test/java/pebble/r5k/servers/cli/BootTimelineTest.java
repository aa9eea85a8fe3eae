package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pebble.r5k.timeline.TraceEventReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code pebble boot src-guest/examples/hello.s --timeline}: the ASID tracks carry the domains' names (the
 * system builder's, through BootedSystem.nameAsids), and the exceptions are hello's portal calls.
 */
class BootTimelineTest {
    @TempDir Path dir;

    private List<Map<String, Object>> boot(String... mode) throws IOException {
        Path out = dir.resolve("boot.json");
        PrintStream oldOut = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            String[] args = new String[mode.length + 3];
            System.arraycopy(mode, 0, args, 0, mode.length);
            args[mode.length] = Path.of("..", "src-guest", "examples", "hello.s").toString();
            args[mode.length + 1] = "--timeline";
            args[mode.length + 2] = out.toString();
            assertEquals(0, new CommandLine(new BootCommand()).execute(args));
        } finally {
            System.setOut(oldOut);
        }
        return TraceEventReader.events(Files.readString(out));
    }

    @Test
    void tracksAreNamedAfterTheDomainsAndShowHellosPortalCalls() throws IOException {
        List<Map<String, Object>> events = boot();
        assertEquals(List.of("exceptions and interrupts", "markers", "nucleus (ASID 0)", "portal-manager (ASID 1)",
                "hello (ASID 2)"), events.stream().filter(e -> "thread_name".equals(e.get("name")))
                .map(e -> ((Map<?, ?>) e.get("args")).get("name")).toList());
        // The running ASID as slices on its own track, named like it: the nucleus boots in ASID 0, then the
        // portal manager (domain 0, ASID 1) and hello (domain 1, ASID 2) run.
        for (long asid = 0; asid <= 2; asid++) {
            long a = asid;
            assertTrue(events.stream().anyMatch(e -> "X".equals(e.get("ph")) && Long.valueOf(a).equals(e.get("tid"))
                    && ((String) e.get("name")).endsWith("(ASID " + a + ")")), "no slice for ASID " + a);
        }
        // hello.s makes 50 system calls (docs/abi.md portals): PUTS of 28 + 15 + 4 characters, two HRTIME, EXIT;
        // the EXIT never returns (the nucleus ends the run), so its slice is open at the end.
        List<Map<String, Object>> hellos = events.stream()
                .filter(e -> "Sys".equals(e.get("name")) && Long.valueOf(2).equals(((Map<?, ?>) e.get("args")).get("asid"))).toList();
        assertEquals(50, hellos.size());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) hellos.get(49).get("args")).get("open_at_end"));
        for (Map<String, Object> e : hellos.subList(0, 49)) assertNotNull(((Map<?, ?>) e.get("args")).get("eret_to"), e.toString());
    }

    /** The nucleus's exceptions and ERETs go through the same hooks with translation on and off. */
    @Test
    void sameTimelineWithAndWithoutTranslation() throws IOException {
        assertEquals(boot("--no-translate"), boot("--translate-after=1"));
        assertEquals(boot("--no-translate"), boot());
    }
}
