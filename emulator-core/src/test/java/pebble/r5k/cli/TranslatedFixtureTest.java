package pebble.r5k.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every gcc-built C fixture (see {@link CFixtureTest}) gives byte-identical {@code --stats-json} (cycles,
 * instructions, every stall cause, every cache and TLB counter, per ASID) and console output whether the
 * timed loop runs every instruction ({@code --no-translate}) or every block is translated at its first
 * execution ({@code --translate-after 1}).
 */
class TranslatedFixtureTest {
    @TempDir
    Path dir;

    static Stream<Arguments> allImages() {
        return Stream.concat(Stream.concat(CFixtureTest.kseg0Images(), CFixtureTest.plainImages()),
                Stream.of(Arguments.of("strings", "strings-o32-le-kseg1.elf"), Arguments.of("strings", "strings-n64-be-ckseg1.elf")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("allImages")
    void translationChangesNoCycleAndNoCounter(String program, String image) throws Exception {
        Path elf = CliRun.resourceFile(dir, "c", image);
        same(image, elf.toString());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("allImages")
    void functionalModeToo(String program, String image) throws Exception {
        Path elf = CliRun.resourceFile(dir, "c", image);
        same(image, "--no-timing", elf.toString());
    }

    /** The gcc-built FP program (src-guest/tests/fp): FP-ALU instructions dual-issue beside integer ones. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"fp-be.elf", "fp-le.elf"})
    void fpProgram(String image) throws Exception {
        Path elf = CliRun.resourceFile(dir, "fpu", image);
        same(image, elf.toString());
        same(image + " --no-timing", "--no-timing", elf.toString());
    }

    /** The example programs (src-guest/tests), in both modes and both byte orders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pebble.r5k.asm.GuestProgramsTest#programs")
    void guestProgramsToo(Path src) throws Exception {
        for (String mode : new String[] {"--max-cycles=50000000", "--no-timing"}) {
            same(src + " " + mode, mode, src.toString());
            same(src + " -EL " + mode, mode, "-EL", src.toString());
        }
    }

    /** Runs {@code args} untranslated and translated at first execution; output and statistics must match. */
    private void same(String what, String... args) throws Exception {
        Path interpreted = dir.resolve("interpreted.json"), translated = dir.resolve("translated.json");
        CliRun.Result a = CliRun.pebble(concat(new String[] {"run", "--no-translate", "--stats-json", interpreted.toString()}, args));
        CliRun.Result b = CliRun.pebble(concat(new String[] {"run", "--translate-after", "1", "--stats-json", translated.toString()}, args));
        assertEquals(a.exit(), b.exit(), what + " exit status; stderr: " + b.err());
        assertEquals(a.out(), b.out(), what + " console output");
        assertEquals(Files.readString(interpreted), Files.readString(translated), what + " statistics");
        Files.delete(interpreted);
        Files.delete(translated);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
