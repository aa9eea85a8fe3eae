package pebble.r5k.asm;

import static pebble.r5k.isa.Effects.*;

import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;

/**
 * {@code .set reorder}, decided from {@link pebble.r5k.isa.Effects} flags only: (1) the HI/LO hazard
 * nops GNU as inserts for the R5000 (an MFHI/MFLO must be followed by two instructions before anything
 * writes HI/LO; loads and COP moves interlock on MIPS IV, so nothing else needs nops); (2) a branch's
 * delay slot takes the instruction just before it when that instruction is independent, else a nop.
 */
final class Reorderer {
    // Resource bits of a dependence mask: GPRs 1..31, then HI, LO, FP condition codes, FCSR.
    // The FP condition codes live in FCSR, so CTC1/CFC1 and compares/BC1x conflict: one resource.
    private static final long HI = 1L << 32, LO = 1L << 33, FCC = 1L << 34, FCSR = FCC;

    private Op prevOp;
    private int prevWord;
    private boolean prevSwappable;
    /** Instructions emitted since the last MFHI / MFLO (large when none is pending); HI and LO are separate hazards. */
    private int sinceHiRead = 100, sinceLoRead = 100;

    /** No instruction before this point may move into a later delay slot (label, data, noreorder code). */
    void barrier() {
        prevOp = null;
        prevSwappable = false;
    }

    /** Nops to put before {@code op} so it does not write HI/LO too soon after a read. */
    int hazardNops(Op op) {
        int n = 0;
        if (op.has(WRITES_HI)) n = Math.max(n, 2 - sinceHiRead);
        if (op.has(WRITES_LO)) n = Math.max(n, 2 - sinceLoRead);
        return n;
    }

    /** Nops a label needs here: its successor is unknown, so the worst case (GNU as does the same). */
    int nopsBeforeLabel() {
        return Math.max(0, 2 - Math.min(sinceHiRead, sinceLoRead));
    }

    /** Records an emitted instruction; {@code swappable} says it may later move into a delay slot. */
    void record(Op op, int word, boolean swappable) {
        sinceHiRead = op.has(READS_HI) ? 0 : Math.min(sinceHiRead + 1, 100);
        sinceLoRead = op.has(READS_LO) ? 0 : Math.min(sinceLoRead + 1, 100);
        prevOp = op;
        prevWord = word;
        prevSwappable = swappable && !op.hasDelaySlot();
    }

    /** Whether the instruction recorded last can go into the delay slot of {@code branch}. */
    boolean canFillSlot(Op branch, int branchWord) {
        if (prevOp == null || !prevSwappable || branch.has(LIKELY)) return false;
        if (prevOp.has(TRAPS | ENDS_BLOCK)) return false;
        if (prevOp.timing == pebble.r5k.isa.TimingClass.SYNC) return false;  // a barrier stays where it was written
        // COP2 moves may set the condition BC2x tests (the table does not model COP2 state)
        if (prevOp.timing == pebble.r5k.isa.TimingClass.COP2 && branch.timing == pebble.r5k.isa.TimingClass.COP2) return false;
        long prevWrites = writes(prevOp, prevWord), prevReads = reads(prevOp, prevWord);
        if ((prevWrites & reads(branch, branchWord)) != 0) return false;
        long bw = writes(branch, branchWord);
        if ((bw & (prevWrites | prevReads)) != 0) return false;
        // Moving an HI/LO read past the branch would shorten a hazard distance GNU as already counted.
        return !prevOp.has(READS_HI | READS_LO);
    }

    static long reads(Op op, int w) {
        long m = 0;
        if (op.has(READS_RS)) m |= 1L << Fields.rs(w);
        if (op.has(READS_RT)) m |= 1L << Fields.rt(w);
        if (op.has(READS_HI)) m |= HI;
        if (op.has(READS_LO)) m |= LO;
        if (op.has(READS_FCC)) m |= FCC;
        if (op.has(READS_FCSR)) m |= FCSR;
        return m & ~1L;
    }

    static long writes(Op op, int w) {
        long m = 0;
        if (op.has(WRITES_RD)) m |= 1L << Fields.rd(w);
        if (op.has(WRITES_RT)) m |= 1L << Fields.rt(w);
        if (op.has(WRITES_RA)) m |= 1L << 31;
        if (op.has(WRITES_HI)) m |= HI;
        if (op.has(WRITES_LO)) m |= LO;
        if (op.has(WRITES_FCC)) m |= FCC;
        if (op.has(WRITES_FCSR)) m |= FCSR;
        return m & ~1L;
    }
}
