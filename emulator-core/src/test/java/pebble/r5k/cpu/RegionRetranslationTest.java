package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * A region dropped because its code was written is translated again after the normal number of executions
 * (its block's heat starts over), not after the heat counter wraps.
 */
class RegionRetranslationTest {
    private static final int HOT = 3;

    /**
     * Twice: a loop of 10 iterations at L, then its first word stored over itself (in functional mode any
     * store into a region drops it).
     */
    static TestCode loopRewritingItself() {
        long l = TestCode.CODE + 4 * 4;
        return new TestCode()
                .i(Op.ADDIU, S1, ZERO, 2)                 // i0
                .i(Op.LUI, S0, (l >>> 16) & 0xFFFF)       // i1
                .i(Op.ORI, S0, S0, l & 0xFFFF)            // i2
                .i(Op.ADDIU, T1, ZERO, 10)                // i3 (P)
                .i(Op.ADDIU, T0, T0, 1)                   // i4 (L)
                .i(Op.ADDIU, T1, T1, -1)                  // i5
                .i(Op.BNE, T1, ZERO, -3)                  // i6: to L
                .i(Op.SLL, 0, 0, 0)                       // i7
                .i(Op.LW, T2, 0, S0)                      // i8
                .i(Op.SW, T2, 0, S0)                      // i9: L's word, unchanged, stored again
                .i(Op.ADDIU, S1, S1, -1)                  // i10
                .i(Op.BNE, S1, ZERO, -9)                  // i11: to P
                .i(Op.SLL, 0, 0, 0)                       // i12
                .haltWith(T0);                            // i13..i15
    }

    /**
     * The dispatcher looks L up after each delay slot that goes there. First pass: looked up at the 1st, 2nd and
     * 3rd iteration, translated at the 3rd (heat = HOT), runs to the store, which kills it. Second pass: the
     * lookup at the 1st iteration finds it dead and drops it; the 1st, 2nd and 3rd lookups count the heat
     * again from 0, and the 3rd translates it again. No other block start is reached HOT times.
     */
    @Test
    void aDroppedRegionIsTranslatedAgainAfterTheThreshold() {
        Machine m = loopRewritingItself().machine(true);
        m.setTranslateAfter(HOT);
        m.start(TestCode.CODE);
        m.run(100_000);
        assertTrue(m.cpu().halted);
        assertEquals(20, m.cpu().exitStatus);
        assertArrayEquals(new long[] {2, 1, 0}, m.translationCounts(), "{compiled, dropped, refused}");
    }
}
