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
        Path interpreted = dir.resolve("interpreted.json"), translated = dir.resolve("translated.json");
        CliRun.Result a = CliRun.pebble("run", "--no-translate", "--stats-json", interpreted.toString(), elf.toString());
        CliRun.Result b = CliRun.pebble("run", "--translate-after", "1", "--stats-json", translated.toString(), elf.toString());
        assertEquals(a.exit(), b.exit(), image + " exit status; stderr: " + b.err());
        assertEquals(a.out(), b.out(), image + " console output");
        assertEquals(Files.readString(interpreted), Files.readString(translated), image + " statistics");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("allImages")
    void functionalModeToo(String program, String image) throws Exception {
        Path elf = CliRun.resourceFile(dir, "c", image);
        Path interpreted = dir.resolve("interpreted.json"), translated = dir.resolve("translated.json");
        CliRun.Result a = CliRun.pebble("run", "--no-timing", "--no-translate", "--stats-json", interpreted.toString(), elf.toString());
        CliRun.Result b = CliRun.pebble("run", "--no-timing", "--translate-after", "1", "--stats-json", translated.toString(), elf.toString());
        assertEquals(a.exit(), b.exit(), image + " exit status; stderr: " + b.err());
        assertEquals(a.out(), b.out(), image + " console output");
        assertEquals(Files.readString(interpreted), Files.readString(translated), image + " statistics");
    }
}
