package pebble.r5k.cpu;

import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

/**
 * The two sweeps the bound-group tests make over a program (BoundGroupTest, FunctionalBoundGroupTest): cycle
 * limits on every instruction, and a timer interrupt moved over every instruction. Each compares the loop alone
 * with regions translated at the first execution and after three, in both modes.
 */
final class BoundSweep {
    private BoundSweep() {}

    /** One run's end state: {@code translateAfter} 0 = no translation; {@code rearm} 0 = no timer; {@code slice} 0 = one run. */
    interface Run {
        String run(boolean timed, int translateAfter, int rearm, int slice, int seed);
    }

    /** Slices of one cycle, then of 1 to 12 cycles: the limit falls inside groups that start below it. */
    static void cycleLimits(Run r) {
        for (boolean timed : new boolean[] {true, false}) {
            for (int slice : new int[] {1, 12}) {
                for (int seed = 1; seed <= (slice == 1 ? 1 : 4); seed++) {
                    String what = (timed ? "timed" : "functional") + ", slices up to " + slice + ", seed " + seed;
                    String off = r.run(timed, 0, 0, slice, seed);
                    assertEquals(off, r.run(timed, 1, 0, slice, seed), what + ", translated at once");
                    assertEquals(off, r.run(timed, 3, 0, slice, seed), what + ", translated after three");
                }
            }
        }
    }

    /** The timer re-armed every {@code from} to {@code to - 1} ticks (every {@code timedStep}-th when timed). */
    static void timerInterrupts(Run r, int from, int to, int timedStep) {
        for (boolean timed : new boolean[] {true, false}) {
            for (int rearm = from; rearm < to; rearm += timed ? timedStep : 1) {
                String what = (timed ? "timed" : "functional") + ", timer every " + rearm + " ticks";
                String off = r.run(timed, 0, rearm, 0, rearm);
                assertEquals(off, r.run(timed, 1, rearm, 0, rearm), what + ", translated at once");
                assertEquals(off, r.run(timed, 3, rearm, 0, rearm), what + ", translated after three");
                String sliced = r.run(timed, 0, rearm, 40, rearm);
                assertEquals(sliced, r.run(timed, 1, rearm, 40, rearm), what + ", random slices, translated");
            }
        }
    }

    /** Both vectors, when the timer is on: re-arm it (Compare = Count + rearm), count the interrupt in S7, return. */
    private static int[] timerHandler(int rearm) {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K1, 9).i(Op.ADDIU, K1, K1, rearm).i(Op.MTC0, K1, 11).i(Op.ADDIU, S7, S7, 1).i(Op.ERET);
        return t.array();
    }

    /**
     * A 1 MB machine with {@code program} at TestCode.CODE and started there; with the timer interrupting every
     * {@code rearm} ticks ({@link #timerHandler}) when {@code rearm > 0}, else halting vectors.
     */
    static Machine machine(int[] program, boolean timed, int translateAfter, int rearm) {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.writeWords(0x80000000L, rearm > 0 ? timerHandler(rearm) : TestCode.vectorStub(100));
        m.writeWords(0x80000180L, rearm > 0 ? timerHandler(rearm) : TestCode.vectorStub(0));
        m.writeWords(TestCode.CODE, program);
        m.start(TestCode.CODE);
        if (rearm > 0) {
            Cpu c = m.cpu();
            c.cp0.write(12, c.cp0.status | 0x8001); // IE, IM7
            c.cp0.write(11, rearm);
            c.requestEventCheck();
        }
        return m;
    }

    /**
     * Runs {@code m} in slices of one cycle ({@code slice} 1), of random length up to {@code slice} cycles, or as
     * one run (0), then up to {@code end}: it must halt, and with the timer on ({@code interrupts} > 0) have been
     * interrupted more than that many times. Returns everything observable, as text: where each slice stopped
     * (the PC state and the cycle, hashed) and the machine's whole state.
     */
    static String sliced(Machine m, int slice, int seed, long end, int interrupts) {
        Cpu c = m.cpu();
        SplittableRandom rnd = new SplittableRandom(seed);
        long stops = 0;
        if (slice > 0) {
            for (long limit = 1; limit < end && !c.halted; limit += slice == 1 ? 1 : 1 + rnd.nextInt(slice)) {
                m.run(limit);
                stops = stops * 31 + c.pc * 7 + (c.inDelaySlot ? 1 : 0) + c.cycle * 131 + c.instret;
            }
        }
        Machine.RunResult r = m.run(end);
        assertTrue(c.halted, "halts: pc " + Long.toHexString(c.pc) + " cycle " + c.cycle + " t9 " + c.gpr[T9]);
        if (interrupts > 0) assertTrue(c.gpr[S7] > interrupts, "the timer interrupted many times: " + c.gpr[S7]);
        return "stops " + stops + '\n' + MachineStateDump.of(m, r);
    }
}
