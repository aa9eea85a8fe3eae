package pebble.r5k.timing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** docs/timing.md is generated from R5000Timing; this fails when the committed copy drifts. */
class TimingDocTest {
    @Test
    void committedDocMatchesRendering() throws Exception {
        Path doc = Path.of("..", "docs", "timing.md");
        assertTrue(Files.exists(doc), "missing " + doc.toAbsolutePath());
        String committed = Files.readString(doc);
        assertEquals(TimingDocWriter.render(), committed,
                "docs/timing.md is out of date with R5000Timing; regenerate it from the repository root with: "
                        + "mvn -q -o -pl emulator-core compile && "
                        + "java -cp emulator-core/target/classes pebble.r5k.timing.TimingDocWriter docs/timing.md");
    }

    @Test
    void renderingListsEveryKey() {
        String doc = TimingDocWriter.render();
        for (TimingParam p : R5000Timing.params()) {
            if (p.key().startsWith("latency.") || p.key().startsWith("repeat.")) continue;
            assertTrue(doc.contains("`" + p.key() + "`"), p.key());
        }
        assertTrue(doc.contains("| MULT (`mult`) | 5 | 5 | V |"));
    }
}
