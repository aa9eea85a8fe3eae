package pebble.r5k.differential;

import pebble.r5k.cli.CliRun;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checked-in random n32 programs (scripts/gen-n32-program.sh, about 5000 instructions of 64-bit integer
 * code each) must print under {@code pebble run} exactly the register and memory dumps that the Linux build
 * of the same bodies printed under QEMU. Needs no external tool.
 */
class RandomProgramFixtureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"n32-random-be", "n32-random-le"})
    void bareProgramPrintsQemusDump(String name) throws Exception {
        Path elf = dir.resolve(name + ".elf");
        Files.write(elf, resource(name + ".elf"));
        String expected = new String(resource(name + ".expected"), StandardCharsets.ISO_8859_1);
        CliRun.Result r = CliRun.pebble("run", "--max-cycles", "100000000", elf.toString());
        assertEquals(expected, r.out(), r.err());
        assertEquals(0, r.exit(), r.err());
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = RandomProgramFixtureTest.class.getResourceAsStream("/random/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /random/" + name);
            return in.readAllBytes();
        }
    }
}
