package pebble.r5k.elf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed gcc-built ELF fixtures from src/test/resources/elf (see build.sh there). */
final class Fixtures {
    private Fixtures() {}

    static final String O32_BE = "tiny-o32-be.elf";
    static final String O32_LE = "tiny-o32-le.elf";
    static final String N32_BE = "tiny-n32-be.elf";
    static final String N64_BE = "tiny-n64-be.elf";
    static final String O32_OBJ = "tiny-o32-be.o";
    static final String[] ALL = {O32_BE, O32_LE, N32_BE, N64_BE, O32_OBJ};

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/elf/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ElfFile read(String name) throws ElfFormatException {
        return ElfReader.read(bytes(name), name);
    }
}
