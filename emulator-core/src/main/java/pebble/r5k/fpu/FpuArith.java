package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;

import static pebble.r5k.fpu.FpFormat.*;

/**
 * IEEE 754 arithmetic as the R5000 FPU does it: four rounding modes, exception conditions, MIPS legacy NaNs,
 * and the R4000-family Unimplemented Operation for denormals (docs/fpu.md lists every choice).
 *
 * <p>Operations read RM and FS from {@code cpu.fcr31} and record exception conditions in its Cause field
 * ({@link Fcsr#signal}); the caller clears Cause before and decides about trapping after. When Cause.E is set
 * the returned bits are meaningless.
 *
 * <p>Method: the host computes a result {@code hi} rounded to nearest double on operands scaled to [1,4), and
 * the sign of the exact error (TwoSum, or an FMA residual). {@code 4*sig(hi) +- 1} then carries enough bits for
 * a single correct rounding in any mode and format ({@link #round}); float operands widen to double exactly.
 */
public final class FpuArith {
    private FpuArith() {}

    // ------------------------------------------------------------------ operand screening

    /** NaN result of a two-operand op: sNaN → Invalid + default NaN; else the first quiet NaN (fs, then ft). */
    static long nan2(Cpu c, int f, long a, long b) {
        if (cls(f, a) == SNAN || cls(f, b) == SNAN) return invalid(c, f);
        return cls(f, a) == QNAN ? a : b;
    }

    static long nan1(Cpu c, int f, long a) {
        return cls(f, a) == SNAN ? invalid(c, f) : a;
    }

    static long invalid(Cpu c, int f) {
        Fcsr.signal(c, Fcsr.V);
        return DEFAULT_NAN[f];
    }

    /**
     * Denormal operand of a computational or convert instruction: Unimplemented Operation, whatever FS says (FS
     * only flushes results; R4000 user's manual §7.4, docs/fpu.md).
     */
    static long denorm(Cpu c, int f, long x) {
        if (cls(f, x) == DENORM) Fcsr.signal(c, Fcsr.E);
        return x;
    }

    static long signedZero(int f, boolean neg) { return neg ? SIGN[f] : 0; }
    static long signedInf(int f, boolean neg) { return EXP[f] | signedZero(f, neg); }

    // ------------------------------------------------------------------ rounding

    /**
     * Rounds the exact value {@code (hi + lo) * 2^k} (hi > 0 a normal double, |lo| ≤ ulp(hi)/2, only the sign of
     * lo matters) to format f with sign {@code neg}.
     */
    static long round(Cpu c, int f, boolean neg, double hi, double lo, int k) {
        long m = (Double.doubleToRawLongBits(hi) & 0x000F_FFFF_FFFF_FFFFL) | (1L << 52);
        long sig = (m << 2) + (lo > 0 ? 1 : lo < 0 ? -1 : 0);
        return roundSig(c, f, neg, sig, Math.getExponent(hi) - 54 + k);
    }

    /** Rounds {@code sig * 2^e} (0 < sig < 2^62) to format f under FCSR.RM, with overflow and tiny handling. */
    static long roundSig(Cpu c, int f, boolean neg, long sig, int e) {
        int p = PRECISION[f];
        int msb = 63 - Long.numberOfLeadingZeros(sig);
        int exp = msb + e;
        int shift = msb - (p - 1);
        long kept = shift > 0 ? sig >>> shift : sig << -shift;
        long rem = shift > 0 ? sig & ((1L << shift) - 1) : 0;
        if (rem != 0 && roundsUp(Fcsr.rm(c.fcr31), neg, kept, rem, 1L << (shift - 1))) {
            kept++;
            if (kept == 1L << p) { kept >>>= 1; exp++; }
        }
        if (exp > EMAX[f]) return overflow(c, f, neg);
        if (exp < EMIN[f]) return tiny(c, f, neg);
        if (rem != 0) Fcsr.signal(c, Fcsr.I);
        return signedZero(f, neg) | ((long) (exp + BIAS[f]) << (p - 1)) | (kept & FRAC[f]);
    }

    /** Whether a magnitude with integer part {@code kept} and nonzero remainder {@code rem} rounds away from 0. */
    static boolean roundsUp(int rm, boolean neg, long kept, long rem, long half) {
        switch (rm) {
            case Fcsr.RN: return rem > half || (rem == half && (kept & 1) != 0);
            case Fcsr.RZ: return false;
            case Fcsr.RP: return !neg;
            default: return neg;
        }
    }

