package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;
import pebble.r5k.isa.Op;

/**
 * Where the R5000 model deliberately differs from QEMU (docs/fpu.md, "Differences from QEMU"). Some cases are
 * excluded outright (QEMU computes what the R4000 family hands to software); others are compared after a
 * documented adjustment of QEMU's answer. Both kinds are counted and reported.
 */
final class DifferentialRules {
    private DifferentialRules() {}

    /** Why a case cannot be compared at all, or null. */
    static String excluded(Op op, int fcsrBefore, long fs, long ft, long fr, int fcsrAfter, int rc) {
        // QEMU computes denormal operands/results in hardware-less softfloat; the R4000 family traps (E).
        if (rc == Cpu.TRAPPED || (Fcsr.cause(fcsrAfter) & Fcsr.E) != 0) return "unimplemented operation";
        // FS = 1 flush of a tiny result: QEMU always gives ±0, the R4000 gives ±MinNormal under RP/RM.
        if ((Fcsr.cause(fcsrAfter) & Fcsr.U) != 0 && !op.mnemonic.startsWith("mov")) return "flush to zero of a result";
        // QEMU's ABS/NEG are sign-bit operations even on NaNs; ours are arithmetic.
        char src = FpuTestSupport.sourceFormat(op);
        if (absNeg(op) && nan(src, fs)) return "abs/neg of NaN";
        return null;
    }

    static boolean absNeg(Op op) {
        return op.mnemonic.startsWith("abs.") || op.mnemonic.startsWith("neg.");
    }

    /**
     * QEMU's FCSR after the case, adjusted for a documented difference: its ABS/NEG leave Cause unchanged,
     * while they are arithmetic here and clear it.
     */
    static int adjustFcsr(Op op, int qemuFcsr) {
        return absNeg(op) ? qemuFcsr & ~Fcsr.CAUSE_MASK : qemuFcsr;
    }

    /**
     * QEMU's legacy-NaN mode returns the (possibly negated) default NaN for every NaN result; the R4000 family
     * propagates a quiet NaN operand. Accepts our NaN when QEMU gave ±default NaN and an operand was a qNaN.
     */
    static boolean qnanPropagation(char dst, long ourFd, long qemuFd, char src, long fs, long ft, long fr) {
        if (dst != 'S' && dst != 'D') return false;
        if (!(nan(dst, ourFd) && isDefaultNaN(dst, qemuFd))) return false;
        return qnan(src, fs) || qnan(src, ft) || qnan(src, fr);
    }

    private static boolean isDefaultNaN(char fmt, long v) {
        if (fmt == 'S') return ((v & 0x7FFFFFFFL) == FpFormat.DEFAULT_NAN[FpFormat.S]);
        return (v & Long.MAX_VALUE) == FpFormat.DEFAULT_NAN[FpFormat.D];
    }

    static boolean qnan(char fmt, long v) {
        if (fmt == 'S') return FpFormat.cls(FpFormat.S, v & 0xFFFFFFFFL) == FpFormat.QNAN;
        if (fmt == 'D') return FpFormat.cls(FpFormat.D, v) == FpFormat.QNAN;
        return false;
    }

    static boolean nan(char fmt, long v) {
        if (fmt == 'S') return FpFormat.isNaN(FpFormat.S, v & 0xFFFFFFFFL);
        if (fmt == 'D') return FpFormat.isNaN(FpFormat.D, v);
        return false;
    }
}
