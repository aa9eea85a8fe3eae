package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

/**
 * Functional regions check the bound once per group of instructions (RegionTiming.functionalGroup): a group
 * runs through memory accesses and semantics calls, and after a call that read {@code nextEventAt} again the
 * rest of the group is checked again (RegionExits.groupRecheck). This program puts into long straight runs
 * everything that can move the bound inside a group: loads and stores of a device (each asks for an event
 * check, which the loop takes before the very next instruction), at the middle of a group and right before
 * its last instruction; stores into the code page (never the inline path); a read of Count (a semantics call);
 * an EPC write (a kernel instruction, after which the region goes on); a call and a return inside the page
 * with memory accesses in their delay slots. It runs in slices one cycle long, in slices of random length,
 * and under timer interrupts whose handler hashes where each one was taken, never translated, translated at
 * the first execution and after three. Every run must end as the loop alone does (registers, CP0, RAM,
 * cycles, statistics), with the same hash of where every slice stopped and of the cycle, PC and count at
 * every event check (each call of the devices' {@code runUntil}). Timed regions run it too.
 */
class FunctionalBoundGroupTest {
    private static final long DATA = 0xFFFFFFFF80010000L;
    /** LED bank 1 (P5064Board.LED1_BASE) through kseg1: a device whose reads and writes change nothing else. */
    private static final int LEDS = 0xBFF20010;
    /** A word of the code page that is never executed: stores there take the call (a code page) every time. */
    private static final int CODE_DATA = (int) (TestCode.CODE + 0xF00);

    /** Slices of one cycle, then of 1 to 12 cycles: the limit falls inside groups that start below it. */
    @Test
    void cycleLimitsOnEveryInstruction() {
        BoundSweep.cycleLimits(FunctionalBoundGroupTest::run);
    }

    @Test
    void timerInterruptsOverEveryInstruction() {
        BoundSweep.timerInterrupts(FunctionalBoundGroupTest::run, 20, 110, 3);
    }

    /** The regions run nearly all of it, in several instructions per call. */
    @Test
    void regionsRunTheProgram() {
        Machine m = machine(false, 1, 0);
        m.run(1_000_000);
        assertTrue(m.cpu().halted);
        long all = m.cpu().instret, translated = m.translatedInstructions();
        assertTrue(translated > all * 9 / 10, translated + " of " + all + " translated");
        assertTrue(translated > 8 * m.regionCalls(), "per call: " + translated + " / " + m.regionCalls());
    }

    /** n one-cycle ALU instructions on T0..T4. */
    private static void alu(TestCode t, int n) {
        for (int k = 0; k < n; k++) {
            switch (k % 5) {
                case 0 -> t.i(Op.ADDIU, T0, T0, 1 + k);
                case 1 -> t.i(Op.ADDU, T1, T1, T0);
                case 2 -> t.i(Op.XOR, T2, T2, T1);
                case 3 -> t.i(Op.SLL, T3, T2, 3);
                default -> t.i(Op.OR, T4, T4, T3);
            }
        }
    }

    /** 120 times a loop of about 90 instructions, then halt. */
    private static int[] program() {
        TestCode t = new TestCode();
        t.li(T9, 120).li(S0, (int) DATA).li(S1, LEDS).li(S2, CODE_DATA);
        int loop = t.words.size();
        alu(t, 12);
        t.i(Op.LW, A0, 0, S0).i(Op.ADDU, T5, T5, A0); // RAM: the inline page hit (its first time, the call)
        alu(t, 4);
        t.i(Op.LW, A1, 0, S1); // a device read in the middle of a group: the next instruction stops
        alu(t, 6);
        t.i(Op.SW, T1, 0, S2); // a store into the code page: the call every time
        alu(t, 3);
        t.i(Op.MFC0, A2, 9).i(Op.ADDU, T7, T7, A2); // Count: a semantics call
        alu(t, 3);
        t.i(Op.SW, T2, 4, S1); // a device write
        alu(t, 5);
        t.i(Op.MTC0, T3, 14); // EPC: a kernel instruction, and the region goes on after it
        alu(t, 4);
        int call = t.words.size();
        t.i(Op.JAL, 0).i(Op.SW, T4, 4, S0); // patched below; a store in the slot
        alu(t, 7);
        t.i(Op.SH, T0, 8, S1).i(Op.ADDU, T6, T6, T2); // a device store right before a group's last instruction
        t.i(Op.ADDIU, T9, T9, -1);
        int back = loop - (t.words.size() + 1);
        t.i(Op.BNE, T9, ZERO, back).i(Op.LW, A3, 8, S0); // a load in the slot
        t.li(A1, 0xBFFF0000).i(Op.SW, T1, 0, A1); // halt (TestCode.haltWith uses K1, which the handler changes)
        int sub = t.words.size();
        alu(t, 5);
        t.i(Op.LBU, A1, 1, S1); // a device read in the subroutine's group
        alu(t, 2);
        t.i(Op.JR, RA).i(Op.LW, V0, 0, S1); // a device read in the return's slot
        t.words.set(call, TestCode.enc(Op.JAL, (TestCode.CODE + 4L * sub >>> 2) & 0x03FFFFFF));
        return t.array();
    }

