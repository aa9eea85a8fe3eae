package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Exact cycle counts of short hand-written sequences with the default timing table (docs/timing.md).
 * Every expected number is derived by hand in the comment, from these defaults:
 * <ul>
 * <li>one issue per cycle; latency.load 2, latency.cp0 2, latency.mult 5 / repeat 5, latency.div 36,
 *     latency.ddiv 68, latency.fpDivS 21 / repeat 21;</li>
 * <li>L1 refill from memory = sysclk.divisor 3 × (mem.firstBeat 10 + 3 × mem.nextBeat 2) = 48;
 *     from L2 = 3 × (l2.firstBeat 4 + 3 × l2.nextBeat 1) = 21; dirty write-back = 3 × (mem.writeFirstBeat 4
 *     + 3 × 2) = 30; uncached read = 3 × 10 = 30; a posted write occupies the one-entry write buffer for
 *     3 × 4 = 12;</li>
 * <li>exception.entry 3, exception.eret 2, branch.likelyAnnulled 1, branch.takenExtra 0.</li>
 * </ul>
 * The code starts at 0x80001000 (kseg0, Config.K0 = 3: write-back), at the start of an I-cache line of 8
 * instructions, with cold caches, so the first fetch pays a 48-cycle I-miss and so does each new line.
 * Notation: "i3 @100 → 101" = instruction 3 issues at cycle 100 and the next may issue at 101.
 * The halt is {@code lui k1; ori k1; sw rX, 0(k1)} to the sim-control device (a posted write).
 */
class TimedCycleTest {
    static Machine timed(TestCode t) {
        Machine m = t.machine(true);
        m.enableTiming(TimingTable.defaults(), null);
        return m;
    }

    /**
     * Runs the code in the timed loop, and again with every block translated at its first execution
     * (docs/translator.md): both must give the same cycles, counters and registers. Returns the first.
     */
    static Machine runTimed(TestCode t) {
        Machine m = t.machine(true);
        m.enableTiming(TimingTable.defaults(), null, 0);
        m.run(1_000_000);
        assertTrue(m.cpu().halted, "did not halt; pc=" + Long.toHexString(m.cpu().pc));
        TranslatedTwin.assertSameAsTranslated(m, t, 1_000_000);
        return m;
    }

    static long[] totals(Machine m) {
        return m.stats().totals();
    }

