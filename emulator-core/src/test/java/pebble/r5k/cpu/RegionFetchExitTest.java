package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.cpu.Cp0Reg.*;
import static pebble.r5k.isa.Reg.*;

/**
 * The three ways a timed region's slow fetch leaves it (RegionFetch.slowFetch, RegionExits.emitLeave;
 * docs/translator.md, "Fetch" and "Stale code in timed mode"): the translated run must leave exactly the state
 * and statistics of the run with translation off.
 *
 * <p>A timed region's only block, so its only slow fetch, is its entry (RegionShape; the other line-entry
 * points leave to the loop on a miss). Guest code reaches it at the region's first fetch only: on the way back
 * to the entry, its line is still in the I-cache (nothing in a region fills a line but that slow fetch). And it
 * never reaches the uncached and fault exits: the dispatcher enters a region only while the fetch page
 * (TimedCore.pageVa) is the region's page, cached, and that page stays while the region runs (whatever drops
 * it drops the fetch window too, and a region goes on after a kernel instruction only while the window stays:
 * Region.kernelOp), so regionFetchSlow always probes that page. So, besides stale code at a first fetch from
 * guest code, the host makes those states here: while the loop's MTC0 EntryHi runs (in a translated region,
 * or in the loop for the untranslated twin) the code page's TLB entry becomes uncached or invalid
 * (Mmu.tlbChanged), or the entry's line gets other words, and the fetch window, the MTC0's line, is put back.
 * The region goes on after the MTC0 with its counts and registers in locals, and its branch back to its
 * entry, from the other line, takes the slow fetch: the fetch is translated again (the MTC0 dropped the page),
 * and it is uncached, faults, or fills the line with other words.
 */
class RegionFetchExitTest {
    /** The code: kuseg page CODE_VA (TLB entry 0, even page) at physical CODE_PA; kernel mode runs it mapped. */
    private static final long CODE_VA = 0x00400000L, CODE_PA = 0x00100000L;
    /** Page words: the loop's head (line 1, words 8..15, the region's entry) and its MTC0 (line 2). */
    private static final int HEAD = 8, MTC0 = 16;
    private static final long HEAD_VA = CODE_VA + 4 * HEAD;
    private static final long PFN0 = (CODE_PA >>> 12) << 6, PFN1 = ((CODE_PA + 0x1000) >>> 12) << 6;
    /** EntryLo: C = 3 (cacheable), D, V, G; the same uncached (C = 2); the same invalid (no V). */
    private static final long LO0 = PFN0 | 3 << 3 | 7, LO0_UNCACHED = PFN0 | 2 << 3 | 7, LO0_INVALID = PFN0 | 3 << 3 | 5;
    private static final long LO1 = PFN1 | 3 << 3 | 7;
    /** The pass of the loop whose MTC0 the change comes with (1 is the first). */
    private static final int PASS = 3;
    /**
     * By hand, after six passes (t0 = 1..6): t2 = t3 = 1 + ... + 6 = 21, t4 = 6 * 3 = 18, t7 = 6 * 6 = 36, t8 = the
     * XOR of t2's values 1, 3, 6, 10, 15, 21 = 20; the exit status is their sum.
     */
    private static final int STATUS = 21 + 21 + 18 + 36 + 20;
    /** HEAD + 2's word rewritten ({@link #rewriteHead}) in pass 3: passes 4 to 6 add 105 to t7, not 6 (t7 = 333). */
    private static final int REWRITTEN = TestCode.enc(Op.ADDIU, T7, T7, 100), STATUS_REWRITTEN = (STATUS + 3 * 99) & 0xFF;

    /**
     * A loop of six passes over two lines: HEAD's line (t0, t2, and six increments of t7), then the MTC0 EntryHi
     * (the same EntryHi, 0), three more instructions and the branch back to HEAD with its slot.
     */
    private static int[] code() {
        TestCode t = new TestCode();
        t.i(Op.ADDIU, T0, ZERO, 0).i(Op.ADDIU, T1, ZERO, 6).i(Op.ADDIU, T2, ZERO, 0).i(Op.ADDIU, T3, ZERO, 0);
        t.i(Op.ADDIU, T4, ZERO, 0).i(Op.ADDIU, T7, ZERO, 0).i(Op.ADDIU, T8, ZERO, 0).i(Op.ADDIU, S7, ZERO, 0);
        t.i(Op.ADDIU, T0, T0, 1).i(Op.ADDU, T2, T2, T0);                                  // HEAD
        while (t.words.size() < MTC0) t.i(Op.ADDIU, T7, T7, 1);
        t.i(Op.MTC0, ZERO, ENTRYHI).i(Op.ADDU, T3, T3, T0).i(Op.XOR, T8, T8, T2)
                .i(Op.BNE, T0, T1, HEAD - (MTC0 + 4)).i(Op.ADDIU, T4, T4, 3);            // to HEAD; the slot
        t.i(Op.ADDU, T6, T2, T3).i(Op.ADDU, T6, T6, T4).i(Op.ADDU, T6, T6, T7).i(Op.ADDU, T6, T6, T8);
        return t.haltWith(T6).array();
    }

