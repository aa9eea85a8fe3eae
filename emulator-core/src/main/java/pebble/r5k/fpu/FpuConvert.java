package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;

import static pebble.r5k.fpu.FpFormat.*;

/**
 * CVT, ROUND, TRUNC, CEIL and FLOOR between S, D, W and L (MIPS IV ISA). Same conventions as {@link FpuArith}:
 * conditions go to FCSR.Cause; the caller traps or writes.
 */
public final class FpuConvert {
    private FpuConvert() {}

    /** Result of a float-to-integer conversion that is invalid (NaN, infinity, out of range): 2^31-1 / 2^63-1. */
    public static final long W_INVALID = 0x7FFF_FFFFL, L_INVALID = 0x7FFF_FFFF_FFFF_FFFFL;

    /** CVT.D.S: exact. A quiet NaN keeps its payload (shifted up); an sNaN is Invalid. */
    public static long sToD(Cpu c, long a) {
        int ca = cls(S, a);
        long sign = isNeg(S, a) ? SIGN[D] : 0;
        if (ca == SNAN) return FpuArith.invalid(c, D);
        if (ca == QNAN) return sign | EXP[D] | ((a & FRAC[S]) << 29);
        a = FpuArith.denorm(c, S, a);
        if (Fcsr.unimplemented(c)) return 0;
        return Double.doubleToRawLongBits(Float.intBitsToFloat((int) a));
    }

    /** CVT.S.D: rounded under RM. A quiet NaN keeps the top of its payload; if none is left, the default NaN. */
    public static long dToS(Cpu c, long a) {
        int ca = cls(D, a);
        if (ca == SNAN) return FpuArith.invalid(c, S);
        if (ca == QNAN) return narrowNaN(a);
        a = FpuArith.denorm(c, D, a);
        if (Fcsr.unimplemented(c)) return 0;
        boolean neg = isNeg(D, a);
        ca = cls(D, a);
        if (ca == ZERO) return FpuArith.signedZero(S, neg);
        if (ca == INF) return FpuArith.signedInf(S, neg);
        double x = Math.abs(value(D, a));
        int e = Math.getExponent(x);
        return FpuArith.round(c, S, neg, Math.scalb(x, -e), 0, e);
    }

    static long narrowNaN(long a) {
        long frac = (a & FRAC[D]) >>> 29;
        if (frac == 0) return DEFAULT_NAN[S];
        return (isNeg(D, a) ? SIGN[S] : 0) | EXP[S] | frac;
    }

    /** CVT.S.W, CVT.D.W, CVT.S.L, CVT.D.L: exact for .D.W, else rounded under RM. */
    public static long fromInt(Cpu c, int f, long v) {
        if (v == 0) return 0;
        boolean neg = v < 0;
        long u = neg ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
        if ((u >>> 62) != 0) return FpuArith.roundSig(c, f, neg, (u >>> 2) | ((u & 3) != 0 ? 1 : 0), 2);
        return FpuArith.roundSig(c, f, neg, u, 0);
    }

    /**
     * Float to W (wide = false) or L (wide = true) with rounding mode {@code rm}. Invalid (NaN, infinity, out of
     * range) signals V alone and gives 2^31-1 / 2^63-1 (MIPS IV CVT.W.fmt "default result").
     */
    public static long toInt(Cpu c, int f, long a, int rm, boolean wide) {
        int ca = cls(f, a);
        if (ca >= INF) return invalidInt(c, wide);
        a = FpuArith.denorm(c, f, a);
        if (Fcsr.unimplemented(c) || cls(f, a) == ZERO) return 0;
        boolean neg = isNeg(f, a);
        int p = PRECISION[f];
        int exp = (int) ((a & EXP[f]) >>> (p - 1)) - BIAS[f];
        long sig = (a & FRAC[f]) | (1L << (p - 1));
        if (exp >= 63) { // only -2^63 fits, and only in L
            return wide && neg && exp == 63 && sig == 1L << (p - 1) ? Long.MIN_VALUE : invalidInt(c, wide);
        }
        long mag = integerPart(c, sig, exp - (p - 1), rm, neg);
        long limit = wide ? Long.MAX_VALUE : (neg ? 0x8000_0000L : 0x7FFF_FFFFL);
        if (mag < 0 || Long.compareUnsigned(mag, limit) > 0) {
            c.fcr31 &= ~(Fcsr.I << Fcsr.CAUSE_SHIFT); // Invalid replaces Inexact
            return invalidInt(c, wide);
        }
        long r = neg ? -mag : mag;
        return wide ? r : r & 0xFFFF_FFFFL;
    }

    /** |value| = sig * 2^e (e < 63 - 53) rounded to an integer under rm; signals I when a fraction is dropped. */
    private static long integerPart(Cpu c, long sig, int e, int rm, boolean neg) {
        if (e >= 0) return sig << e;
        int shift = Math.min(-e, 62); // sig < 2^53, so shifting 62 leaves 0 with everything in the remainder
        long kept = sig >>> shift, rem = sig & ((1L << shift) - 1);
        if (rem == 0) return kept;
        Fcsr.signal(c, Fcsr.I);
        return FpuArith.roundsUp(rm, neg, kept, rem, 1L << (shift - 1)) ? kept + 1 : kept;
    }

    private static long invalidInt(Cpu c, boolean wide) {
        Fcsr.signal(c, Fcsr.V);
        return wide ? L_INVALID : W_INVALID;
    }
}