    @Test
    void loadUseStallsOneCycle() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)          // i0
                .i(Op.LW, T2, 4, A0)            // i1: D-miss, warms the line
                .i(Op.LW, T0, 0, A0)            // i2: hit
                .i(Op.ADDU, T1, T0, T0)         // i3: uses t0 one cycle after the load
                .haltWith(T1);                  // i4..i6
        // I-miss 48 → i0 @48 → 49; i1 @49, D-miss 48 → 98; i2 @98 → 99, t0 ready 98 + 2 = 100;
        // i3 would issue @99: 1 load-use stall → @100 → 101; i4 → 102; i5 → 103; i6 (sw) @103 → 104.
        Machine m = runTimed(t);
        assertEquals(104, m.cpu().cycle);
        long[] v = totals(m);
        assertEquals(1, v[Stats.STALL_LOAD_USE]);
        assertEquals(48, v[Stats.STALL_IMISS]);
        assertEquals(48, v[Stats.STALL_DMISS]);
        assertEquals(7, v[Stats.INSTRUCTIONS]);

        // The same with an independent use (t2, loaded 2 instructions earlier, ready @51): no stall, 103.
        TestCode u = new TestCode().i(Op.LUI, A0, 0x8001).i(Op.LW, T2, 4, A0).i(Op.LW, T0, 0, A0)
                .i(Op.ADDU, T1, T2, T2).haltWith(T1);
        assertEquals(103, runTimed(u).cpu().cycle);
    }

    @Test
    void backToBackMultMflo() {
        TestCode t = new TestCode()
                .i(Op.MULT, A0, A1)   // i0
                .i(Op.MFLO, V0)       // i1
                .i(Op.MULT, A0, A1)   // i2
                .i(Op.MFLO, V1)       // i3
                .haltWith(V0);        // i4..i6
        // I-miss → 48. i0 @48: HI/LO ready 53, unit busy to 53. i1 would be @49: 4 stalls → @53 → 54.
        // i2 @54 (unit free since 53): ready 59. i3 would be @55: 4 stalls → @59 → 60. i4..i6 → 63.
        Machine m = runTimed(t);
        assertEquals(63, m.cpu().cycle);
        assertEquals(8, totals(m)[Stats.STALL_MULDIV]);
    }

    @Test
    void divAndDdivOccupyTheUnit() {
        TestCode t = new TestCode()
                .i(Op.DIV, A0, A1)    // i0
                .i(Op.MFLO, V0)       // i1
                .i(Op.DDIV, A0, A1)   // i2
                .i(Op.MFHI, V1)       // i3
                .haltWith(V0);
        // I-miss → 48. i0 @48: ready 48 + 36 = 84. i1 would be @49: 35 stalls → @84 → 85.
        // i2 @85: ready 85 + 68 = 153. i3 would be @86: 67 stalls → @153 → 154. i4..i6 → 157.
        Machine m = runTimed(t);
        assertEquals(157, m.cpu().cycle);
        assertEquals(35 + 67, totals(m)[Stats.STALL_MULDIV]);
    }

    @Test
    void multWaitsForABusyDivide() {
        TestCode t = new TestCode()
                .i(Op.DIV, A0, A1)    // i0
                .i(Op.MULT, A0, A1)   // i1
                .haltWith(V0);
        // I-miss → 48. i0 @48: unit busy until 48 + repeat.div 36 = 84. i1 would be @49: 35 stalls →
        // @84 → 85. i2..i4 → 88.
        assertEquals(88, runTimed(t).cpu().cycle);
    }

    @Test
    void coldThenWarmICacheLoop() {
        TestCode t = new TestCode().i(Op.ADDIU, T0, ZERO, 3);   // i0
        for (int k = 1; k <= 7; k++) t.i(Op.SLL, 0, 0, 0);      // i1..i7: nop
        t.i(Op.ADDIU, T0, T0, -1);                     // i8: loop (a new line)
        for (int k = 9; k <= 13; k++) t.i(Op.SLL, 0, 0, 0);     // i9..i13
        t.i(Op.BNE, T0, ZERO, -7);                     // i14: back to i8 (offset from i15)
        t.i(Op.SLL, 0, 0, 0);                                   // i15: delay slot
        t.haltWith(T0);                                         // i16..i18 (a new line)
        // Line 0 miss 48 → i0..i7 → 56. Line 1 miss 48 → 104; iteration 1 (i8..i15): 8 → 112.
        // Iterations 2 and 3 stay in the same line (warm): 8 each → 128. Line 2 miss 48 → 176; 3 → 179.
        Machine m = runTimed(t);
        assertEquals(179, m.cpu().cycle);
        long[] v = totals(m);
        assertEquals(3 * 48, v[Stats.STALL_IMISS]);
        assertEquals(3, v[Stats.L1I_MISSES]);
        assertEquals(8 + 3 * 8 + 3 - 3, v[Stats.L1I_HITS]); // every fetch but the three line misses
    }

    @Test
    void conflictMissesInOneTwoWaySet() {
        // A = 0x80010000, B = A + 16 KB, C = A + 32 KB: same set (VA[13:5]), three different tags.
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)           // i0
                .i(Op.LUI, A1, 0x8001)           // i1
                .i(Op.ORI, A1, A1, 0x4000)       // i2
                .i(Op.LUI, A2, 0x8001)           // i3
                .i(Op.ORI, A2, A2, 0x8000)       // i4
                .i(Op.LW, T0, 0, A0)             // i5: miss (A in way 0)
                .i(Op.LW, T1, 0, A1)             // i6: miss (B in way 1)
                .i(Op.LW, T2, 0, A2)             // i7: miss, replaces the LRU A
                .i(Op.LW, T3, 0, A0)             // i8: miss, replaces the LRU B (new I-line)
                .i(Op.LW, T4, 0, A2)             // i9: hit (C is still there)
                .haltWith(T4);                   // i10..i12
        // I-miss → 48; i0..i4 → 53; i5 @53 +48 → 102; i6 → 151; i7 → 200; i8: I-miss → 248, @248 +48 → 297;
        // i9 @297 → 298 (t4 ready 299); i10 → 299; i11 → 300; i12 (sw t4, k1 ready 300) @300 → 301.
        Machine m = runTimed(t);
        assertEquals(301, m.cpu().cycle);
        long[] v = totals(m);
        assertEquals(4, v[Stats.L1D_MISSES]);
        assertEquals(1, v[Stats.L1D_HITS]);
        assertEquals(4 * 48, v[Stats.STALL_DMISS]);
    }

    @Test
    void dirtyVictimIsWrittenBackBeforeTheRefill() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)           // i0
                .i(Op.LUI, A1, 0x8001)           // i1
                .i(Op.ORI, A1, A1, 0x4000)       // i2
                .i(Op.LUI, A2, 0x8001)           // i3
                .i(Op.ORI, A2, A2, 0x8000)       // i4
                .i(Op.SW, A1, 0, A0)             // i5: write-allocate miss, A dirty
                .i(Op.LW, T1, 0, A1)             // i6: miss
                .i(Op.LW, T2, 0, A2)             // i7: miss, the LRU victim A is dirty
                .haltWith(T2);                   // i8..i10 (new I-line)
        // I-miss → 48; i0..i4 → 53; i5 @53 +48 → 102; i6 → 151; i7 @151 + 30 (write-back) + 48 → 230;
        // i8: I-miss → 278 → 279; i9 → 280; i10 → 281.
        Machine m = runTimed(t);
        assertEquals(281, m.cpu().cycle);
        assertEquals(30, totals(m)[Stats.STALL_WRITEBACK]);
        assertEquals(0x80014000, m.ram().read32(0x10000), "the write-back reached memory");
    }

    @Test
    void l2HitVersusMemory() {
        TestCode t = new TestCode()
                .i(Op.MFC0, T0, 16)              // i0: Config
                .i(Op.ORI, T0, T0, 0x1000)       // i1: Config.SE
                .i(Op.MTC0, T0, 16)              // i2: L2 on
                .i(Op.LUI, A0, 0x8001)           // i3
                .i(Op.LW, T1, 0, A0)             // i4: L1 miss, L2 miss: memory
                .i(Op.CACHE, 0x11, 0, A0)        // i5: Hit_Invalidate_D (the line is clean)
                .i(Op.LW, T2, 0, A0)             // i6: L1 miss, L2 hit
                .haltWith(T2);                   // i7..i9 (i8 starts a new I-line)
        // I-miss (L2 still off) → 48. i0 @48 → 49, t0 ready 50; i1 would be @49: 1 stall (latency.cp0 2) →
        // @50 → 51; i2 → 52; i3 → 53; i4 @53 + 48 → 102; i5 → 103; i6 @103 + 21 → 125; i7 → 126;
        // i8: I-miss through the L2 (miss: 48) → 174 → 175; i9 → 176.
        Machine m = runTimed(t);
        assertEquals(176, m.cpu().cycle);
        long[] v = totals(m);
        assertEquals(1, v[Stats.L2_HITS]);
        assertEquals(2, v[Stats.L2_MISSES]);
        assertEquals(2 * 48, v[Stats.STALL_L2MISS]);
        assertEquals(21, v[Stats.STALL_DMISS], "the L2-served refill");
    }

    @Test
    void uncachedStoreBurstAndRead() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0xA001)           // i0: kseg1 (uncached) 0xA0010000
                .i(Op.SW, ZERO, 0, A0)           // i1
                .i(Op.SW, ZERO, 4, A0)           // i2
                .i(Op.SW, ZERO, 8, A0)           // i3
                .i(Op.SW, ZERO, 12, A0)          // i4
                .i(Op.LW, T0, 0, A0)             // i5: must wait for the write buffer, then a SysAD round trip
                .haltWith(T0);                   // i6..i8 (i8 starts a new I-line)
        // I-miss → 48; i0 → 49. i1 @49: buffer free, write occupies it until 61 → 50.
        // i2 @50: buffer full until 61 → 11 stalls, write 61..73 → 62. i3 @62: 11 stalls, 73..85 → 74.
        // i4 @74: 11 stalls, 85..97 → 86. i5 @86: drain 11 + round trip 30 → 128. i6 → 129; i7 → 130;
        // i8: I-miss 48 → 178, sw (buffer free since 97) → 179.
        Machine m = runTimed(t);
        assertEquals(179, m.cpu().cycle);
        assertEquals(3 * 11 + 11 + 30, totals(m)[Stats.STALL_UNCACHED]);
    }

    @Test
    void exceptionRoundTrip() {
        TestCode t = new TestCode()
                .i(Op.SYSCALL, 0)                // i0
                .haltWith(ZERO);                 // i1..i3
        Machine m = t.machine(true);
        // Handler at the general vector (its own I-line): skip the syscall and return.
        m.writeWords(0x80000180L, new TestCode()
                .i(Op.MFC0, K0, 14)              // h0: EPC
                .i(Op.ADDIU, K0, K0, 4)          // h1
                .i(Op.MTC0, K0, 14)              // h2
                .i(Op.ERET)                      // h3
                .array());
        m.enableTiming(TimingTable.defaults(), null);
        m.run(1_000_000);
        assertTrue(m.cpu().halted);
        // I-miss → 48. i0 @48 → 49 + exception.entry 3 → 52. h0: I-miss → 100, @100 → 101 (k0 ready 102);
        // h1 would be @101: 1 stall → 102 → 103; h2 → 104; h3 @104 → 105 + exception.eret 2 → 107.
        // i1 (line still cached) → 108; i2 → 109; i3 → 110.
        assertEquals(110, m.cpu().cycle);
        long[] v = totals(m);
        assertEquals(3 + 2, v[Stats.STALL_EXCEPTION]);
        assertEquals(1, m.cpu().cp0.exceptionCount[ExcCode.SYS]);
        assertEquals(0, m.cpu().exitStatus);
        // Retired: h0..h3 (ERET included) and i1..i3; the SYSCALL raised an exception, so it did not retire.
        assertEquals(7, m.cpu().instret);
    }

    @Test
    void annulledBranchLikelySlotCostsACycle() {
        TestCode t = new TestCode()
                .i(Op.ADDIU, T0, ZERO, 1)        // i0
                .i(Op.BEQL, T0, ZERO, 5)         // i1: not taken: the slot is annulled
                .i(Op.ADDIU, T0, T0, 1)          // i2: annulled
                .i(Op.BNE, T0, ZERO, 1)          // i3: taken, to i5
                .i(Op.SLL, 0, 0, 0)              // i4: delay slot
                .haltWith(T0);                   // i5..i7
        // I-miss → 48. i0 → 49; i1 @49 → 50 + branch.likelyAnnulled 1 → 51; i3 → 52; i4 → 53 (taken: +0);
        // i5..i7 → 56. Seven instructions retire (the annulled slot does not).
        Machine m = runTimed(t);
        assertEquals(56, m.cpu().cycle);
        assertEquals(7, m.cpu().instret);
        assertEquals(1, m.cpu().exitStatus);
    }

    @Test
    void fpDualIssuePairsOneFpAluWithOneOther() {
        TestCode t = new TestCode()
                .i(Op.LUI, T0, 0x2000)           // i0: Status.CU1
                .i(Op.MTC0, T0, 12)              // i1
                .i(Op.ADD_S, 0, 2, 4)            // i2: FP ALU
                .i(Op.ADDU, T1, T2, T3)          // i3: integer
                .i(Op.ADD_S, 6, 8, 10)           // i4: FP ALU
                .i(Op.ADDU, T4, T5, T6)          // i5: integer
                .haltWith(ZERO);                 // i6..i8 (i8 starts a new I-line)
        // I-miss → 48. i0 @48 → 49; i1 @49 → 50. i2: the previous (integer) issued @49 alone, no dependency:
        // pairs @49, next still 50. i3: i2 already paired → @50 → 51. i4 pairs with i3 @50 → 51.
        // i5 @51 → 52. i6 @52 → 53 (i5 was integer: same class). i7 → 54. i8: I-miss → 102 → 103.
        // Nine instructions in 103 cycles; single issue would take 106.
        Machine m = runTimed(t);
        assertEquals(103, m.cpu().cycle);
        assertEquals(9, m.cpu().instret);
    }

    @Test
    void dependentFpOpDoesNotPair() {
        TestCode t = new TestCode()
                .i(Op.LUI, T0, 0x2000)           // i0
                .i(Op.MTC0, T0, 12)              // i1
                .i(Op.SLL, 0, 0, 0)              // i2: nop
                .i(Op.ADD_S, 0, 2, 4)            // i3: FP ALU, f0 ready 4 cycles after issue
                .i(Op.SWC1, 0, 0, SP)            // i4: store of f0 (other class, but dependent)
                .haltWith(ZERO);                 // i5..i7
        // I-miss → 48; i0 → 49; i1 → 50; i2 @50 → 51. i3 pairs with i2 @50 (f0 ready 54), next 51.
        // i4 @51: f0 not ready: 3 stalls → @54 → 55 (a store to the stack: D-miss 48 → 103).
        // i5 → 104; i6 → 105; i7 → 106.
        Machine m = t.machine(true);
        m.cpu().gpr[SP] = 0xFFFFFFFF80020000L;
        m.enableTiming(TimingTable.defaults(), null);
        m.run(1_000_000);
        assertEquals(106, m.cpu().cycle);
        assertEquals(3, totals(m)[Stats.STALL_FP]);
    }

    @Test
    void fpDivideOccupiesTheUnit() {
        TestCode t = new TestCode()
                .i(Op.LUI, T0, 0x2000)           // i0
                .i(Op.MTC0, T0, 12)              // i1
                .i(Op.DIV_S, 0, 2, 4)            // i2
                .i(Op.ADDU, T1, T2, T3)          // i3
                .i(Op.DIV_S, 6, 8, 10)           // i4
                .haltWith(ZERO);                 // i5..i7
        // I-miss → 48; i0 → 49; i1 @49 → 50. i2 pairs with i1 @49: unit busy until 49 + 21 = 70.
        // i3 @50 → 51. i4 @51: unit busy: 19 stalls → @70 → 71. i5 (integer after an unpaired FP op) pairs
        // @70, next 71; i6 @71 → 72; i7 → 73.
        Machine m = runTimed(t);
        assertEquals(73, m.cpu().cycle);
        assertEquals(19, totals(m)[Stats.STALL_FP]);
    }

    @Test
    void countComesFromTheCycleCounter() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001)           // i0
                .i(Op.LW, T1, 0, A0)             // i1: D-miss
                .i(Op.MFC0, T0, 9)               // i2: Count
                .haltWith(T0);
        // I-miss → 48; i0 → 49; i1 @49 + 48 → 98; i2 issues @98: Count = 98 / count.cyclesPerTick 2 = 49.
        Machine m = runTimed(t);
        assertEquals(49, m.cpu().exitStatus & 0xFF);
    }

    @Test
    void timingOverridesChangeTheCounts() throws Exception {
        TestCode t = new TestCode().i(Op.LUI, A0, 0x8001).i(Op.LW, T2, 4, A0).i(Op.LW, T0, 0, A0)
                .i(Op.ADDU, T1, T0, T0).haltWith(T1);
        Machine m = t.machine(true);
        m.enableTiming(TimingTable.parse("what-if", List.of("latency.load = 3", "mem.firstBeat = 20")), null);
        m.run(1_000_000);
        // Refill = 3 × (20 + 3 × 2) = 78. I-miss → 78; i0 → 79; i1 @79 + 78 → 158; i2 @158 → 159, t0 ready
        // 161; i3: 2 stalls → @161 → 162; i4..i6 → 165.
        assertEquals(165, m.cpu().cycle);
    }

    @Test
    void sameProgramSameCycles() {
        TestCode t = new TestCode()
                .i(Op.LUI, A0, 0x8001).i(Op.ADDIU, T0, ZERO, 40)
                .i(Op.SW, T0, 0, A0)                       // loop: store, load, multiply, divide
                .i(Op.LW, T1, 0, A0)
                .i(Op.MULT, T1, T0).i(Op.MFLO, T2).i(Op.DIV, T2, T0).i(Op.MFHI, T3)
                .i(Op.ADDIU, A0, A0, 0x2000)
                .i(Op.ADDIU, T0, T0, -1)
                .i(Op.BNE, T0, ZERO, -9).i(Op.SLL, 0, 0, 0)
                .haltWith(T3);
        Machine a = runTimed(t), b = runTimed(t);
        assertEquals(a.cpu().cycle, b.cpu().cycle);
        assertEquals(pebble.r5k.timing.StatsWriter.json(a.stats()), pebble.r5k.timing.StatsWriter.json(b.stats()));
        assertTrue(a.cpu().cycle > a.cpu().instret, "stalls happened");
    }
}
