package pebble.r5k.differential;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random integer sequences run under QEMU user mode and on Pebble; every usable GPR, HI, LO and the scratch
 * buffer must agree. o32 sequences use 32-bit operations only (qemu-mips[el], a MIPS32 CPU); n32 sequences
 * add the MIPS III 64-bit operations on full 64-bit values (qemu-mipsn32[el] -cpu 5Kf).
 *
 * <p>Alternate batches run in the interpreter and translated (every block compiled to bytecode at its first
 * execution, docs/translator.md), so both engines are compared with QEMU.
 *
 * <p>{@code -Dpebble.diff.count=N} sets the sequences per configuration (default 15000) and
 * {@code -Dpebble.diff.seed=S} the seed (default fixed, so a failure reproduces).
 */
@Tag("differential")
class IntegerDifferentialTest {
    private static final int BATCH = 200;
    private static final int MAX_REPORTED = 4;

    @ParameterizedTest(name = "{0} bigEndian={1}")
    @CsvSource({"O32,true", "O32,false", "N32,true", "N32,false"})
    void pebbleAgreesWithQemu(Mode mode, boolean bigEndian) throws Exception {
        Assumptions.assumeTrue(QemuRunner.toolsPresent(mode, bigEndian),
                "needs mips-linux-gnu-as/ld and " + mode.qemu(bigEndian));
        int count = Integer.getInteger("pebble.diff.count", 15000);
        long seed = Long.decode(System.getProperty("pebble.diff.seed", "0x5EB1E")) + mode.ordinal() * 2L
                + (bigEndian ? 0 : 1);
        String label = mode.label(bigEndian);

        SeqGen gen = new SeqGen(mode, seed);
        List<List<TestCase>> batches = new ArrayList<>();
        for (int start = 0; start < count; start += BATCH) {
            List<TestCase> b = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + BATCH); i++) b.add(gen.next(i, QemuRunner.bodyAddress(i - start)));
            batches.add(b);
        }

        Path dir = Files.createTempDirectory("pebble-diff-" + label);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        StringBuilder report = new StringBuilder();
        int agreed = 0, mismatched = 0, reported = 0;
        try {
            QemuRunner qemu = new QemuRunner(mode, bigEndian);
            List<Future<QemuRunner.Outcome>> refs = new ArrayList<>();
            for (List<TestCase> b : batches) refs.add(pool.submit(() -> qemu.run(b, dir)));
            // Even batches run in the interpreter, odd ones with every block translated at its first execution:
            // both execution engines are held to QEMU.
            PebbleRunner interpreted = new PebbleRunner(bigEndian).translateAfter(0);
            PebbleRunner translated = new PebbleRunner(bigEndian).translateAfter(1);
            for (int bi = 0; bi < batches.size(); bi++) {
                List<TestCase> b = batches.get(bi);
                PebbleRunner.Outcome[] ours = (bi % 2 == 0 ? interpreted : translated).run(b);
                QemuRunner.Outcome ref = refs.get(bi).get();
                for (int k = 0; k < b.size(); k++) {
                    TestCase c = b.get(k);
                    GuestState expected = ref.states()[k];
                    String problem;
                    if (expected == null) {
                        problem = "  QEMU did not complete this case (harness bug: it must never trap): " + ref.error() + "\n";
                    } else if (ours[k].state() == null) {
                        problem = "  Pebble " + ours[k].error() + "\n";
                    } else {
                        problem = expected.diff(ours[k].state());
                    }
                    if (problem.isEmpty()) {
                        agreed++;
                        continue;
                    }
                    mismatched++;
                    if (reported++ < MAX_REPORTED) {
                        report.append(String.format("%n%s case %d (seed %#x):%n%s%s%s", label, c.index(), seed,
                                problem, c.listing(), c.initialState()));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            Tools.deleteTree(dir);
        }
        String summary = String.format("%s: %d sequences compared, %d agree with QEMU", label, count, agreed);
        System.out.println("[differential] " + summary);
        if (mismatched > 0) fail(summary + ", " + mismatched + " differ; first ones:" + report);
    }
}