    /**
     * Both vectors: re-arm the timer (Compare = Count + rearm), count the interrupt in S7, and hash where it
     * was taken (EPC) into S6, then return.
     */
    private static int[] handler(int rearm) {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K1, 9).i(Op.ADDIU, K1, K1, rearm).i(Op.MTC0, K1, 11).i(Op.ADDIU, S7, S7, 1);
        t.i(Op.MFC0, K0, 14).i(Op.SLL, S6, S6, 1).i(Op.ADDU, S6, S6, K0).i(Op.ERET);
        return t.array();
    }

    private static Machine machine(boolean timed, int translateAfter, int rearm) {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.writeWords(0x80000000L, rearm > 0 ? handler(rearm) : TestCode.vectorStub(100));
        m.writeWords(0x80000180L, rearm > 0 ? handler(rearm) : TestCode.vectorStub(0));
        m.writeWords(TestCode.CODE, program());
        m.writeWords(DATA, new int[] {0x1234567, 0x89ABCDEF, 0x13579BDF});
        m.start(TestCode.CODE);
        Cpu c = m.cpu();
        if (rearm > 0) {
            c.cp0.write(12, c.cp0.status | 0x8001); // IE, IM7
            c.cp0.write(11, rearm);
            c.requestEventCheck();
        }
        return m;
    }

    /** Hashes the cycle, PC and count at every event check: where the slow path ran. */
    private static final class EventRecorder implements ExternalEvents {
        private final ExternalEvents inner;
        private final Cpu c;
        long hash;
        long checks;

        EventRecorder(Cpu c) {
            this.c = c;
            this.inner = c.events;
        }

        @Override public long nextEventAt() { return inner.nextEventAt(); }

        @Override
        public void runUntil(long cycle) {
            hash = hash * 31 + cycle * 131 + c.pc * 7 + (c.inDelaySlot ? 1 : 0) + c.instret;
            checks++;
            inner.runUntil(cycle);
        }

        @Override public long idle(long now, long until) { return inner.idle(now, until); }
    }

    /**
     * Runs the program (timer on when {@code rearm > 0}) in slices: of one cycle ({@code slice} 1), of random
     * length up to {@code slice} cycles, or as one run (0). Returns everything observable, as text.
     */
    private static String run(boolean timed, int translateAfter, int rearm, int slice, int seed) {
        Machine m = machine(timed, translateAfter, rearm);
        Cpu c = m.cpu();
        EventRecorder events = new EventRecorder(c);
        c.events = events;
        SplittableRandom rnd = new SplittableRandom(seed);
        Machine.RunResult r;
        long end = 400_000;
        long stops = 0; // where each slice stopped: the PC state and the cycle, hashed
        if (slice > 0) {
            for (long limit = 1; limit < end && !c.halted; limit += slice == 1 ? 1 : 1 + rnd.nextInt(slice)) {
                m.run(limit);
                stops = stops * 31 + c.pc * 7 + (c.inDelaySlot ? 1 : 0) + c.cycle * 131 + c.instret;
            }
        }
        r = m.run(end);
        assertTrue(c.halted, "halts: pc " + Long.toHexString(c.pc) + " cycle " + c.cycle + " t9 " + c.gpr[T9]);
        assertTrue(events.checks > 600, "every device access asks for an event check: " + events.checks);
        if (rearm > 0) assertTrue(c.gpr[S7] > 30, "the timer interrupted many times: " + c.gpr[S7]);
        return "stops " + stops + " events " + events.hash + " checks " + events.checks + '\n'
                + MachineStateDump.of(m, r);
    }
}
