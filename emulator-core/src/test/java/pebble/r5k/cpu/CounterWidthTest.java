package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.StatsWriter;
import pebble.r5k.timing.TimingTable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Counters that can pass 2^31 are 64-bit everywhere: the loops, translated regions, CP0 Random (derived from
 * the instructions retired) and the statistics. A guest that reads Random and writes the TLB with TLBWR runs
 * across 2^31 and 2^32 retired instructions and cycles, in both modes, translated and not; the counters start
 * just below the boundary ({@link #startCountersAt}), as if the machine had already run that long. One run
 * really retires more than 2^31 instructions inside one translated region call (functional mode, where that
 * takes a few seconds), which is where the region's own count used to wrap.
 */
class CounterWidthTest {
    private static final int LOOPS = 100;
    /** Instructions retired: 4 before the loop, 12 per iteration, 3 for the halt. */
    private static final long RETIRED = 4 + 12L * LOOPS + 3;

    /**
     * Wired = 8, then LOOPS times: read Random, halt with 99 unless 8 <= Random <= 47, add it to t3, write a
     * TLB entry (a different VPN2 each time, invalid) with TLBWR.
     */
    static TestCode randomAndTlbwr() {
        TestCode t = new TestCode()
                .i(Op.ADDIU, T0, ZERO, 8)        // i0
                .i(Op.MTC0, T0, 6)               // i1: Wired = 8; Random restarts at 47
                .i(Op.ADDIU, T0, ZERO, LOOPS)    // i2
                .i(Op.ADDU, T3, ZERO, ZERO)      // i3
                .i(Op.MFC0, T1, 1)               // i4 (loop): Random
                .i(Op.SLTIU, T2, T1, 8)          // i5
                .i(Op.BNE, T2, ZERO, 12)         // i6: Random < Wired: to bad (i19)
                .i(Op.SLTIU, T2, T1, 48)         // i7 (slot)
                .i(Op.BEQ, T2, ZERO, 10)         // i8: Random > 47: to bad
                .i(Op.ADDU, T3, T3, T1)          // i9 (slot)
                .i(Op.SLL, T4, T0, 13)           // i10
                .i(Op.MTC0, T4, 10)              // i11: EntryHi
                .i(Op.TLBWR)                     // i12
                .i(Op.ADDIU, T0, T0, -1)         // i13
                .i(Op.BNE, T0, ZERO, -11)        // i14: to i4
                .i(Op.SLL, 0, 0, 0)              // i15
                .haltWith(ZERO)                  // i16..i18
                .i(Op.ADDIU, T5, ZERO, 99)       // i19: bad
                .haltWith(T5);
        return t;
    }

    /** Sum of the Random values read: read j happens 3 + 12j instructions after the Wired write (epoch). */
    private static long expectedRandomSum() {
        long sum = 0;
        for (int j = 0; j < LOOPS; j++) sum += 47 - (3 + 12L * j) % 40;
        return sum;
    }

    /** Puts the CPU back in its reset state as if {@code instret} instructions and {@code cycle} cycles had run. */
    static void startCountersAt(Machine m, long instret, long cycle) {
        m.cpu().instret = instret;
        m.cpu().cycle = cycle;
        m.start(TestCode.CODE); // Random and Count restart from these (Cp0.reset)
    }

    private static Machine run(TestCode t, boolean timed, int translateAfter, long instret, long cycle) {
        Machine m = t.machine(true);
        m.trackStatsPerAsid();
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter);
        startCountersAt(m, instret, cycle);
        m.run(Long.MAX_VALUE);
        assertTrue(m.cpu().halted, "did not halt; pc=" + Long.toHexString(m.cpu().pc));
        return m;
    }

    @Test
    void randomAndStatisticsAcross2to31And2to32() {
        for (long boundary : new long[] {1L << 31, 1L << 32}) {
            long start = boundary - 600; // the boundary falls in the middle of the loop
            for (boolean timed : new boolean[] {false, true}) {
                long cycles = -1;
                for (int translateAfter : new int[] {0, 1, 3}) {
                    String what = "boundary 2^" + Long.numberOfTrailingZeros(boundary) + (timed ? ", timed" : "")
                            + ", translate after " + translateAfter;
                    Machine m = run(randomAndTlbwr(), timed, translateAfter, start, start);
                    Cpu c = m.cpu();
                    assertEquals(0, c.exitStatus, what + ": Random left Wired..47");
                    assertEquals(expectedRandomSum(), c.gpr[T3], what + ": Random values read");
                    assertEquals(start + RETIRED, c.instret, what);
                    if (!timed) assertEquals(start + RETIRED, c.cycle, what + ": one cycle per instruction");
                    if (cycles < 0) cycles = c.cycle; else assertEquals(cycles, c.cycle, what + ": cycles");
                    long[] v = m.stats().totals();
                    assertEquals(start + RETIRED, v[Stats.INSTRUCTIONS], what);
                    assertEquals(c.cycle, v[Stats.CYCLES], what);
                    assertArrayEquals(v, m.stats().asid(0), what + ": all of it in ASID 0");
                    String json = StatsWriter.json(m.stats());
                    assertEquals(start + RETIRED, firstNumber(json, "instructions"), what);
                    assertEquals(c.cycle, firstNumber(json, "cycles"), what);
                    assertFalse(json.matches("(?s).*: -\\d.*"), what + ": a negative figure in " + json);
                    String text = StatsWriter.text(m.stats());
                    assertTrue(text.contains("instructions: " + (start + RETIRED) + "\n"), text);
                    assertFalse(text.matches("(?s).* -\\d.*"), what + ": a negative figure in " + text);
                }
            }
        }
    }

    /**
     * More than 2^31 instructions retired inside one call of one translated region (a loop of three
     * instructions that branches back to the region's entry; no event for 2^33 cycles), then Random is read
     * and written with TLBWR. The region's count of retired instructions used to be an int.
     */
    @Test
    void oneRegionCallRetiringMoreThan2to31Instructions() {
        int iterations = 750_000_000; // 2.25 G instructions in the loop
        TestCode t = new TestCode()
                .li(T0, iterations)              // i0, i1
                .i(Op.ADDIU, T0, T0, -1)         // i2 (loop)
                .i(Op.BNE, T0, ZERO, -2)         // i3: to i2
                .i(Op.SLL, 0, 0, 0)              // i4
                .i(Op.MFC0, T1, 1)               // i5: Random
                .i(Op.TLBWR)                     // i6 (EntryHi 0, EntryLo 0: an invalid entry)
                .haltWith(T1);                   // i7..i9
        Machine m = run(t, false, 1, 0, 0);
        long retired = 2 + 3L * iterations + 5;
        assertEquals(retired, m.cpu().instret);
        assertEquals(retired, m.stats().totals()[Stats.INSTRUCTIONS]);
        // Random at i5: 2 + 3 * iterations instructions after reset, Wired = 0.
        assertEquals(47 - (2 + 3L * iterations) % 48, m.cpu().exitStatus);
    }

    private static long firstNumber(String json, String key) {
        Matcher mt = Pattern.compile("\"" + key + "\": (-?\\d+)").matcher(json);
        assertTrue(mt.find(), key + " in " + json);
        return Long.parseLong(mt.group(1));
    }
}
