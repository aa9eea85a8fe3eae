package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * The timed loads and stores skip translation and the D-cache probe on a repeat access to the last
 * write-back line (the last-line filter). It must never skip what the probe or translation would have
 * done: a store to a clean (TLB D = 0) page still raises Mod after a load of the same line filled the
 * filter, and a store to a write-through page still reaches memory.
 */
class DCacheFilterTest {
    static Machine runTimed(TestCode t) {
        Machine m = t.machine(true);
        m.enableTiming(TimingTable.defaults(), null);
        m.run(1_000_000);
        assertTrue(m.cpu().halted, "did not halt; pc=" + Long.toHexString(m.cpu().pc));
        return m;
    }

    @Test
    void storeAfterLoadOfTheSameLineOnACleanPageRaisesMod() {
        TestCode t = new TestCode()
                .li(T0, 0x00020000).i(Op.MTC0, T0, Cp0Reg.ENTRYHI)
                .li(T0, (0x4 << 6) | (3 << 3) | 0x3).i(Op.MTC0, T0, Cp0Reg.ENTRYLO0) // V, G, write-back, not D
                .li(T0, 0x1).i(Op.MTC0, T0, Cp0Reg.ENTRYLO1)
                .li(T0, 5).i(Op.MTC0, T0, Cp0Reg.INDEX).i(Op.TLBWI)
                .li(T1, 0x00020000).i(Op.LW, T2, 0, T1)     // fills the line: the filter now holds it
                .i(Op.LW, T3, 4, T1)                        // a filtered load
                .i(Op.SW, T2, 8, T1);                       // same line, but the page is clean: Mod
        t.li(V0, 77).haltWith(V0);
        Machine m = runTimed(t);
        assertEquals(ExcCode.MOD, m.cpu().exitStatus);
        assertEquals(0x00020008L, m.cpu().cp0.badVAddr);
    }

    @Test
    void storeAfterLoadOnAWriteThroughPageReachesMemory() {
        TestCode t = new TestCode()
                .li(T0, 1).i(Op.MTC0, T0, Cp0Reg.CONFIG)    // Config.K0 = 1: kseg0 write-through with allocate
                .li(T1, 0x80004000).i(Op.LW, T2, 0, T1)     // allocates the line
                .li(T3, 0x1234).i(Op.SW, T3, 4, T1)         // must be written through to memory
                .li(V0, 2).haltWith(V0);
        Machine m = runTimed(t);
        assertEquals(2, m.cpu().exitStatus);
        assertEquals(0x1234, m.ram().read32(0x4004));
    }

    @Test
    void writeBackStoreAfterLoadStaysInTheCache() {
        TestCode t = new TestCode()
                .li(T1, 0x80004000).i(Op.LW, T2, 0, T1)     // kseg0 write-back (Config.K0 = 3)
                .li(T3, 0x1234).i(Op.SW, T3, 4, T1)         // the first store probes; it is not filtered yet
                .li(T3, 0x56).i(Op.SW, T3, 8, T1)           // a filtered store: cache only, line dirty
                .i(Op.LW, T4, 8, T1)
                .i(Op.ADDU, V0, T4, ZERO).haltWith(V0);
        Machine m = runTimed(t);
        assertEquals(0x56, m.cpu().exitStatus); // (the exit status is one byte)
        assertEquals(0, m.ram().read32(0x4008), "a write-back store must not reach memory before a write-back");
        assertTrue(m.memory().dcache.isDirty(m.memory().dcache.find(0x80004000L, 0x4000)));
    }

    /**
     * A dropped filter matches no address: kseg3's last line, 0xFFFFFFE0 sign-extended to -32, once matched the
     * dropped filter's -1 under the mask ~31 and read the old line with no translation. The page is not in the
     * TLB, so the load must take a TLB refill (TLBL: the refill vector halts with 100 + 2). In the loop and
     * translated (the branch makes the load's block a region of its own, entered after the EntryHi write).
     */
    @Test
    void aDroppedFilterMatchesNoAddressNotEvenKseg3sLastLine() {
        for (int translateAfter : new int[] {0, 1}) {
            for (Op load : new Op[] {Op.LW, Op.LB, Op.SW, Op.SB}) {
                TestCode t = new TestCode()
                        .li(T1, 0x80004000).i(Op.SW, T2, 0, T1)   // the filter holds this line (for stores too)
                        .i(Op.MTC0, ZERO, Cp0Reg.ENTRYHI)         // a context change drops it
                        .li(T1, 0xFFFFFFE0)
                        .i(Op.BEQ, ZERO, ZERO, 1).i(Op.SLL, ZERO, ZERO, 0)
                        .i(load, T3, 0, T1)                       // kseg3, not mapped: TLB refill
                        .li(V0, 77).haltWith(V0);
                Machine m = t.machine(true);
                m.enableTiming(TimingTable.defaults(), null, translateAfter);
                m.run(1_000_000);
                String what = load + ", translate after " + translateAfter;
                boolean store = load == Op.SW || load == Op.SB;
                assertEquals(100 + (store ? ExcCode.TLBS : ExcCode.TLBL), m.cpu().exitStatus, what);
                assertEquals(0xFFFFFFFFFFFFFFE0L, m.cpu().cp0.badVAddr, what);
            }
        }
    }

    /**
     * The set filter keeps kernel lines across a change to user mode (docs/translator.md, "The data path"), in
     * the kernel's view only: a user-mode load of a kseg0 line the kernel just loaded must still raise the
     * address error (AdEL, to the general vector, which halts with it), looped and translated.
     */
    @Test
    void aKernelLineInTheFilterIsNoUserModeHit() {
        for (int translateAfter : new int[] {0, 1}) {
            TestCode t = new TestCode()
                    .li(T1, 0x80004000).i(Op.LW, T2, 0, T1)                 // the kernel's view holds this line
                    .li(T0, 0x00400000).i(Op.MTC0, T0, Cp0Reg.ENTRYHI)       // user code: VA 0x400000 -> PA 0x2000
                    .li(T0, (0x2 << 6) | (3 << 3) | 0x3).i(Op.MTC0, T0, Cp0Reg.ENTRYLO0)
                    .li(T0, 0x1).i(Op.MTC0, T0, Cp0Reg.ENTRYLO1)
                    .li(T0, 5).i(Op.MTC0, T0, Cp0Reg.INDEX).i(Op.TLBWI)
                    .li(T0, 0x00400000).i(Op.MTC0, T0, Cp0Reg.EPC)
                    .li(T0, 2 << Cp0Reg.SR_KSU_SHIFT | Cp0Reg.SR_EXL).i(Op.MTC0, T0, Cp0Reg.STATUS)
                    .i(Op.ERET);
            Machine m = t.machine(true);
            TestCode user = new TestCode().i(Op.LW, T3, 0, T1).li(V0, 77).haltWith(V0);
            m.writeWords(0x80002000L, user.array());
            m.enableTiming(TimingTable.defaults(), null, translateAfter);
            m.run(1_000_000);
            assertEquals(ExcCode.ADEL, m.cpu().exitStatus, "translate after " + translateAfter);
            assertEquals(0xFFFFFFFF80004000L, m.cpu().cp0.badVAddr, "translate after " + translateAfter);
        }
    }
}
