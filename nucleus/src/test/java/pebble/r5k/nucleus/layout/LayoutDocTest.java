package pebble.r5k.nucleus.layout;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/nucleus-layout.md is rendered from the layout; this fails when the committed file drifts. */
class LayoutDocTest {
    static final Path DOC = Path.of("..", "docs", "nucleus-layout.md");

    @Test
    void committedDocMatchesTheLayout() throws IOException {
        String expected = LayoutDocWriter.render();
        if (Boolean.getBoolean("layout.doc.write")) Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/nucleus-layout.md is stale: rerun with -Dlayout.doc.write=true");
    }
}
