package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * What retires (docs/cpu.md, "Retired instructions"): an instruction that raises an exception (SYSCALL here)
 * does not; ERET does. The count is the same in the functional loop, the timed loop and translated regions.
 */
class RetireCountTest {
    private static final int LOOPS = 10;

    /** SYSCALL LOOPS times; the handler skips it (EPC += 4) and returns with ERET. */
    static TestCode syscallLoop() {
        return new TestCode()
                .i(Op.ADDIU, T0, ZERO, LOOPS)    // i0
                .i(Op.SYSCALL, 0)                // i1 (loop): raises Sys, does not retire
                .i(Op.ADDIU, T0, T0, -1)         // i2
                .i(Op.BNE, T0, ZERO, -3)         // i3: to i1
                .i(Op.SLL, 0, 0, 0)              // i4
                .haltWith(ZERO);                 // i5..i7
    }

    static int[] skipAndReturn() {
        return new TestCode()
                .i(Op.MFC0, K0, 14)              // h0: EPC
                .i(Op.ADDIU, K0, K0, 4)          // h1
                .i(Op.MTC0, K0, 14)              // h2
                .i(Op.ERET)                      // h3: retires
                .array();
    }

    /** i0, then per iteration i2..i4 and h0..h3, then the halt: the SYSCALLs are not counted, the ERETs are. */
    static final long RETIRED = 1 + LOOPS * (3 + 4) + 3;

    private static Machine run(boolean timed, int translateAfter) {
        Machine m = syscallLoop().machine(true);
        m.writeWords(0x80000180L, skipAndReturn());
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter);
        m.run(1_000_000);
        assertTrue(m.cpu().halted);
        assertEquals(0, m.cpu().exitStatus);
        return m;
    }

    @Test
    void syscallDoesNotRetireEretDoesInEveryPath() {
        for (boolean timed : new boolean[] {false, true}) {
            long cycles = -1;
            for (int translateAfter : new int[] {0, 1, 2}) {
                String what = (timed ? "timed" : "functional") + ", translate after " + translateAfter;
                Machine m = run(timed, translateAfter);
                assertEquals(RETIRED, m.cpu().instret, what);
                long[] v = m.stats().totals();
                assertEquals(RETIRED, v[Stats.INSTRUCTIONS], what);
                assertEquals(LOOPS, v[Stats.EXCEPTIONS], what);
                assertEquals(LOOPS, m.cpu().cp0.exceptionCount[ExcCode.SYS], what);
                // Functional: one cycle per instruction, retired or not (each SYSCALL costs its cycle too).
                if (!timed) assertEquals(RETIRED + LOOPS, m.cpu().cycle, what);
                if (cycles < 0) cycles = m.cpu().cycle; else assertEquals(cycles, m.cpu().cycle, what + ": cycles");
            }
        }
    }
}
