package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.isa.Reg.*;

/**
 * The last-page filter (Cpu.loadPage/storePage, docs/translator.md "The data path") must never give an answer
 * the translation would not: each case runs functional and timed, in the loop and with every block translated
 * at its first execution, and a branch before the access under test makes it start a block (a region of its own).
 * Expected values by hand; the exception vectors halt with ExcCode (general) or 100 + ExcCode (refill).
 */
class PageFilterTest {
    private static final int VA = 0x00200000, PA_OLD = 0x40000, PA_NEW = 0x50000;

    /** A branch to the next instruction: what follows starts a block. */
    private static TestCode blockStart(TestCode t) {
        return t.i(Op.BEQ, ZERO, ZERO, 1).i(Op.SLL, ZERO, ZERO, 0);
    }

    private static int entryLo(int pa, boolean dirty) {
        return (pa >>> 12) << 6 | 3 << 3 | (dirty ? 0x6 : 0x2); // C = 3, V, D as asked, not global
    }

    /** TLBWI at index 5: VA's even page to {@code pa} for ASID {@code asid}. */
    private static TestCode map(TestCode t, int asid, int pa, boolean dirty) {
        return map(t, 5, asid, pa, dirty);
    }

    private static TestCode map(TestCode t, int index, int asid, int pa, boolean dirty) {
        return t.li(T0, VA | asid).i(Op.MTC0, T0, Cp0Reg.ENTRYHI)
                .li(T0, entryLo(pa, dirty)).i(Op.MTC0, T0, Cp0Reg.ENTRYLO0)
                .li(T0, entryLo(pa + 0x1000, dirty)).i(Op.MTC0, T0, Cp0Reg.ENTRYLO1)
                .li(T0, index).i(Op.MTC0, T0, Cp0Reg.INDEX).i(Op.TLBWI);
    }

    /** Runs {@code t} four ways, functional and timed, in the loop and translated, and checks each. */
    private static void eachWay(TestCode t, java.util.function.BiConsumer<Machine, String> check) {
        eachWay(t, new boolean[] {false, true}, check);
    }

    private static void eachWay(TestCode t, boolean[] modes, java.util.function.BiConsumer<Machine, String> check) {
        for (boolean timed : modes) {
            for (int after : new int[] {0, 1}) {
                Machine m = t.machine(true);
                if (timed) m.enableTiming(TimingTable.defaults(), null, after); else m.setTranslateAfter(after);
                m.writeWords(0x80000000L | PA_OLD, new int[] {0x11});
                m.writeWords(0x80000000L | PA_NEW, new int[] {0x22});
                m.start(TestCode.CODE);
                m.run(1_000_000);
                String way = (timed ? "timed" : "functional") + ", translate after " + after;
                assertTrue(m.cpu().halted, way + ": did not halt; pc=" + Long.toHexString(m.cpu().pc));
                check.accept(m, way);
            }
        }
    }

    @Test
    void aTlbWriteThatRemapsTheFilteredPageDropsIt() {
        TestCode t = new TestCode().i(Op.MTC0, ZERO, Cp0Reg.PAGEMASK);
        map(t, 0, PA_OLD, true).li(T1, VA).i(Op.LW, T2, 0, T1).i(Op.LW, T2, 4, T1); // the second one is filtered
        map(t, 0, PA_NEW, true);
        blockStart(t).i(Op.LW, T3, 0, T1).haltWith(T3);
        eachWay(t, (m, way) -> assertEquals(0x22, m.cpu().exitStatus, way));
    }

    @Test
    void anAsidSwitchDropsTheFilteredPage() {
        TestCode t = new TestCode().i(Op.MTC0, ZERO, Cp0Reg.PAGEMASK);
        map(t, 6, 2, PA_NEW, true);
        map(t, 5, 1, PA_OLD, true).li(T1, VA).i(Op.LW, T2, 0, T1); // ASID 1 (EntryHi now): the old page
        t.li(T0, VA | 2).i(Op.MTC0, T0, Cp0Reg.ENTRYHI);
        blockStart(t).i(Op.LW, T3, 0, T1).haltWith(T3); // ASID 2: the new page
        eachWay(t, (m, way) -> {
            assertEquals(0x22, m.cpu().exitStatus, way);
            assertEquals(0x11, m.cpu().gpr[T2], way);
        });
    }

    @Test
    void aStoreAfterTheEntryBecameCleanRaisesModified() {
        TestCode t = new TestCode().i(Op.MTC0, ZERO, Cp0Reg.PAGEMASK);
        map(t, 0, PA_OLD, true).li(T1, VA).i(Op.SW, ZERO, 8, T1).i(Op.SW, ZERO, 12, T1); // filtered store
        map(t, 0, PA_OLD, false); // the same page, D = 0 now
        blockStart(t).i(Op.SW, ZERO, 16, T1).li(V0, 77).haltWith(V0);
        eachWay(t, (m, way) -> {
            assertEquals(ExcCode.MOD, m.cpu().exitStatus, way);
            assertEquals(VA + 16, m.cpu().cp0.badVAddr, way);
        });
    }

