package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.isa.Reg.*;

/**
 * The fetch windows on a kseg0 page survive a change of mode, ASID or TLB only in kernel mode
 * ({@link FetchWindow#mappingsChanged}), and the dispatchers translate a kseg0 PC without the MMU only in
 * kernel mode ({@link Mmu#translateFetchQuietly}). Here an ERET drops to user mode with EPC in kseg0, in the
 * ERET's own I-cache line or further on in its page: the fetch there must be an address error (hardware
 * reference §3.1: kseg0 is kernel-only), whichever loop runs it, translated or not. By hand: the general
 * vector halts with ExcCode AdEL (4), EPC and BadVAddr the target, S0 never set.
 */
class KernelWindowTest {
    private static final int SR_USER_EXL = (2 << Cp0Reg.SR_KSU_SHIFT) | Cp0Reg.SR_EXL;

    /** Kernel code that ERETs to user mode at word {@code target} of the code (after the ERET). */
    private static TestCode eretToKseg0(int target) {
        TestCode t = new TestCode().li(T0, SR_USER_EXL).i(Op.MTC0, T0, Cp0Reg.STATUS)
                .li(T1, (int) (TestCode.CODE + 4L * target)).i(Op.MTC0, T1, Cp0Reg.EPC).i(Op.ERET);
        while (t.words.size() < target) t.i(Op.SLL, ZERO, ZERO, 0);
        t.i(Op.ADDIU, S0, ZERO, 77);
        return t.haltWith(S0);
    }

    private static void assertAddressErrorAt(int target) {
        TestCode t = eretToKseg0(target);
        long va = TestCode.CODE + 4L * target;
        for (boolean timed : new boolean[] {false, true}) {
            for (int translateAfter : new int[] {0, 1}) {
                Machine m = t.machine(true);
                if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter); else m.setTranslateAfter(translateAfter);
                m.run(100_000);
                String how = (timed ? "timed" : "functional") + ", translate after " + translateAfter;
                assertEquals(ExcCode.ADEL, m.cpu().exitStatus, how);
                assertEquals(va, m.cpu().cp0.epc, how);
                assertEquals(va, m.cpu().cp0.badVAddr, how);
                assertEquals(0, m.cpu().gpr[S0], how);
            }
        }
    }

    @Test
    void eretToUserModeInTheSameLine() {
        assertAddressErrorAt(7); // the word after the ERET (word 6): 0x8000101C, the ERET's line
    }

    @Test
    void eretToUserModeInTheSamePage() {
        assertAddressErrorAt(40); // another line of the ERET's page
    }
}
