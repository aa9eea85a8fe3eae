package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * The caches hold data, as on the R5000 (hardware reference §2.1: "R5000 caches are not coherent"): code
 * written through the write-back D-cache is not seen by the I-cache until the guest writes the D-cache line
 * back and invalidates the I-cache line; an uncached (kseg1) read sees memory, not a dirty line. With
 * timing off (functional mode) memory is always coherent.
 */
class CacheCoherenceTest {
    /** F at CODE + 0x100 (its own I-cache line): {@code jr ra; addiu v0, zero, 1}. */
    static final int F_INDEX = 0x40;
    static final int ADDIU_V0_2 = TestCode.enc(Op.ADDIU, V0, ZERO, 2);

    /**
     * Calls F (which loads its line into the I-cache), patches F's delay slot to return 2 with a cached store,
     * runs {@code maintenance} CACHE ops on the patched address, calls F again, and halts with v0.
     */
    static TestCode selfModifying(int... maintenance) {
        TestCode t = new TestCode()
                .i(Op.LUI, T9, 0x8000).i(Op.ORI, T9, T9, 0x1100)   // t9 = F
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)
                .i(Op.LUI, T0, 0x8000).i(Op.ORI, T0, T0, 0x1104)   // t0 = F's delay slot
                .li(T1, ADDIU_V0_2)
                .i(Op.SW, T1, 0, T0);
        for (int op : maintenance) t.i(Op.CACHE, op, 0, T0);
        t.i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0).haltWith(V0);
        while (t.words.size() < F_INDEX) t.i(Op.SLL, 0, 0, 0);
        t.i(Op.JR, RA).i(Op.ADDIU, V0, ZERO, 1);
        return t;
    }

    /**
     * Runs the code; with timing, also with every block translated at its first execution (and without the
     * checker, which turns translation off), which must end the same way in the same cycle.
     */
    static Machine run(TestCode t, boolean timing, List<String> reports) {
        Machine m = t.machine(true);
        if (timing) m.enableTiming(TimingTable.defaults(), reports == null ? null : reports::add, 0);
        m.run(1_000_000);
        assertTrue(m.cpu().halted, "did not halt; pc=" + Long.toHexString(m.cpu().pc));
        if (timing) TranslatedTwin.assertSameAsTranslated(m, t, 1_000_000);
        return m;
    }

    @Test
    void selfModifyingCodeWithoutCacheOpsRunsTheStaleBytes() {
        List<String> reports = new ArrayList<>();
        Machine m = run(selfModifying(), true, reports);
        assertEquals(1, m.cpu().exitStatus, "the I-cache still holds the old delay slot");
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith("coherence: stale instruction executed at pc 0xffffffff80001104"), reports.get(0));
        assertTrue(reports.get(0).contains("Hit_Invalidate_I"), reports.get(0));
    }

    @Test
    void writebackAndInvalidateMakeTheNewCodeVisible() {
        List<String> reports = new ArrayList<>();
        assertEquals(2, run(selfModifying(CacheOps.HIT_WRITEBACK_D, CacheOps.HIT_INVALIDATE_I), true, reports).cpu().exitStatus);
        assertEquals(2, run(selfModifying(CacheOps.HIT_WRITEBACK_INV_D, CacheOps.HIT_INVALIDATE_I), true, reports).cpu().exitStatus);
        assertEquals(List.of(), reports);
    }

    @Test
    void halfTheMaintenanceIsNotEnough() {
        // Write-back only: memory is new but the I-cache line is old.
        assertEquals(1, run(selfModifying(CacheOps.HIT_WRITEBACK_D), true, null).cpu().exitStatus);
        // Invalidate only: the I-cache refills from memory, which the dirty D-cache line has not reached.
        List<String> reports = new ArrayList<>();
        assertEquals(1, run(selfModifying(CacheOps.HIT_INVALIDATE_I), true, reports).cpu().exitStatus);
        assertTrue(reports.get(0).contains("a dirty D-cache line holds the newer"), reports.toString());
    }

    @Test
    void indexInvalidateOfBothWaysAlsoWorks() {
        // Index_Invalidate_I on F's set in both ways (VA bit 14 selects the way), after Hit_Writeback_D.
        TestCode t = new TestCode()
                .i(Op.LUI, T9, 0x8000).i(Op.ORI, T9, T9, 0x1100)
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)
                .i(Op.LUI, T0, 0x8000).i(Op.ORI, T0, T0, 0x1104)
                .li(T1, ADDIU_V0_2)
                .i(Op.SW, T1, 0, T0)
                .i(Op.CACHE, CacheOps.HIT_WRITEBACK_D, 0, T0)
                .i(Op.CACHE, CacheOps.INDEX_INVALIDATE_I, 0, T0)
                .i(Op.LUI, T2, 0x8000).i(Op.ORI, T2, T2, 0x5104)   // same set, way 1
                .i(Op.CACHE, CacheOps.INDEX_INVALIDATE_I, 0, T2)
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0).haltWith(V0);
        while (t.words.size() < F_INDEX) t.i(Op.SLL, 0, 0, 0);
        t.i(Op.JR, RA).i(Op.ADDIU, V0, ZERO, 1);
        assertEquals(2, run(t, true, null).cpu().exitStatus);
    }

    @Test
    void functionalModeIsAlwaysCoherent() {
        assertEquals(2, run(selfModifying(), false, null).cpu().exitStatus);
    }

    static TestCode kseg1ReadOfDirtyLine(int... maintenance) {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)          // 0x80010000, cached (write-back)
                .i(Op.LUI, A1, 0xA001)          // 0xA0010000, the same memory uncached
                .i(Op.ADDIU, T0, ZERO, 0x55)
                .i(Op.SW, T0, 0, A0);           // into the D-cache only
        for (int op : maintenance) t.i(Op.CACHE, op, 0, A0);
        return t.i(Op.LW, T1, 0, A1).haltWith(T1);
    }

    @Test
    void uncachedReadSeesMemoryNotTheDirtyLine() {
        List<String> reports = new ArrayList<>();
        Machine m = run(kseg1ReadOfDirtyLine(), true, reports);
        assertEquals(0, m.cpu().exitStatus);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith("coherence: uncached read at pc 0xffffffff80001010 of va 0xffffffffa0010000"),
                reports.get(0));
        assertTrue(reports.get(0).contains("newer 0x00000055"), reports.get(0));
    }

    @Test
    void uncachedReadAfterWritebackSeesTheData() {
        List<String> reports = new ArrayList<>();
        assertEquals(0x55, run(kseg1ReadOfDirtyLine(CacheOps.HIT_WRITEBACK_D), true, reports).cpu().exitStatus);
        assertEquals(List.of(), reports);
        assertEquals(0x55, run(kseg1ReadOfDirtyLine(), false, null).cpu().exitStatus, "functional mode");
    }

    @Test
    void hitInvalidateDiscardsDirtyData() {
        // Hit_Invalidate_D drops the dirty line without writing it back: a cached re-read sees memory (0).
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001).i(Op.ADDIU, T0, ZERO, 0x55).i(Op.SW, T0, 0, A0)
                .i(Op.CACHE, CacheOps.HIT_INVALIDATE_D, 0, A0)
                .i(Op.LW, T1, 0, A0).haltWith(T1);
        assertEquals(0, run(t, true, null).cpu().exitStatus);
    }

    @Test
    void indexLoadTagReadsTheDirtyLine() {
        // A store to 0x80010000 fills set 0, way 0 (the LRU way of an empty set) and dirties it.
        // Index_Load_Tag_D at VA 0x80000000 (set 0, VA bit 14 = 0: way 0) → TagLo = PTag (PA >> 12 = 0x10)
        // << 8 | PState dirty (3) << 6 = 0x10C0.
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001).i(Op.SW, ZERO, 0, A0)
                .i(Op.LUI, A2, 0x8000)
                .i(Op.CACHE, CacheOps.INDEX_LOAD_TAG_D, 0, A2)
                .i(Op.MFC0, T2, 28)
                .haltWith(T2);
        Machine m = run(t, true, null);
        assertEquals(0x10C0, m.cpu().cp0.tagLo);
        assertEquals(0xC0, m.cpu().exitStatus & 0xFF);
    }

    @Test
    void indexStoreTagInvalidatesALine() {
        // TagLo = 0 (PState invalid) stored over way 0 of set 0 drops the dirty line: the store is lost.
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001).i(Op.ADDIU, T0, ZERO, 0x55).i(Op.SW, T0, 0, A0)
                .i(Op.MTC0, ZERO, 28)
                .i(Op.LUI, A2, 0x8000)
                .i(Op.CACHE, CacheOps.INDEX_STORE_TAG_D, 0, A2)
                .i(Op.LW, T1, 0, A0).haltWith(T1);
        assertEquals(0, run(t, true, null).cpu().exitStatus);
    }

    @Test
    void createDirtyExclusiveDoesNotReadMemory() {
        // Memory holds 0x1234 at 0x80010000; Create_Dirty_Exclusive_D makes the line valid and dirty without a
        // fill, so a load returns the line's previous (empty: 0) contents, not memory.
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)
                .i(Op.CACHE, CacheOps.CREATE_DIRTY_EXCLUSIVE_D, 0, A0)
                .i(Op.LW, T1, 0, A0).haltWith(T1);
        Machine m = t.machine(true);
        m.writeWords(0x80010000L, new int[] {0x34});
        m.enableTiming(TimingTable.defaults(), null);
        m.run(1_000_000);
        assertEquals(0, m.cpu().exitStatus);
        assertEquals(0, m.memory().dcache.misses, "no refill");
    }

    @Test
    void pageInvalidateSCostsTheTagWrites() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)                               // i0
                .i(Op.CACHE, CacheOps.PAGE_INVALIDATE_S, 0, A0)      // i1
                .haltWith(ZERO);                                     // i2..i4
        // I-miss 48; i0 @48 → 49; i1 @49 → 50 + sysclk.divisor 3 × l2.pageInvalidate 128 = 434; i2..i4 → 437.
        assertEquals(437, run(t, true, null).cpu().cycle);
    }
}
