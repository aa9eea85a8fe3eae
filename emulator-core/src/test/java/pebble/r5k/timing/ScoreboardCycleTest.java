package pebble.r5k.timing;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.Decoder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exact issue stalls for short sequences. Each instruction would issue one cycle after the previous one
 * issued (one per cycle, §1.1); a stall is readyAt − cycle. Expected values are derived from the table
 * keys in the comments, never recomputed from the table.
 */
class ScoreboardCycleTest {
    static final int LW_T0_0_A0 = 0x8C880000;      // lw    t0, 0(a0)
    static final int ADDU_T1_T0_T0 = 0x01084821;   // addu  t1, t0, t0
    static final int ADDU_T2_A0_A1 = 0x00855021;   // addu  t2, a0, a1
    static final int MULT_A0_A1 = 0x00850018;      // mult  a0, a1
    static final int MFLO_V0 = 0x00001012;         // mflo  v0
    static final int DIV_A0_A1 = 0x0085001A;       // div   a0, a1
    static final int DDIV_A0_A1 = 0x0085001E;      // ddiv  a0, a1
    static final int LW_ZERO = 0x8C800000;         // lw    zero, 0(a0)
    static final int ADDU_T1_ZERO_ZERO = 0x00004821; // addu t1, zero, zero
    static final int SW_T0_4_A0 = 0xAC880004;      // sw    t0, 4(a0)

    private final TimingTable t = TimingTable.defaults();

    /** Runs words back to back from cycle 0 and returns the total cycles: Σ (1 + stall). */
    private long run(Scoreboard sb, int... words) {
        long cycle = 0;
        for (int w : words) {
            cycle += sb.issue(Decoder.decode(w), w, cycle);
            cycle += 1;
        }
        return cycle;
    }

    @Test
    void loadUseStallsOneCycle() {
        // lw issues at 0, t0 ready at 0 + latency.load(2) = 2; addu would issue at 1 → 1 stall; total 3.
        Scoreboard sb = new Scoreboard(t);
        assertEquals(3, run(sb, LW_T0_0_A0, ADDU_T1_T0_T0));
        assertEquals(1, sb.loadUseStalls);
        // An independent instruction between them fills the slot: no stall, 3 cycles for 3 instructions.
        assertEquals(3, run(new Scoreboard(t), LW_T0_0_A0, ADDU_T2_A0_A1, ADDU_T1_T0_T0));
        // A store of the loaded value also reads t0: 1 stall.
        assertEquals(3, run(new Scoreboard(t), LW_T0_0_A0, SW_T0_4_A0));
    }

    @Test
    void writesToZeroNeverStall() {
        assertEquals(2, run(new Scoreboard(t), LW_ZERO, ADDU_T1_ZERO_ZERO));
    }

    @Test
    void multThenMfloStallsFour() {
        // mult at 0, HI/LO ready at 0 + latency.mult(5) = 5; mflo would issue at 1 → 4 stalls; total 6.
        Scoreboard sb = new Scoreboard(t);
        assertEquals(6, run(sb, MULT_A0_A1, MFLO_V0));
        assertEquals(4, sb.mulDivStalls);
    }

    @Test
    void backToBackMultWaitsForRepeat() {
        // mult at 0 keeps the unit busy until 0 + repeat.mult(5) = 5; the second mult would issue at 1 → 4
        // stalls, issues at 5, HI/LO ready at 10; mflo would issue at 6 → 4 stalls; total 11.
        assertEquals(11, run(new Scoreboard(t), MULT_A0_A1, MULT_A0_A1, MFLO_V0));
    }

    @Test
    void divAndDdivLatencies() {
        // div at 0, ready at latency.div(36); mflo at 1 → 35 stalls; total 37.
        assertEquals(37, run(new Scoreboard(t), DIV_A0_A1, MFLO_V0));
        // ddiv: latency.ddiv(68) → mflo stalls 67; total 69.
        assertEquals(69, run(new Scoreboard(t), DDIV_A0_A1, MFLO_V0));
        // Independent ALU work overlaps the divide: div, 3 × addu, mflo → mflo at 4 stalls 32; total 37.
        assertEquals(37, run(new Scoreboard(t), DIV_A0_A1, ADDU_T2_A0_A1, ADDU_T2_A0_A1, ADDU_T2_A0_A1, MFLO_V0));
    }

    @Test
    void writeBufferPostsThenStallsWhenFull() {
        // One entry; each posted write occupies it for writeCycles = sysclk.divisor(3) × mem.writeFirstBeat(4) = 12.
        Scoreboard sb = new Scoreboard(t);
        assertEquals(0, sb.postWrite(0));   // leaves at 12
        assertEquals(11, sb.postWrite(1));  // waits until 12, leaves at 24
        assertEquals(10, sb.postWrite(14)); // waits until 24, leaves at 36
        assertEquals(6, sb.drainWrites(30));
        assertEquals(0, sb.drainWrites(40));
        assertEquals(27, sb.writeBufferStalls);
    }

    @Test
    void deterministicAcrossRuns() {
        int[] seq = {LW_T0_0_A0, ADDU_T1_T0_T0, MULT_A0_A1, DIV_A0_A1, MFLO_V0, ADDU_T2_A0_A1};
        long first = run(new Scoreboard(t), seq);
        for (int k = 0; k < 5; k++) assertEquals(first, run(new Scoreboard(t), seq));
    }
}