    /**
     * The general vector: s6 = EPC, s5 = BadVAddr, then the TLB entry of the faulting page is made valid again
     * (TLBP, TLBR, V set, TLBWI); s7 counts.
     */
    private static int[] fixUpHandler() {
        return new TestCode().i(Op.MFC0, S6, EPC).i(Op.MFC0, S5, BADVADDR).i(Op.TLBP).i(Op.TLBR)
                .i(Op.MFC0, K0, ENTRYLO0).i(Op.ORI, K0, K0, 2).i(Op.MTC0, K0, ENTRYLO0)
                .i(Op.MFC0, K0, ENTRYLO1).i(Op.ORI, K0, K0, 2).i(Op.MTC0, K0, ENTRYLO1)
                .i(Op.TLBWI).i(Op.ADDIU, S7, S7, 1).i(Op.ERET).array();
    }

    /** TLB entry 0 maps the code's page pair (global), rewritten from outside the guest (as Machine does). */
    private static void mapCode(Machine m, long lo0) {
        m.cpu().tlb.write(0, 0, CODE_VA, lo0, LO1);
        m.cpu().mmu.tlbChanged();
    }

    private static TimedCore core(Machine m) {
        try {
            Field f = Interpreter.class.getDeclaredField("timed");
            f.setAccessible(true);
            return (TimedCore) f.get(m.cpu().mmu.fetchWindow);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Between the MMU and the loop's fetch windows: at the PASS-th context change (the MTC0 of that pass) the
     * host makes {@code change}, and the fetch window is put back as the MTC0 left it; the page stays unknown.
     */
    private static final class OutsideChange implements FetchWindow {
        private final Machine m;
        private final FetchWindow loop;
        private final TimedCore core;
        private final Consumer<Machine> change;
        private int countdown = PASS;
        /** Whether the change came inside a translated region's kernel instruction (Region.kernelOp). */
        boolean inRegion, done;

        OutsideChange(Machine m, Consumer<Machine> change) {
            this.m = m;
            this.loop = m.cpu().mmu.fetchWindow;
            this.core = core(m);
            this.change = change;
            m.cpu().mmu.fetchWindow = this;
        }

        @Override
        public void invalidateFetch() {
            loop.invalidateFetch();
        }

        @Override
        public void mappingsChanged(boolean kernel) {
            long line = core.fetchLineVa;
            int base = core.fetchBase;
            loop.mappingsChanged(kernel); // (drops the window and the page: a kuseg page)
            if (--countdown != 0) return;
            assertEquals(CODE_VA + 4 * MTC0, line, "the window: the MTC0's line");
            change.accept(m);
            core.fetchLineVa = line;
            core.fetchBase = base;
            inRegion = StackWalker.getInstance().walk(s -> s.anyMatch(
                    f -> f.getClassName().equals(Region.class.getName()) && f.getMethodName().equals("kernelOp")));
            done = true;
        }
    }

    /** The code's TLB entry becomes {@code lo0}. */
    private static Consumer<Machine> remap(long lo0) {
        return m -> mapCode(m, lo0);
    }

    /**
     * HEAD + 2's word becomes addiu t7, t7, 100 in memory and HEAD's line leaves the I-cache (as a DMA and a
     * cache flush by someone else would do): the next fetch of HEAD fills the line with a word the region does not
     * hold.
     */
    private static void rewriteHead(Machine m) {
        m.writeWords(0x80000000L | CODE_PA + 4 * (HEAD + 2), new int[] {REWRITTEN});
        var ic = m.memory().icache;
        ic.invalidate(ic.find(HEAD_VA, CODE_PA + 4 * HEAD));
    }

    /** The run with the change, untranslated (0) or translated at a block start's first or second execution; its dump. */
    private static String run(Consumer<Machine> change, int translateAfter, int status, int faults, int dropped) {
        Machine m = Machine.create(true, 4 << 20, new ByteArrayOutputStream(), null);
        m.enableTiming(TimingTable.defaults(), null, translateAfter);
        m.writeWords(0x80000000L, TestCode.vectorStub(100)); // a refill: not expected, halts with 100 + ExcCode
        m.writeWords(0x80000180L, fixUpHandler());
        m.writeWords(0x80000000L | CODE_PA, code());
        m.start(CODE_VA);
        mapCode(m, LO0);
        OutsideChange outside = new OutsideChange(m, change);
        Machine.RunResult r = m.run(100_000);
        String how = "translate after " + translateAfter;
        assertTrue(outside.done, how);
        assertEquals(translateAfter != 0, outside.inRegion, how + ": the change comes inside a region");
        assertEquals(status, r.exitStatus(), how);
        // A dead region (found stale: nothing else here kills it) is dropped at the next lookup of its entry.
        assertEquals(translateAfter == 0 ? 0 : dropped, m.translationCounts()[1], how + ": regions dropped");
        Cpu c = m.cpu();
        assertEquals(faults, c.gpr[S7], how + ": fetch faults");
        if (faults != 0) {
            assertEquals(HEAD_VA, c.gpr[S6], how + ": EPC, the branch back's target");
            assertEquals(HEAD_VA, c.gpr[S5], how + ": BadVAddr");
            assertEquals(1, c.cp0.exceptionCount[ExcCode.TLBL], how);
        }
        return MachineStateDump.of(m, r);
    }

    private static void equivalent(Consumer<Machine> change, int status, int faults, int dropped) {
        String reference = run(change, 0, status, faults, dropped);
        assertEquals(reference, run(change, 1, status, faults, dropped), "translated at the first execution");
        assertEquals(reference, run(change, 2, status, faults, dropped), "translated at the second");
    }

    /**
     * K_UNCACHED: the region's branch back to its entry finds the line uncached; it leaves, and the loop's
     * uncached step runs HEAD (TimedCore.regionStepUncached); the loop runs the rest, uncached.
     */
    @Test
    void uncachedEntryLineOnTheWayBackLeavesAsTheLoop() {
        equivalent(remap(LO0_UNCACHED), STATUS, 0, 0);
    }

    /**
     * K_FETCH_FAULT: the branch back's fetch is a TLB invalid (TLBL) exception at HEAD; the handler makes the entry
     * valid and returns to HEAD.
     */
    @Test
    void invalidEntryPageOnTheWayBackFaultsAsTheLoop() {
        equivalent(remap(LO0_INVALID), STATUS, 1, 0);
    }

    /**
     * K_STALE with the region's counts and registers in locals: the branch back fills HEAD's line with other
     * words; the region is dead, and the loop runs HEAD's instruction (TimedCore.finishFetched) and the rest.
     */
    @Test
    void entryLineRefilledWithOtherWordsOnTheWayBackLeavesAsTheLoop() {
        equivalent(RegionFetchExitTest::rewriteHead, STATUS_REWRITTEN, 0, 1);
    }

    /**
     * K_STALE from guest code, where it happens: at a region's first fetch (N = 0). G's region is translated at
     * G's first call, from memory. Then G's word is rewritten (a cached store, written back) and G's line
     * invalidated, so the second call enters G's region with its line absent (Region.linesValid lets it run);
     * its first fetch fills the line with the new word, other than the translated one: the region is dead and
     * the loop runs the new instruction (TimedCore.finishFetched). By hand: v1 = 2 + 5.
     */
    @Test
    void entryLineRefilledWithOtherWordsAtTheFirstFetchLeavesAsTheLoop() {
        final int g = 1024 + 64; // in the next page: main's region leaves at the JALR, the dispatcher enters G's
        long gVa = TestCode.CODE + 4L * g;
        TestCode t = new TestCode()
                .li(T9, (int) gVa).i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)     // G: v1 = 2, G's region made
                .li(T1, TestCode.enc(Op.ADDIU, V1, V1, 5))
                .i(Op.SW, T1, 0, T9)
                .i(Op.CACHE, CacheOps.HIT_WRITEBACK_D, 0, T9)                 // G's new word in memory
                .i(Op.CACHE, CacheOps.HIT_INVALIDATE_I, 0, T9)                // G's line gone
                .i(Op.JALR, RA, T9).i(Op.SLL, 0, 0, 0)                       // G again: v1 = 7
                .haltWith(V1);
        while (t.words.size() < g) t.i(Op.SLL, 0, 0, 0);
        t.i(Op.ADDIU, V1, V1, 2).i(Op.JR, RA).i(Op.SLL, 0, 0, 0);           // G
        String reference = null;
        for (int translateAfter : new int[] {0, 1}) {
            Machine m = t.machine(true);
            m.enableTiming(TimingTable.defaults(), null, translateAfter);
            Machine.RunResult r = m.run(100_000);
            assertEquals(7, r.exitStatus());
            String d = MachineStateDump.of(m, r);
            if (reference == null) {
                reference = d;
                continue;
            }
            assertEquals(reference, d, "translated at the first execution");
            // G's region died at that fetch (its line was absent at entry: only revalidate can have found it
            // stale): the next lookup drops it.
            assertNotNull(core(m).regions().find(gVa, Machine.kernelPhysical(gVa)));
            assertEquals(1, m.translationCounts()[1], "G's region dropped");
        }
    }
}
