package pebble.r5k.fpu;

/**
 * Bit layout of the two IEEE formats, indexed by {@link #S} / {@link #D}. Values travel as {@code long}
 * bit patterns (a single in the low 32 bits, zero-extended). MIPS legacy NaNs: the most significant fraction
 * bit SET means signalling, clear means quiet (MIPS IV ISA §"Floating-point formats").
 */
final class FpFormat {
    private FpFormat() {}

    static final int S = 0, D = 1;

    static final int[] PRECISION = {24, 53};
    static final int[] EMAX = {127, 1023};
    static final int[] EMIN = {-126, -1022};
    static final int[] BIAS = {127, 1023};
    static final long[] SIGN = {0x8000_0000L, 0x8000_0000_0000_0000L};
    static final long[] EXP = {0x7F80_0000L, 0x7FF0_0000_0000_0000L};
    static final long[] FRAC = {0x007F_FFFFL, 0x000F_FFFF_FFFF_FFFFL};
    static final long[] SNAN_BIT = {0x0040_0000L, 0x0008_0000_0000_0000L};
    /** The MIPS legacy default NaN (a quiet NaN). */
    static final long[] DEFAULT_NAN = {0x7FBF_FFFFL, 0x7FF7_FFFF_FFFF_FFFFL};
    static final long[] MAX = {0x7F7F_FFFFL, 0x7FEF_FFFF_FFFF_FFFFL};
    static final long[] MIN_NORMAL = {0x0080_0000L, 0x0010_0000_0000_0000L};
    static final long[] ONE = {0x3F80_0000L, 0x3FF0_0000_0000_0000L};

    static final int ZERO = 0, DENORM = 1, NORMAL = 2, INF = 3, QNAN = 4, SNAN = 5;

    static int cls(int f, long b) {
        long e = b & EXP[f], m = b & FRAC[f];
        if (e == 0) return m == 0 ? ZERO : DENORM;
        if (e != EXP[f]) return NORMAL;
        if (m == 0) return INF;
        return (m & SNAN_BIT[f]) != 0 ? SNAN : QNAN;
    }

    static boolean isNaN(int f, long b) { return cls(f, b) >= QNAN; }
    static boolean isNeg(int f, long b) { return (b & SIGN[f]) != 0; }

    /** The exact host value of a bit pattern (float widens to double exactly). */
    static double value(int f, long b) {
        return f == S ? Float.intBitsToFloat((int) b) : Double.longBitsToDouble(b);
    }
}