    /** IEEE overflow: O and I; the result is ±inf or ±max by rounding direction. */
    static long overflow(Cpu c, int f, boolean neg) {
        Fcsr.signal(c, Fcsr.O | Fcsr.I);
        int rm = Fcsr.rm(c.fcr31);
        boolean toInf = rm == Fcsr.RN || (rm == Fcsr.RP && !neg) || (rm == Fcsr.RM && neg);
        return toInf ? signedInf(f, neg) : MAX[f] | signedZero(f, neg);
    }

    /**
     * A result below the normal range (tininess after rounding). Unimplemented Operation unless FS = 1 with the
     * Underflow and Inexact enables clear; then it is flushed with U and I: to ±0, except that rounding toward
     * +inf (-inf) gives the smallest positive (negative) normal (R4000 user's manual §7.4 and Table 7-1).
     */
    static long tiny(Cpu c, int f, boolean neg) {
        int fcr31 = c.fcr31;
        if (!Fcsr.flushToZero(fcr31) || (Fcsr.enables(fcr31) & (Fcsr.U | Fcsr.I)) != 0) {
            Fcsr.signal(c, Fcsr.E);
            return signedZero(f, neg);
        }
        Fcsr.signal(c, Fcsr.U | Fcsr.I);
        int rm = Fcsr.rm(fcr31);
        boolean awayFromZero = (rm == Fcsr.RP && !neg) || (rm == Fcsr.RM && neg);
        return signedZero(f, neg) | (awayFromZero ? MIN_NORMAL[f] : 0);
    }

    // ------------------------------------------------------------------ ADD / SUB

    public static long add(Cpu c, int f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        a = denorm(c, f, a);
        b = denorm(c, f, b);
        if (Fcsr.unimplemented(c)) return 0;
        int ca = cls(f, a), cb = cls(f, b);
        if (ca == INF || cb == INF) {
            if (ca == INF && cb == INF && isNeg(f, a) != isNeg(f, b)) return invalid(c, f);
            return ca == INF ? a : b;
        }
        if (ca == ZERO && cb == ZERO) return isNeg(f, a) == isNeg(f, b) ? a : exactZero(c, f);
        if (ca == ZERO) return b;
        if (cb == ZERO) return a;
        return addFinite(c, f, value(f, a), value(f, b));
    }

    public static long sub(Cpu c, int f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        return add(c, f, a, b ^ SIGN[f]);
    }

    /** x + (-x) = +0, or -0 when rounding toward minus infinity (IEEE 754 §6.3). */
    static long exactZero(Cpu c, int f) {
        return signedZero(f, Fcsr.rm(c.fcr31) == Fcsr.RM);
    }

    private static long addFinite(Cpu c, int f, double x, double y) {
        int ex = Math.getExponent(x), ey = Math.getExponent(y);
        int k = Math.max(ex, ey);
        double xs = scaleFor(x, ex, k), ys = scaleFor(y, ey, k);
        double hi = xs + ys;
        if (hi == 0) return exactZero(c, f);
        double bv = hi - xs;
        double lo = (xs - (hi - bv)) + (ys - bv); // TwoSum: exact error of hi
        return round(c, f, hi < 0, Math.abs(hi), hi < 0 ? -lo : lo, k);
    }

    /** x * 2^-k; a far smaller operand only contributes a sticky bit, so it becomes a tiny value of its sign. */
    private static double scaleFor(double x, int e, int k) {
        return k - e > 100 ? Math.copySign(0x1p-110, x) : Math.scalb(x, -k);
    }

    // ------------------------------------------------------------------ MUL / DIV / SQRT

    public static long mul(Cpu c, int f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        a = denorm(c, f, a);
        b = denorm(c, f, b);
        if (Fcsr.unimplemented(c)) return 0;
        boolean neg = isNeg(f, a) != isNeg(f, b);
        int ca = cls(f, a), cb = cls(f, b);
        if (ca == INF || cb == INF) return ca == ZERO || cb == ZERO ? invalid(c, f) : signedInf(f, neg);
        if (ca == ZERO || cb == ZERO) return signedZero(f, neg);
        double x = Math.abs(value(f, a)), y = Math.abs(value(f, b));
        int ex = Math.getExponent(x), ey = Math.getExponent(y);
        double mx = Math.scalb(x, -ex), my = Math.scalb(y, -ey);
        double hi = mx * my;
        double lo = f == S ? 0 : Math.fma(mx, my, -hi); // 24x24-bit products are exact in a double
        return round(c, f, neg, hi, lo, ex + ey);
    }

