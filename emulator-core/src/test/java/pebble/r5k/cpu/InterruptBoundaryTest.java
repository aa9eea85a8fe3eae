package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.isa.Reg.*;

/**
 * An interrupt that an instruction makes takeable is taken at the very next instruction boundary, in both
 * loops: a Cause write that raises a software interrupt (IP0) while it is enabled, a Status write that
 * enables one already pending, and an ERET that clears EXL with one pending. Only these (and the timer and
 * device paths) ask for an event check now (Cpu.interruptMaskChanged); other CP0 writes do not. No timer is
 * set, so nothing else would ever take the interrupt: without the check the code goes on and halts with 77.
 * Expected values by hand: the general vector halts with ExcCode INT (0), EPC is the next instruction.
 */
class InterruptBoundaryTest {
    private static final int STATUS_IE_IM0 = Cp0Reg.SR_IE | (1 << 8), CAUSE_IP0 = 1 << 8;

    /** Ends the test code: S0 = 77 (the instruction the interrupt must preempt), then halt with S0. */
    private static TestCode tail(TestCode t) {
        t.i(Op.ADDIU, S0, ZERO, 77);
        return t.haltWith(S0);
    }

    private static void assertInterruptAt(TestCode t, int index) {
        for (boolean timed : new boolean[] {false, true}) {
            Machine m = t.machine(true);
            if (timed) m.enableTiming(TimingTable.defaults(), null);
            m.run(100_000);
            String loop = timed ? "timed" : "functional";
            assertEquals(ExcCode.INT, m.cpu().exitStatus, loop);
            assertEquals(TestCode.CODE + 4L * index, m.cpu().cp0.epc, loop);
            assertEquals(0, m.cpu().gpr[S0], loop);
        }
    }

    @Test
    void causeWriteRaisingAnEnabledSoftwareInterrupt() {
        TestCode t = new TestCode().li(T0, STATUS_IE_IM0).i(Op.MTC0, T0, Cp0Reg.STATUS)
                .li(T0, CAUSE_IP0).i(Op.MTC0, T0, Cp0Reg.CAUSE);
        int next = t.words.size();
        assertInterruptAt(tail(t), next);
    }

    @Test
    void statusWriteEnablingAPendingInterrupt() {
        TestCode t = new TestCode().li(T0, CAUSE_IP0).i(Op.MTC0, T0, Cp0Reg.CAUSE)
                .i(Op.SLL, ZERO, ZERO, 0) // IE still clear: nothing taken here
                .li(T0, STATUS_IE_IM0).i(Op.MTC0, T0, Cp0Reg.STATUS);
        int next = t.words.size();
        assertInterruptAt(tail(t), next);
    }

    @Test
    void eretClearingExlWithAnInterruptPending() {
        // EPC = the ERET's own successor; EXL holds the interrupt off until the ERET clears it.
        TestCode t = new TestCode().li(T0, CAUSE_IP0).i(Op.MTC0, T0, Cp0Reg.CAUSE)
                .li(T0, STATUS_IE_IM0 | Cp0Reg.SR_EXL).i(Op.MTC0, T0, Cp0Reg.STATUS);
        int target = t.words.size() + 4; // after the two li words, the MTC0 EPC and the ERET
        t.li(T0, (int) (TestCode.CODE + 4L * target)).i(Op.MTC0, T0, Cp0Reg.EPC).i(Op.ERET);
        assertEquals(target, t.words.size());
        assertInterruptAt(tail(t), target);
    }
}
