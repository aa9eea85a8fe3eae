package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

/**
 * Timed regions check the bound once per group of instructions (RegionExits.groupBound): the cycle limit and
 * the next event must still stop a region at exactly the instruction where the loop stops. A loop of long
 * straight runs of one-cycle ALU instructions (groups up to a line long), with a load, an interlock and a
 * branch between them, runs in slices one cycle long (a limit on every instruction), in slices of random
 * length, and with the timer interrupting at offsets that move it over every instruction of the runs. Each
 * run, timed and functional, translated at the first execution and after three, must end exactly as the
 * loop alone does: registers, PC state, CP0, cycles and the statistics JSON.
 */
class BoundGroupTest {
    private static final long DATA = 0xFFFFFFFF80010000L;

    /** Slices of one cycle, then of 1 to 12 cycles: the limit falls inside groups that start below it. */
    @Test
    void cycleLimitsOnEveryInstruction() {
        BoundSweep.cycleLimits(BoundGroupTest::run);
    }

    @Test
    void timerInterruptsOverEveryInstruction() {
        BoundSweep.timerInterrupts(BoundGroupTest::run, 12, 60, 1);
    }

    /** The straight runs: 20 one-cycle ALU instructions (mostly each other's sources, none pending long). */
    private static void straightRun(TestCode t) {
        for (int k = 0; k < 4; k++) {
            t.i(Op.ADDIU, T0, T0, 1 + k).i(Op.ADDU, T1, T1, T0).i(Op.XOR, T2, T2, T1).i(Op.SLL, T3, T2, 3)
                    .i(Op.OR, T4, T4, T3);
        }
    }

    /** The program: 150 times two straight runs around a load and its use, then halt. */
    private static int[] program() {
        TestCode t = new TestCode();
        t.li(T9, 150).li(S0, (int) DATA);
        int loop = t.words.size();
        straightRun(t);
        t.i(Op.LW, A0, 0, S0).i(Op.ADDU, T5, T5, A0); // a memory call, then an interlock on its result
        straightRun(t);
        t.i(Op.ADDIU, T9, T9, -1);
        int back = loop - (t.words.size() + 1);
        t.i(Op.BNE, T9, ZERO, back).i(Op.ADDU, T6, T6, T4); // the slot
        t.li(A1, 0xBFFF0000).i(Op.SW, T1, 0, A1); // halt (TestCode.haltWith uses K1, which the handler changes)
        return t.array();
    }

    private static String run(boolean timed, int translateAfter, int rearm, int slice, int seed) {
        Machine m = BoundSweep.machine(program(), timed, translateAfter, rearm);
        m.writeWords(DATA, new int[] {0x1234567});
        return BoundSweep.sliced(m, slice, seed, 200_000, rearm > 0 ? 50 : 0);
    }
}
