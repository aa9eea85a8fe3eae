package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Switching the ASID by writing EntryHi: the next load must use the new ASID's mapping (the micro-TLB and
 * the timed D-cache line filter are flushed), and the per-ASID statistics credit every instruction, cycle
 * and refill to the ASID that was running. Both modes, translated and not.
 */
class AsidSwitchTest {
    /** VA 0x00400000 maps to physical 0x40000 under ASID 1 and 0x41000 under ASID 2 (not global). */
    private static final long VA = 0x00400000L, PA1 = 0x40000L, PA2 = 0x41000L;

    private static long entryLo(long pa) {
        return (pa >>> 12) << 6 | 3 << 3 | 0x6; // C = 3 (cacheable write-back), D, V; G = 0
    }

    private static Machine machine(TestCode t, boolean timed, int translateAfter) {
        return machine(t, timed, translateAfter, true);
    }

    /** {@code perAsid}: asked for before timing is enabled, so the timed core's new Stats must keep it too. */
    private static Machine machine(TestCode t, boolean timed, int translateAfter, boolean perAsid) {
        Machine m = t.machine(true);
        if (perAsid) m.trackStatsPerAsid();
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter);
        m.writeWords(0x80000000L | PA1, new int[] {0x1111});
        m.writeWords(0x80000000L | PA2, new int[] {0x2222});
        m.start(TestCode.CODE);
        return m;
    }

    /**
     * Three times: ASID 1, load; ASID 2, load; ASID 1, load. With the mapping cached from the previous
     * ASID (no flush on the EntryHi write), the second load reads 0x1111 and the third 0x2222.
     */
    @Test
    void aLoadAfterAnEntryHiWriteUsesTheNewAsid() {
        TestCode t = new TestCode()
                .i(Op.LUI, T0, VA >>> 16)        // i0
                .i(Op.ADDIU, T3, ZERO, 3)        // i1
                .i(Op.ADDIU, T1, ZERO, 1)        // i2 (loop)
                .i(Op.MTC0, T1, 10)              // i3: EntryHi ASID 1
                .i(Op.LW, S0, 0, T0)             // i4
                .i(Op.ADDIU, T1, ZERO, 2)        // i5
                .i(Op.MTC0, T1, 10)              // i6: ASID 2
                .i(Op.LW, S1, 0, T0)             // i7
                .i(Op.ADDIU, T1, ZERO, 1)        // i8
                .i(Op.MTC0, T1, 10)              // i9: ASID 1
                .i(Op.LW, S2, 0, T0)             // i10
                .i(Op.ADDIU, T3, T3, -1)         // i11
                .i(Op.BNE, T3, ZERO, -11)        // i12: to i2
                .i(Op.SLL, 0, 0, 0)              // i13
                .haltWith(ZERO);
        for (boolean timed : new boolean[] {false, true}) {
            for (int translateAfter : new int[] {0, 1, 2}) {
                String what = (timed ? "timed" : "functional") + ", translate after " + translateAfter;
                Machine m = machine(t, timed, translateAfter);
                m.cpu().tlb.write(0, 0, VA | 1, entryLo(PA1), 0);
                m.cpu().tlb.write(1, 0, VA | 2, entryLo(PA2), 0);
                m.cpu().mmu.tlbChanged();
                m.run(1_000_000);
                assertEquals(0, m.cpu().exitStatus, what);
                assertEquals(0x1111, m.cpu().gpr[S0], what + ": ASID 1");
                assertEquals(0x2222, m.cpu().gpr[S1], what + ": ASID 2 after ASID 1");
                assertEquals(0x1111, m.cpu().gpr[S2], what + ": ASID 1 after ASID 2");
            }
        }
    }

    /**
     * ASID 0 → 1 → 2, one load with a TLB refill in each of ASIDs 1 and 2. The instruction that writes
     * EntryHi is credited to the ASID it switches to (the switch is sampled while it executes, before it
     * retires), and a refill with its handler to the ASID that took it. (Not back to ASID 0: an error in
     * crediting the switching instruction would cancel out over a round trip.)
     */
    static TestCode twoAsids() {
        return new TestCode()
                .i(Op.LUI, T0, VA >>> 16)        // i0   ASID 0
                .i(Op.ADDIU, T1, ZERO, 1)        // i1   ASID 0
                .i(Op.MTC0, T1, 10)              // i2   ASID 1
                .i(Op.LW, S0, 0, T0)             // i3   ASID 1: refill (r0..r4), then again: retires
                .i(Op.ADDIU, T1, ZERO, 2)        // i4   ASID 1
                .i(Op.MTC0, T1, 10)              // i5   ASID 2
                .i(Op.LW, S1, 0, T0)             // i6   ASID 2: refill (r0..r4), then retires
                .haltWith(ZERO);                 // i7..i9 ASID 2
    }

    /** The refill handler: map the faulting page pair to PA1 (even page) with TLBWR and return. */
    static int[] refillHandler() {
        return new TestCode()
                .i(Op.ADDIU, K0, ZERO, entryLo(PA1)) // r0
                .i(Op.MTC0, K0, 2)               // r1: EntryLo0
                .i(Op.MTC0, ZERO, 3)             // r2: EntryLo1
                .i(Op.TLBWR)                     // r3
                .i(Op.ERET)                      // r4
                .array();
    }

    /**
     * Functional: one cycle per instruction and per exception. ASID 0: i0, i1. ASID 1: i2, r0..r4, i3 (8
     * retired; the refilled LW also spent a cycle) and i4. ASID 2: i5, r0..r4, i6..i9 (10 retired, 11 cycles).
     */
    private static final long[][] FUNCTIONAL = {{2, 2, 0, 0}, {8, 9, 1, 1}, {10, 11, 1, 1}};

    /**
     * Timed (the defaults of TimedCycleTest). ASID 0 from 0: I-miss → 48; i0 @48, i1 @49; i2 issues @50 and
     * the switch is sampled then (50 cycles). ASID 1 from 50: i2 → 51; i3 @51 refills → 52 + exception.entry
     * 3 → 55; handler I-miss → 103; r0..r3 @103..106; r4 (ERET) @107 → 108 + exception.eret 2 → 110; i3 again
     * @110, D-miss 48 → 159; i4 @159; i5 issues @160 (110 cycles). ASID 2 from 160: i5 → 161; i6 @161 refills
     * → 165; handler (cached) @165..169 → 170 + 2 → 172; i6 hits @172; i7 @173; i8 starts a new I-line:
     * miss → 222, @222; i9 @223 → 224 (64 cycles).
     */
    private static final long[][] TIMED = {{2, 50, 0, 0}, {8, 110, 1, 1}, {10, 64, 1, 1}};

    private static long[] sum(Machine m, int... asids) {
        long[] s = new long[Stats.N];
        for (int a : asids) for (int k = 0; k < Stats.N; k++) s[k] += m.stats().asid(a)[k];
        return s;
    }

    private static long[] perAsid(Machine m, int asid) {
        m.stats().totals();
        long[] v = m.stats().asid(asid);
        return new long[] {v[Stats.INSTRUCTIONS], v[Stats.CYCLES], v[Stats.TLB_REFILLS], v[Stats.EXCEPTIONS]};
    }

    @Test
    void perAsidStatisticsAreCreditedExactly() {
        for (boolean timed : new boolean[] {false, true}) {
            long[][] first = null;
            for (int translateAfter : new int[] {0, 1}) {
                String what = (timed ? "timed" : "functional") + ", translate after " + translateAfter;
                Machine m = machine(twoAsids(), timed, translateAfter);
                m.writeWords(0x80000000L, refillHandler());
                m.run(1_000_000);
                assertEquals(0, m.cpu().exitStatus, what);
                assertEquals(0x1111, m.cpu().gpr[S1], what);
                long[][] got = {perAsid(m, 0), perAsid(m, 1), perAsid(m, 2)};
                // {instructions, cycles, TLB refills, exceptions} of ASIDs 0, 1, 2.
                long[][] want = timed ? TIMED : FUNCTIONAL;
                for (int a = 0; a < 3; a++) assertArrayEquals(want[a], got[a], what + ": ASID " + a);
                assertArrayEquals(m.stats().totals(), sum(m, 0, 1, 2), what + ": the ASIDs add up to the totals");
            }
        }
    }

    /** Without {@link Machine#trackStatsPerAsid} the totals are the same and there is no breakdown. */
    @Test
    void withoutThePerAsidBreakdownTheTotalsAreTheSame() {
        for (boolean timed : new boolean[] {false, true}) {
            long[][] totals = new long[2][];
            for (int perAsid = 0; perAsid < 2; perAsid++) {
                Machine m = machine(twoAsids(), timed, 1, perAsid == 1);
                m.writeWords(0x80000000L, refillHandler());
                m.run(1_000_000);
                assertEquals(0, m.cpu().exitStatus);
                totals[perAsid] = m.stats().totals();
                String text = pebble.r5k.timing.StatsWriter.text(m.stats());
                assertEquals(perAsid == 1, text.contains("per ASID:"), text);
                for (int a = 0; a < 3; a++) assertEquals(perAsid == 1, m.stats().asid(a) != null, "ASID " + a);
            }
            assertArrayEquals(totals[1], totals[0], timed ? "timed" : "functional");
            assertEquals(FUNCTIONAL[0][0] + FUNCTIONAL[1][0] + FUNCTIONAL[2][0], totals[0][Stats.INSTRUCTIONS]);
        }
    }
}
