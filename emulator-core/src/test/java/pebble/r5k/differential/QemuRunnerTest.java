package pebble.r5k.differential;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The QEMU side of the harness on its own: known results, and generated batches that never trap. */
@Tag("differential")
class QemuRunnerTest {

    private static TestCase handMade(int index, Mode mode) {
        long[] gpr = new long[32];
        gpr[3] = 10;
        gpr[4] = mode.is64() ? 0x1234_5678_9ABC_DEF0L : -2;
        int[] body = {
            Enc.i(0x09, 3, 2, 5),            // addiu $2,$3,5
            Enc.sw(2, 8, SeqGen.BASE),       // sw $2,8($gp)
            Enc.r(0x18, 3, 3, 0, 0),         // mult $3,$3
            Enc.r(0x25, 4, 0, 5, 0),         // or $5,$4,$0
        };
        String[] asm = {"addiu $2,$3,5", "sw $2,8($28)", "mult $3,$3", "or $5,$4,$0"};
        byte[] scratch = new byte[SeqGen.SCRATCH];
        for (int i = 0; i < scratch.length; i++) scratch[i] = (byte) i;
        return new TestCase(index, body, asm, gpr, 7, 9, scratch);
    }

    @ParameterizedTest(name = "{0} bigEndian={1}")
    @CsvSource({"O32,true", "O32,false", "N32,true", "N32,false"})
    void knownResultsAndGeneratedBatchesRunToTheEnd(Mode mode, boolean bigEndian) throws Exception {
        Assumptions.assumeTrue(QemuRunner.toolsPresent(mode, bigEndian), "QEMU user mode / binutils not installed");
        Path dir = Files.createTempDirectory("pebble-qemu");
        try {
            QemuRunner q = new QemuRunner(mode, bigEndian);
            List<TestCase> cases = new ArrayList<>();
            cases.add(handMade(0, mode));
            SeqGen g = new SeqGen(mode, 1234);
            for (int i = 1; i < 200; i++) cases.add(g.next(i));
            QemuRunner.Outcome out = q.run(cases, dir);
            assertNull(out.error(), () -> out.error() + "\n" + failedCase(cases, out));

            GuestState s = out.states()[0];
            assertEquals(15, s.gpr[2]);
            assertEquals(100, s.lo);
            assertEquals(0, s.hi);
            assertEquals(mode.is64() ? 0x1234_5678_9ABC_DEF0L : -2, s.gpr[5]);
            assertEquals(10, s.gpr[3]);
            assertEquals(0, s.gpr[0]);
            int at = bigEndian ? 11 : 8; // the byte holding the 15
            assertEquals(15, s.scratch[at]);
            assertEquals(0, s.scratch[bigEndian ? 8 : 11]);
            assertEquals(12, s.scratch[12]); // untouched
        } finally {
            Tools.deleteTree(dir);
        }
    }

    private static String failedCase(List<TestCase> cases, QemuRunner.Outcome out) {
        for (int i = 0; i < out.states().length; i++) {
            if (out.states()[i] == null) return "first unfinished case " + i + ":\n" + cases.get(i).listing();
        }
        return "";
    }
}
