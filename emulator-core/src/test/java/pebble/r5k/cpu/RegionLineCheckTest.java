package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.cpu.CacheCoherenceTest.ADDIU_V0_2;
import static pebble.r5k.cpu.CacheCoherenceTest.F_INDEX;
import static pebble.r5k.isa.Reg.*;

/**
 * A timed region checks its lines once, at entry (Region.linesValid), and its points' probe hits compare
 * nothing. Here F's line is refilled with new code by another entry into the same line (G, a region of its
 * own, whose first fetch misses), so F's region finds its line present with other words: it must not run.
 * The loop runs F's new code; translated at the first execution or not, the run ends the same way.
 */
class RegionLineCheckTest {
    @Test
    void aLineRefilledWithNewCodeBeforeEntryIsFoundAtEntry() {
        TestCode t = new TestCode()
                .i(Op.LUI, T9, 0x8000).i(Op.ORI, T9, T9, 0x1100)   // t9 = F
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)             // F's line cached, F translated (v0 = 1)
                .i(Op.LUI, T0, 0x8000).i(Op.ORI, T0, T0, 0x1104)   // t0 = F's delay slot
                .li(T1, ADDIU_V0_2)
                .i(Op.SW, T1, 0, T0)                               // patched in the D-cache
                .i(Op.CACHE, CacheOps.HIT_WRITEBACK_D, 0, T0)      // to memory
                .i(Op.CACHE, CacheOps.HIT_INVALIDATE_I, 0, T0)     // F's line gone
                .i(Op.ADDIU, T8, T9, 8)                            // t8 = G, in F's line
                .i(Op.JALR, RA, T8).i(Op.SLL, 0, 0, 0)             // G's fetch refills the line: F's new code
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)             // F again: its line is present, other words
                .haltWith(V0);
        while (t.words.size() < F_INDEX) t.i(Op.SLL, 0, 0, 0);
        t.i(Op.JR, RA).i(Op.ADDIU, V0, ZERO, 1);                   // F
        t.i(Op.JR, RA).i(Op.SLL, 0, 0, 0);                         // G
        assertEquals(2, CacheCoherenceTest.run(t, true, null).cpu().exitStatus, "F runs the new delay slot");
    }
}
