package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * A timed region leaves out the ready cycle of a one-cycle result when no later issue can tell
 * (RegionTiming.readyCannotMatter). The one reader that can is a dual-issue test of an FP-ALU instruction
 * right after the writer: it compares ready cycles with the writer's own issue cycle. These programs put
 * such a reader (MOVN.S reads its condition from a GPR) right after the writer and one instruction later;
 * cycles are derived by hand with the defaults of {@link TimedCycleTest}, and {@link TimedCycleTest#runTimed}
 * also runs them translated at the first execution (the block after the MTC0 is its own region).
 */
class ReadyCycleOmissionTest {
    /** LUI/MTC0 (Status.CU1), then t1 written at position 0 of the region, so that its rewrite needs no interlock. */
    private static TestCode prologue() {
        return new TestCode()
                .i(Op.LUI, T0, 0x2000)           // i0
                .i(Op.MTC0, T0, 12)              // i1: a kernel instruction: the region ends; the next starts at i2
                .i(Op.ADDU, T1, ZERO, ZERO)      // i2 @50, t1 ready 51
                .i(Op.SLL, 0, 0, 0)              // i3 @51
                .i(Op.SLL, 0, 0, 0);             // i4 @52
    }

    @Test
    void fpAluRightAfterTheWriterSeesItsReadyCycle() {
        TestCode t = prologue()
                .i(Op.ADDU, T1, T2, T3)          // i5 @53, t1 ready 54
                .i(Op.MOVN_S, 0, 2, T1)          // i6: FP-ALU, may pair with i5 @53, but t1 is not ready: @54 → 55
                .i(Op.ADD_S, 6, 8, 10)           // i7: FP-ALU again: @55 → 56
                .haltWith(ZERO);                 // i8..i10, i8 starts a new I-line
        // I-miss → 48; i0 @48 → 49; i1 @49 → 50; i2..i7 as above; i8: I-miss 56 + 48 → @104; i9 @105; i10 @106 → 107.
        // Had i5 left t1's ready cycle at 51, i6 would pair @53 and everything after would be a cycle early.
        Machine m = TimedCycleTest.runTimed(t);
        assertEquals(107, m.cpu().cycle);
        assertEquals(11, m.cpu().instret);
    }

    @Test
    void fpAluOneInstructionLaterPairs() {
        TestCode t = prologue()
                .i(Op.ADDU, T1, T2, T3)          // i5 @53, t1 ready 54 (may be left out: i6 is integer)
                .i(Op.ADDU, T4, T5, T6)          // i6 @54 → 55
                .i(Op.MOVN_S, 0, 2, T1)          // i7: pairs with i6 @54 (t1 ready by 54), next 55
                .haltWith(ZERO);                 // i8: I-miss 55 + 48 → @103; i9 @104; i10 @105 → 106
        Machine m = TimedCycleTest.runTimed(t);
        assertEquals(106, m.cpu().cycle);
        assertEquals(11, m.cpu().instret);
    }
}
