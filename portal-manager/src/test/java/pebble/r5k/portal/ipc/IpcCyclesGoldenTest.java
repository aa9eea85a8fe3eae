package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The per-leg cycles of Tables 1 and 2 (no window, an untouched window, a window the callee writes:
 * "window + fault") and of the null short-circuit portal, measured in the
 * guest as the paper does (§7: Count, which ticks every other cycle, read by hrtime before and after
 * 10,000 iterations), pinned exactly in golden/ipc-legs.txt: the simulation is deterministic, so any change
 * to the portal code, the nucleus or the timing model shows here. The file's numbers are explained in
 * docs/portal-cycles.md; never edit them toward the paper.
 */
class IpcCyclesGoldenTest {
    @Test void perLegCyclesMatchTheGoldenFile() throws IOException {
        List<String> expected = new ArrayList<>(), actual = new ArrayList<>();
        for (String line : golden()) {
            String[] f = line.trim().split("\\s+");
            // name: "null" or "<spec> n=<domains> [touch]"; then the Count ticks of the whole loop and cycles per leg
            boolean isNull = f[0].equals("null");
            IpcTiming.Case c = isNull ? new IpcTiming.Case(null, 1)
                    : new IpcTiming.Case(f[0], Integer.parseInt(f[1].substring(2)), f[2].equals("touch"));
            expected.add(String.join(" ", f));
            actual.add(String.join(" ", format(c, IpcTiming.ticks(c)).trim().split("\\s+")));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    static String format(IpcTiming.Case c, long ticks) {
        double perLeg = 2.0 * ticks / ((double) IpcPrograms.ITERATIONS * c.legsPerIteration());
        return String.format("%-12s %9d %8.2f", c.name(), ticks, perLeg);
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = IpcCyclesGoldenTest.class.getResourceAsStream("/golden/ipc-legs.txt")) {
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) lines.add(l);
            }
            return lines;
        }
    }
}
