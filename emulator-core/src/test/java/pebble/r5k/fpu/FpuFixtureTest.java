package pebble.r5k.fpu;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pebble.r5k.cli.PebbleCli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
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

        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        System.setOut(new PrintStream(buf, true));
        try {
            rc = PebbleCli.execute("run", "--max-cycles", "200000000", elf.toString());
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(expected, buf.toString(StandardCharsets.US_ASCII));
        assertEquals(0, rc, "exit status");
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FpuFixtureTest.class.getResourceAsStream("/fpu/" + name)) {
            assertNotNull(in, "missing test resource /fpu/" + name + " (src-guest/tests/fp/build.sh)");
            return in.readAllBytes();
        }
    }
}
