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
    /** Cycles of the IPC-dense variant (one round per slice) under the default timing table. */
    static final long IPC_DENSE_TIMED_CYCLES = 4_144_847L;

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

    /**
     * The IPC-dense variant: the same kernel, one round of work per slice (output from the same arithmetic,
     * with rounds = 1 for both processes). Pinned like the trace, so a translator change that moved a cycle
     * of this SYSCALL/ERET/EntryHi/TLBWR-dense code would show here.
     */
    @Test
    void ipcDenseCounts() {
        for (boolean be : new boolean[] {true, false}) {
            byte[] image = Workloads.ipcDenseKernelImage(be);
            for (int translateAfter : new int[] {0, 1, Machine.DEFAULT_TRANSLATE_AFTER}) {
                String what = (be ? "BE" : "LE") + ", translate after " + translateAfter;
                for (boolean timed : new boolean[] {false, true}) {
                    ByteArrayOutputStream console = new ByteArrayOutputStream();
                    Machine m = Workloads.load(image, "kernel.s", console);
                    if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter); else m.setTranslateAfter(translateAfter);
                    Machine.RunResult r = m.run(Long.MAX_VALUE);
                    String how = what + (timed ? ", timed" : ", functional");
                    assertEquals(0, r.exitStatus(), how);
                    assertEquals(Workloads.IPC_DENSE_INSTRUCTIONS, r.instructions(), how);
                    if (timed) assertEquals(IPC_DENSE_TIMED_CYCLES, r.cycles(), how);
                    assertEquals(10_000, m.cpu().tlbRefills, how + ": one refill per new page pair");
                    assertEquals(Workloads.IPC_DENSE_OUTPUT, console.toString(), how);
                }
            }
        }
    }
}
