package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.portal.server.PortalManagerAbi.PM_FLAG_NO_SYNC;
import static pebble.r5k.portal.server.PortalManagerServerTest.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Portal generation time (§7.5, Table 6: "the time measured by an application program, including all
 * overheads incurred by the portal manager"): the maker reads hrtime (Count, every other cycle), asks for
 * {@link #REQUESTS} portals of one spec, reads hrtime again. Pinned exactly in golden/pm-generation.txt
 * (the run is deterministic), with and without the cache sync to show its share. The paper's table is not
 * in our copy of the text, so there is nothing to compare with; never tune toward anything.
 */
class PortalGenerationCyclesTest {
    static final int REQUESTS = 20;

    static long ticks(String spec, int flags) {
        StringBuilder reqs = new StringBuilder("        HRTIME\n        move    $s5, $v0\n");
        for (int i = 0; i < REQUESTS; i++) {
            String r = request(spec, i, flags);
            reqs.append(r, 0, r.indexOf("        jal     puthex"));
        }
        reqs.append("        HRTIME\n        subu    $a0, $v0, $s5\n        jal     puthex\n        nop\n");
        Run run = run(true, PortalManagerServerTest.IDLE_CLIENT, maker(reqs.toString(), 1));
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
        return Long.parseLong(run.console().trim(), 16);
    }

    static String line(String spec, boolean sync) {
        long t = ticks(spec, sync ? 0 : PM_FLAG_NO_SYNC);
        return String.format("%s %s %d %.1f", spec, sync ? "sync" : "nosync", t, 2.0 * t / REQUESTS);
    }

    @Test
    void generationCyclesMatchTheGoldenFile() throws IOException {
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (String l : golden()) {
            String[] f = l.trim().split("\\s+");
            expected.add(String.join(" ", f));
            actual.add(line(f[0], f[1].equals("sync")));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = PortalGenerationCyclesTest.class.getResourceAsStream("/golden/pm-generation.txt")) {
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) lines.add(l);
            }
            return lines;
        }
    }
}
