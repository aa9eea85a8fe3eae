package pebble.r5k.nucleus.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Guest programs kept as test resources under guest/. */
final class GuestSources {
    private GuestSources() {}

    static String load(String name) {
        try (InputStream in = GuestSources.class.getResourceAsStream("/guest/" + name)) {
            if (in == null) throw new IllegalArgumentException("no test resource guest/" + name);
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
