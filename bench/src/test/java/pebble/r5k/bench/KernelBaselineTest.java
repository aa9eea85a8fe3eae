package pebble.r5k.bench;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernel-style trace's exact counts, both byte orders, timing off and on, translated and not. Its output
 * (two checksums) was computed from the program's arithmetic alone, outside Pebble: for a process with
 * {@code rounds} = 24 (A) or 20 (B) and 10,000 slices over a 64-word window {@code mem},
 * {@code s += mem[i]; for t = rounds..1 { s += t; s ^= s << 5; s ^= s >>> 7 } mem[i] = s; i = (i + 1) & 63}
 * in 32-bit arithmetic. A timing-model change that moves the cycles must update them here and say why.
 */
class KernelBaselineTest {
    /** Cycles of the trace under the default timing table (same for both byte orders). */
    static final long TIMED_CYCLES = 7_504_851L;

    @Test
    void counts() {
        for (boolean be : new boolean[] {true, false}) {
            byte[] image = Workloads.kernelImage(be);
            for (int translateAfter : new int[] {0, Machine.DEFAULT_TRANSLATE_AFTER}) {
                String what = (be ? "BE" : "LE") + ", translate after " + translateAfter;
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                Machine f = Workloads.load(image, "kernel.s", console);
                f.setTranslateAfter(translateAfter);
                Machine.RunResult r = f.run(Long.MAX_VALUE);
                assertEquals(0, r.exitStatus(), what);
                assertEquals(Workloads.KERNEL_INSTRUCTIONS, r.instructions(), what);
                assertEquals(Workloads.KERNEL_OUTPUT, console.toString(), what);

                console = new ByteArrayOutputStream();
                Machine t = Workloads.load(image, "kernel.s", console);
                t.enableTiming(TimingTable.defaults(), null, translateAfter);
                r = t.run(Long.MAX_VALUE);
                assertEquals(Workloads.KERNEL_INSTRUCTIONS, r.instructions(), what + ", timed");
                assertEquals(TIMED_CYCLES, r.cycles(), what + ", timed");
                assertEquals(10_000, t.cpu().tlbRefills, what + ": one refill per new page pair");
                assertEquals(Workloads.KERNEL_OUTPUT, console.toString(), what + ", timed");
            }
        }
    }
}
