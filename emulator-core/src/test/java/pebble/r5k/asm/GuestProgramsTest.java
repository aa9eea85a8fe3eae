package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import pebble.r5k.Machine;

/**
 * Every {@code src-guest/tests/**}{@code /*.s} (and {@code .S} with an {@code .expected} file) is assembled (big- and little-endian) and run on the
 * emulated P-5064; its console output must equal {@code NAME.expected} and it must halt with status 0.
 */
class GuestProgramsTest {
    static final Path TESTS = Path.of("..", "src-guest", "tests");

    static Stream<Path> programs() throws IOException {
        List<Path> list;
        try (Stream<Path> s = Files.walk(TESTS)) {
            // .S sources (preprocessed) when they come with an .expected file (fp/crt0.S is a gcc start-up file)
            list = s.filter(p -> p.toString().endsWith(".s") || p.toString().endsWith(".S") && Files.exists(expected(p))).sorted().toList();
        }
        assertTrue(list.size() >= 4, "example programs found: " + list);
        return list.stream();
    }

    static Path expected(Path src) {
        return src.resolveSibling(src.getFileName().toString().replaceFirst("\\.[sS]$", ".expected"));
    }

    /** Assembles and runs one program; returns its console output. */
    static String run(Path src, boolean bigEndian) throws Exception {
        AssembledProgram p = Assembler.assemble(List.of(src), AsmOptions.defaults().withBigEndian(bigEndian));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = Machine.create(bigEndian, Machine.DEFAULT_RAM_BYTES, console, new ByteArrayInputStream(new byte[0]));
        for (AssembledProgram.OutSection s : p.sections()) {
            if (!s.nobits()) m.ram().loadBytes(Machine.kernelPhysical(s.addr()), s.data(), 0, s.data().length);
        }
        m.startImage(p.entry(), false);
        Machine.RunResult r = m.run(50_000_000L);
        assertTrue(r.halted(), src + " did not halt: " + r.detail());
        assertEquals(0, r.exitStatus(), src + " exit status");
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void printsExpectedOutput(Path src) throws Exception {
        String expected = Files.readString(expected(src), StandardCharsets.ISO_8859_1);
        assertEquals(expected, run(src, true), src + " (big-endian)");
        assertEquals(expected, run(src, false), src + " (little-endian)");
    }
}
