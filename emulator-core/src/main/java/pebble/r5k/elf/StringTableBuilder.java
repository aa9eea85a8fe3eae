package pebble.r5k.elf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Builds an ELF string table (.strtab/.shstrtab): offset 0 is the empty string, equal names share bytes. */
final class StringTableBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new HashMap<>();

    StringTableBuilder() {
        bytes.write(0);
        offsets.put("", 0);
    }

    int add(String s) {
        Integer known = offsets.get(s);
        if (known != null) return known;
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("name contains NUL: " + s);
        int off = bytes.size();
        byte[] enc = s.getBytes(StandardCharsets.ISO_8859_1);
        bytes.write(enc, 0, enc.length);
        bytes.write(0);
        offsets.put(s, off);
        return off;
    }

    byte[] toByteArray() { return bytes.toByteArray(); }
}
