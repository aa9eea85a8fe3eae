package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;


import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

/**
 * A timed group's one check assumes its loads and stores hit and its block start's fetch hits; where they miss,
 * the stall comes after the check, and the rest of the group is checked again (RegionExits.groupRecheck,
 * fetchRecheck); a same-line transfer back to a block start checks that block's whole group
 * (RegionExits.blockBound). Here every load and store of a one-line loop misses the D-cache (two streams of new
 * lines), the loop's back branch stays in its line, and two calls to code that shares the loop's I-cache set
 * (one way apart and two) evict the loop's line before each pass, so the loop's block start misses the
 * I-cache; a second one-line loop's load hits. Run in slices of one cycle, of random length and under timer interrupts (BoundSweep), translated and
 * not, it must end exactly as the loop alone does. (BoundGroupTest covers the groups of one-cycle instructions.)
 */
class MissBoundGroupTest {
    private static final long DATA = 0xFFFFFFFF80020000L, STORES = 0xFFFFFFFF80040000L;
    /** The I-cache's way size (32 KB, two ways: hardware reference): code this far apart shares a set. */
    private static final int WAY = 16 * 1024;

    @Test
    void cycleLimitsOnEveryInstruction() {
        BoundSweep.cycleLimits(MissBoundGroupTest::run);
    }

    @Test
    void timerInterruptsOverEveryInstruction() {
        BoundSweep.timerInterrupts(MissBoundGroupTest::run, 30, 70, 3);
    }

    /** Word index of the loop's first instruction (a line start), and of the two subroutines. */
    private static final int LOOP = 16, SUB1 = LOOP + WAY / 4, SUB2 = LOOP + 2 * WAY / 4;

    private static int[] program() {
        TestCode t = new TestCode();
        t.li(T9, 100).li(S1, (int) DATA).li(S2, (int) STORES).li(SP, (int) DATA - 64);
        int outer = t.words.size();
        t.i(Op.ADDIU, T8, ZERO, 6);
        t.i(Op.JAL, jalTarget(SUB1)).word(0);
        while (t.words.size() < LOOP - 2) t.i(Op.ADDU, T6, T6, T8); // up to the line before the loop's
        t.i(Op.JAL, jalTarget(SUB2)).word(0); // returns to the loop, whose line the two calls evicted
        if (t.words.size() != LOOP) throw new IllegalStateException("loop at word " + t.words.size());
        // One line: a load and a store that miss, the load's use (an interlock), back in the same line.
        t.i(Op.LW, A0, 0, S1).i(Op.ADDU, T5, T5, A0).i(Op.SW, T5, 0, S2).i(Op.ADDIU, S2, S2, 32)
                .i(Op.ADDIU, T8, T8, -1);
        t.i(Op.BNE, T8, ZERO, LOOP - (t.words.size() + 1)).i(Op.ADDIU, S1, S1, 32);
        // Another one-line loop whose load hits: there the back branch's check alone guards the group.
        t.i(Op.ADDIU, T3, ZERO, 5);
        while (t.words.size() % 8 != 0) t.i(Op.ADDU, T6, T6, T3);
        int hits = t.words.size();
        t.i(Op.LW, A1, 0, SP).i(Op.ADDU, T4, T4, A1).i(Op.ADDIU, T3, T3, -1);
        t.i(Op.BNE, T3, ZERO, hits - (t.words.size() + 1)).i(Op.XOR, T2, T2, T4);
        t.i(Op.ADDIU, T9, T9, -1);
        t.i(Op.BNE, T9, ZERO, outer - (t.words.size() + 1)).word(0);
        t.li(A1, 0xBFFF0000).i(Op.SW, T5, 0, A1); // halt
        while (t.words.size() < SUB1) t.word(0);
        t.i(Op.JR, RA).i(Op.ADDIU, T7, T7, 1);
        while (t.words.size() < SUB2) t.word(0);
        t.i(Op.JR, RA).i(Op.ADDIU, T7, T7, 2);
        return t.array();
    }

    private static long jalTarget(int word) {
        return (TestCode.CODE + 4L * word >>> 2) & 0x03FFFFFF;
    }

    private static String run(boolean timed, int translateAfter, int rearm, int slice, int seed) {
        Machine m = BoundSweep.machine(program(), timed, translateAfter, rearm);
        String end = BoundSweep.sliced(m, slice, seed, 400_000, rearm > 0 ? 30 : 0);
        assertTrue(m.cpu().gpr[T7] == 300, "both subroutines ran every pass: " + m.cpu().gpr[T7]);
        return end;
    }
}