    @Test
    void aLoadOfACleanPageLetsNoStoreThrough() {
        TestCode t = new TestCode().i(Op.MTC0, ZERO, Cp0Reg.PAGEMASK);
        map(t, 0, PA_OLD, false).li(T1, VA).i(Op.LW, T2, 0, T1).i(Op.LW, T2, 4, T1);
        blockStart(t).i(Op.SW, ZERO, 8, T1).li(V0, 77).haltWith(V0);
        eachWay(t, (m, way) -> assertEquals(ExcCode.MOD, m.cpu().exitStatus, way));
    }

    /**
     * Functional mode's memory is coherent. Stores into a page with no code take the store filter; once that page has run, a store into it must
     * reach the code invalidator again, or the second call would run the old predecoded (or translated) word.
     */
    @Test
    void aPageThatBecomesCodeLeavesTheStoreFilter() {
        int page = 0x80020000;
        int jal = TestCode.enc(Op.JAL, (page >>> 2) & 0x3FFFFFF);
        TestCode t = new TestCode()
                .li(T1, page)
                .li(T2, TestCode.enc(Op.JR, RA)).i(Op.SW, T2, 4, T1)          // sets the store filter
                .li(T2, TestCode.enc(Op.ADDIU, V0, ZERO, 5)).i(Op.SW, T2, 0, T1) // a filtered store
                .word(jal).i(Op.SLL, ZERO, ZERO, 0)                            // runs the page: v0 = 5
                .i(Op.ADDU, S0, V0, ZERO)
                .li(T2, TestCode.enc(Op.ADDIU, V0, ZERO, 9)).i(Op.SW, T2, 0, T1) // into code now
                .word(jal).i(Op.SLL, ZERO, ZERO, 0)                            // v0 = 9
                .haltWith(V0);
        eachWay(t, new boolean[] {false}, (m, way) -> { // (timed: the stores stay in the D-cache)
            assertEquals(9, m.cpu().exitStatus, way);
            assertEquals(5, m.cpu().gpr[S0], way);
        });
    }

    /**
     * A misaligned access to the filtered page (or D-cache line) is an address error, not a hit: both modes,
     * every width, loads after a load and stores after a store. The vector halts with ADEL or ADES.
     */
    @Test
    void aMisalignedAccessToTheFilteredPageIsAnAddressError() {
        Op[][] rows = {{Op.LW, Op.LH}, {Op.LW, Op.LW}, {Op.LD, Op.LD}, {Op.SW, Op.SH}, {Op.SW, Op.SW}, {Op.SD, Op.SD}};
        for (Op[] row : rows) {
            for (int offset : new int[] {1, 2, 4}) {
                if (offset >= (row[1] == Op.LH || row[1] == Op.SH ? 2 : row[1] == Op.LW || row[1] == Op.SW ? 4 : 8)) continue;
                TestCode t = new TestCode().li(T1, 0x80004000).i(row[0], T2, 0, T1).i(row[0], T2, 8, T1);
                blockStart(t).i(row[1], T3, 16 + offset, T1).li(V0, 77).haltWith(V0);
                boolean store = row[1] == Op.SW || row[1] == Op.SH || row[1] == Op.SD;
                String access = row[1] + " at +" + offset + ", ";
                eachWay(t, (m, way) -> {
                    assertEquals(store ? ExcCode.ADES : ExcCode.ADEL, m.cpu().exitStatus, access + way);
                    assertEquals(0xFFFFFFFF80004010L + offset, m.cpu().cp0.badVAddr, access + way);
                });
            }
        }
    }

    /** The dropped filter (-1) matches no address: kseg3's last page, unmapped, takes its TLB refill. */
    @Test
    void aDroppedFilterMatchesNoAddress() {
        for (Op op : new Op[] {Op.LW, Op.LB, Op.SW, Op.SB}) {
            TestCode t = new TestCode().li(T1, 0x80004000).i(Op.SW, ZERO, 0, T1).i(Op.LW, T2, 0, T1)
                    .i(Op.MTC0, ZERO, Cp0Reg.ENTRYHI).li(T1, 0xFFFFF000);
            blockStart(t).i(op, T3, 0, T1).li(V0, 77).haltWith(V0);
            boolean store = op == Op.SW || op == Op.SB;
            eachWay(t, (m, way) -> {
                assertEquals(100 + (store ? ExcCode.TLBS : ExcCode.TLBL), m.cpu().exitStatus, op + ", " + way);
                assertEquals(0xFFFFFFFFFFFFF000L, m.cpu().cp0.badVAddr, op + ", " + way);
            });
        }
    }
}
