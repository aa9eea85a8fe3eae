package pebble.r5k.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * gcc-built freestanding C programs (src-guest/tests/c, rebuilt by scripts/build-c-fixtures.sh) run through
 * {@code pebble run}. Console output and exit status must equal what the same source printed when compiled
 * and run natively on the build host ({@code <prog>.expected}, {@code <prog>.status}), so no expectation
 * comes from Pebble itself and no cross compiler is needed here.
 */
class CFixtureTest {
    static final String[] PROGRAMS = {"strings", "recursion", "switch", "longlong", "structs", "funcptr"};
    static final String[] ABIS = {"o32", "n32", "n64"};

    @TempDir
    Path dir;

    static Stream<Arguments> kseg0Images() { return images(""); }

    static Stream<Arguments> plainImages() { return images("-plain"); }

    private static Stream<Arguments> images(String variant) {
        List<Arguments> out = new ArrayList<>();
        for (String p : PROGRAMS) {
            for (String abi : ABIS) {
                for (String e : new String[] {"be", "le"}) out.add(Arguments.of(p, p + "-" + abi + "-" + e + variant + ".elf"));
            }
        }
        return out.stream();
    }

    /** Static images linked at KSEG0 (CKSEG0 for n64), as a boot monitor loads them. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("kseg0Images")
    void kseg0ImagePrintsWhatTheHostBuildPrinted(String program, String image) throws Exception {
        check(program, image);
    }

    /** Uncached images: KSEG1 for o32, CKSEG1 (0xffffffffa0100000) for ELF64. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"strings-o32-le-kseg1.elf", "strings-n64-be-ckseg1.elf"})
    void kseg1ImagePrintsWhatTheHostBuildPrinted(String image) throws Exception {
        check("strings", image);
    }

    /** Built with only "-O2 -march=r5000 -mabi=... -ffreestanding -nostdlib": Debian's gcc makes a PIE at 0. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("plainImages")
    void plainPieImagePrintsWhatTheHostBuildPrinted(String program, String image) throws Exception {
        check(program, image);
    }

    private void check(String program, String image) throws Exception {
        Path elf = dir.resolve(image);
        Files.write(elf, resource(image));
        String expected = new String(resource(program + ".expected"), StandardCharsets.US_ASCII);
        int status = Integer.parseInt(new String(resource(program + ".status"), StandardCharsets.US_ASCII).strip());

        CliRun.Result r = CliRun.pebble("run", "--max-cycles", "200000000", elf.toString());
        assertEquals(expected, r.out(), image + " console output; stderr: " + r.err());
        assertEquals(status, r.exit(), image + " exit status; stderr: " + r.err());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CFixtureTest.class.getResourceAsStream("/c/" + name)) {
            if (in == null) throw new IOException("missing test resource /c/" + name);
            return in.readAllBytes();
        }
    }
}