    public static long div(Cpu c, int f, long a, long b) {
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        a = denorm(c, f, a);
        b = denorm(c, f, b);
        if (Fcsr.unimplemented(c)) return 0;
        boolean neg = isNeg(f, a) != isNeg(f, b);
        int ca = cls(f, a), cb = cls(f, b);
        if (ca == INF) return cb == INF ? invalid(c, f) : signedInf(f, neg);
        if (cb == INF) return signedZero(f, neg);
        if (cb == ZERO) {
            if (ca == ZERO) return invalid(c, f);
            Fcsr.signal(c, Fcsr.Z);
            return signedInf(f, neg);
        }
        if (ca == ZERO) return signedZero(f, neg);
        double x = Math.abs(value(f, a)), y = Math.abs(value(f, b));
        int ex = Math.getExponent(x), ey = Math.getExponent(y);
        double mx = Math.scalb(x, -ex), my = Math.scalb(y, -ey);
        double hi = mx / my;
        double rem = Math.fma(-hi, my, mx); // sign of (exact quotient - hi)
        return round(c, f, neg, hi, rem, ex - ey);
    }

    public static long sqrt(Cpu c, int f, long a) {
        if (isNaN(f, a)) return nan1(c, f, a);
        a = denorm(c, f, a);
        if (Fcsr.unimplemented(c)) return 0;
        int ca = cls(f, a);
        if (ca == ZERO) return a; // sqrt(-0) = -0
        if (isNeg(f, a)) return invalid(c, f);
        if (ca == INF) return a;
        double x = value(f, a);
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        if ((e & 1) != 0) { m *= 2; e--; }
        double hi = Math.sqrt(m);
        double rem = Math.fma(-hi, hi, m); // sign of (exact root - hi)
        return round(c, f, false, hi, rem, e >> 1);
    }

    /** RECIP.fmt: 1/x rounded once (docs/fpu.md). */
    public static long recip(Cpu c, int f, long a) {
        return div(c, f, ONE[f], a);
    }

    /** RSQRT.fmt: 1/sqrt(x) as a rounded square root then a rounded division, as QEMU does (docs/fpu.md). */
    public static long rsqrt(Cpu c, int f, long a) {
        long r = sqrt(c, f, a);
        if (Fcsr.unimplemented(c)) return 0;
        return div(c, f, ONE[f], r);
    }

    // ------------------------------------------------------------------ ABS / NEG

    /**
     * ABS.fmt and NEG.fmt are arithmetic on the R4000 family: an sNaN signals Invalid (default NaN), a quiet NaN
     * propagates unchanged like any arithmetic NaN operand, and a denormal is Unimplemented (docs/fpu.md).
     */
    public static long abs(Cpu c, int f, long a) {
        if (isNaN(f, a)) return nan1(c, f, a);
        a = denorm(c, f, a);
        return a & ~SIGN[f];
    }

    public static long neg(Cpu c, int f, long a) {
        if (isNaN(f, a)) return nan1(c, f, a);
        a = denorm(c, f, a);
        return a ^ SIGN[f];
    }

    // ------------------------------------------------------------------ MADD family (two roundings)

    /** fs*ft + fr (or - fr), each step rounded; {@code negate} flips the sign of the final result, NaN too. */
    public static long madd(Cpu c, int f, long fr, long fs, long ft, boolean subtract, boolean negate) {
        long p = mul(c, f, fs, ft);
        if (Fcsr.unimplemented(c)) return 0;
        long r = subtract ? sub(c, f, p, fr) : add(c, f, p, fr);
        return negate ? r ^ SIGN[f] : r;
    }

    // ------------------------------------------------------------------ compare

    /**
     * C.cond.fmt: cond bits 0 unordered, 1 equal, 2 less, 3 signal Invalid on any NaN. An sNaN always signals.
     * Denormals compare exactly, without Unimplemented Operation (docs/fpu.md).
     */
    public static boolean compare(Cpu c, int f, long a, long b, int cond) {
        if (isNaN(f, a) || isNaN(f, b)) {
            if ((cond & 8) != 0 || cls(f, a) == SNAN || cls(f, b) == SNAN) Fcsr.signal(c, Fcsr.V);
            return (cond & 1) != 0;
        }
        double x = value(f, a), y = value(f, b);
        return ((cond & 4) != 0 && x < y) || ((cond & 2) != 0 && x == y);
    }
}
