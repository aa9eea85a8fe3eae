package pebble.r5k.differential;

import pebble.r5k.cli.CliRun;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Held-out random n32 programs ({@link LongProgram}: chained bodies, thousands of 64-bit instructions, a
 * register + scratch dump every 10 bodies): the bare build under {@code pebble run} must print exactly what
 * the Linux build prints under {@code qemu-mipsn32[el] -cpu 5Kf}. The seeds differ from the checked-in
 * fixture's. {@code -Dpebble.diff.programs=N} sets the programs per byte order (default 20).
 */
@Tag("differential")
class LongProgramDifferentialTest {
    private static final int BODIES = 100;

    @ParameterizedTest(name = "bigEndian={0}")
    @ValueSource(booleans = {true, false})
    void pebblePrintsWhatQemuPrints(boolean bigEndian) throws Exception {
        String qemu = bigEndian ? "qemu-mipsn32" : "qemu-mipsn32el";
        Assumptions.assumeTrue(Tools.allPresent("mips-linux-gnu-as", "mips-linux-gnu-ld", qemu),
                "needs mips-linux-gnu-as/ld and " + qemu);
        int programs = Integer.getInteger("pebble.diff.programs", 20);
        long seed0 = Long.decode(System.getProperty("pebble.diff.seed", "0x5EB1E")) * 31 + (bigEndian ? 0 : 1000);
        String em = bigEndian ? "elf32btsmipn32" : "elf32ltsmipn32";
        Path dir = Files.createTempDirectory("pebble-long");
        long instructions = 0;
        try {
            for (int i = 0; i < programs; i++) {
                long seed = seed0 + i;
                LongProgram p = new LongProgram(seed, BODIES, 10);
                instructions += p.instructionCount();
                p.write(dir);
                for (String t : new String[] {"bare", "linux"}) {
                    Tools.check(dir, List.of("mips-linux-gnu-as", bigEndian ? "-EB" : "-EL", "-mabi=n32",
                            "-march=r5000", "-o", t + ".o", t + ".s"), 60);
                }
                Tools.check(dir, List.of("mips-linux-gnu-ld", "-m", em, "-static", "-e", "__start", "-o", "linux",
                        "linux.o"), 60);
                Tools.check(dir, List.of("mips-linux-gnu-ld", "-m", em, "-static", "-e", "__start",
                        "-Ttext-segment=0x80100000", "-o", "bare.elf", "bare.o"), 60);
                Tools.Result ref = Tools.run(dir, List.of(qemu, "-cpu", "5Kf", "./linux"), 60);
                assertEquals(0, ref.exitCode(), "qemu: " + ref.stderr());
                String expected = new String(ref.stdout(), java.nio.charset.StandardCharsets.ISO_8859_1);
                CliRun.Result ours = CliRun.pebble("run", "--max-cycles", "100000000", dir.resolve("bare.elf").toString());
                assertEquals(expected, ours.out(), "program seed " + seed + " (regenerate with scripts/gen-n32-program.sh "
                        + seed + " " + BODIES + " /tmp/x); stderr: " + ours.err());
                assertEquals(0, ours.exit(), ours.err());
            }
        } finally {
            Tools.deleteTree(dir);
        }
        System.out.printf("[differential] n32-%s long programs: %d sequences compared (%d programs, %d instructions)%n",
                bigEndian ? "be" : "le", programs * BODIES, programs, instructions);
    }
}
