package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The null short-circuit portal measured in the guest with Count, as the paper's Table 1 does (§7.1; the
 * paper reports 45 cycles). The timed run is deterministic, so its console output is pinned exactly in
 * golden/nullportal/expected.out; regenerate with -Dgolden.write=true after a deliberate change.
 */
class NullPortalCyclesTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/nullportal/expected.out");

    @Test
    void nullPortalCyclesMatchTheGoldenFile() throws IOException {
        GuestRun r = GuestRun.boot(true, "nullportal.s", GuestSources.load("nullportal.s"));
        assertEquals(0, r.status(), r.console());
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, r.console(), StandardCharsets.ISO_8859_1);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.ISO_8859_1), r.console());
        System.out.printf("null short-circuit portal: %.1f cycles per traversal (paper, Table 1: 45)%n", cyclesPerNull(r.console()));
    }

    @Test
    void functionalRunCountsOneCyclePerInstruction() {
        // Without the timing model every instruction takes one cycle, so the traversal costs exactly its
        // instruction count: syscall + 16 vector instructions + RETURN_SKIP_SYSCALL (4) + the li = 22
        // (Count ticks every other cycle, so 100 traversals are 1100 ticks more than the empty measurement).
        GuestRun r = GuestRun.boot(false, "nullportal.s", GuestSources.load("nullportal.s"));
        assertEquals(0, r.status(), r.console());
        assertEquals(22.0, cyclesPerNull(r.console()), 0.0);
    }

    /** 2 * (T100 - T0) / 100 from "null100 T100 empty T0". */
    static double cyclesPerNull(String console) {
        Matcher m = Pattern.compile("null100 (\\d+) empty (\\d+)").matcher(console);
        assertTrue(m.find(), console);
        return 2.0 * (Long.parseLong(m.group(1)) - Long.parseLong(m.group(2))) / 100;
    }
}
