package pebble.r5k.fpu;

import pebble.r5k.cli.CliRun;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * gcc-built float/double programs (src-guest/tests/fp, built by its build.sh for -march=r5000 o32, FR = 0) run
 * through the CLI in both endiannesses; the console must equal the output of the same C source compiled for
 * and run on the host (the .expected file), never output recorded from Pebble.
 */
class FpuFixtureTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({"fp, be", "fp, le"})
    void consoleMatchesTheHostBuild(String prog, String endian) throws Exception {
        Path elf = dir.resolve(prog + "-" + endian + ".elf");
        Files.write(elf, resource(prog + "-" + endian + ".elf"));
        String expected = new String(resource(prog + ".expected"), StandardCharsets.US_ASCII);

        CliRun.Result r = CliRun.pebble("run", "--max-cycles", "200000000", elf.toString());
        assertEquals(expected, r.out(), "stderr: " + r.err());
        assertEquals(0, r.exit(), "exit status");
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FpuFixtureTest.class.getResourceAsStream("/fpu/" + name)) {
            assertNotNull(in, "missing test resource /fpu/" + name + " (src-guest/tests/fp/build.sh)");
            return in.readAllBytes();
        }
    }
}
