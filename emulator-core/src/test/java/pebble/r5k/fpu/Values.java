package pebble.r5k.fpu;

import java.util.Random;

/** Interesting operand values per format ('S', 'D', 'W', 'L'), as 64-bit containers. */
final class Values {
    private Values() {}

    static final int[] SPECIAL_S = {
        0x00000000, 0x80000000, 0x7F800000, 0xFF800000, // zeros, infinities
        0x7F800001, 0xFFA00000, 0x7FBFFFFF, 0x7FC00000, 0xFFFFFFFF, 0x7FC00001, // quiet NaNs, then sNaNs
        0x00000001, 0x807FFFFF, 0x00400000, 0x00800000, 0x80800000, 0x00800001, // denormals, min normal
        0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000, 0x3F800000, 0xBF800000, 0x3F000000, 0x3FC00000, 0x40000000,
        0x40400000, 0x3F800001, 0x3FFFFFFF, 0x4B000000, 0x4B7FFFFF, 0x4F000000, 0xCF000000, 0x4EFFFFFF,
        0xCF000001, 0x5F000000, 0xDF000000, 0x5EFFFFFF, 0x3EFFFFFF, 0x40200000, 0xC0200000, 0x3F400000,
        0x1F800000, 0x5F800000, 0x20000000, 0x00FFFFFF,
    };

    static final long[] SPECIAL_D = {
        0L, 0x8000000000000000L, 0x7FF0000000000000L, 0xFFF0000000000000L,
        0x7FF0000000000001L, 0xFFF4000000000000L, 0x7FF7FFFFFFFFFFFFL, 0x7FF8000000000000L, 0xFFFFFFFFFFFFFFFFL,
        0x0000000000000001L, 0x800FFFFFFFFFFFFFL, 0x0008000000000000L, 0x0010000000000000L, 0x8010000000000000L,
        0x7FEFFFFFFFFFFFFFL, 0xFFEFFFFFFFFFFFFFL, 0x3FF0000000000000L, 0xBFF0000000000000L, 0x3FE0000000000000L,
        0x3FF8000000000000L, 0x4000000000000000L, 0x3FF0000000000001L, 0x3FFFFFFFFFFFFFFFL, 0x4330000000000000L,
        0x41E0000000000000L, 0xC1E0000000000000L, 0x41DFFFFFFFC00000L, 0xC1E0000000100000L, 0x41DFFFFFFFFFFFFFL,
        0x43E0000000000000L, 0xC3E0000000000000L, 0x43DFFFFFFFFFFFFFL, 0x3FDFFFFFFFFFFFFFL, 0x4004000000000000L,
        0x47EFFFFFE0000000L, 0x47EFFFFFF0000000L, 0x3810000000000000L, 0x380FFFFFF0000000L, 0x36A0000000000000L,
        0x7FE0000000000000L, 0x0020000000000000L, 0x3690000000000000L, 0x36A8000000000000L,
    };

    static final long[] SPECIAL_INT = {
        0, 1, -1, 2, 0x7FFFFFFF, 0x80000000L, 0xFFFFFFFF80000000L, 0x01000001, 0x00FFFFFF, 16777217,
        Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, -(1L << 53) - 1, (1L << 62) + 3, 0x7FFFFFFFFFFFFC00L,
    };

    static long random(Random r, char fmt) {
        switch (fmt) {
            case 'S': return (r.nextLong() & 0xFFFFFFFF00000000L) | (single(r) & 0xFFFFFFFFL);
            case 'D': return dbl(r);
            case 'W': return (r.nextLong() & 0xFFFFFFFF00000000L) | (integer(r) & 0xFFFFFFFFL);
            default: return integer(r);
        }
    }

    /** A value of the same format close to {@code x} (for cancellation and equality cases). */
    static long near(Random r, char fmt, long x) {
        long delta = r.nextInt(5) - 2;
        switch (fmt) {
            case 'S': return (x & 0xFFFFFFFF00000000L) | ((x + delta) & 0xFFFFFFFFL) ^ (r.nextBoolean() ? 0x80000000L : 0);
            case 'D': return (x + delta) ^ (r.nextBoolean() ? Long.MIN_VALUE : 0);
            default: return x + delta;
        }
    }

    static int single(Random r) {
        switch (r.nextInt(4)) {
            case 0: return SPECIAL_S[r.nextInt(SPECIAL_S.length)];
            case 1: return r.nextInt();
            default: // moderate exponents, so operations interact
                return (r.nextInt() & 0x807FFFFF) | ((127 - 30 + r.nextInt(60)) << 23);
        }
    }

    static long dbl(Random r) {
        switch (r.nextInt(4)) {
            case 0: return SPECIAL_D[r.nextInt(SPECIAL_D.length)];
            case 1: return r.nextLong();
            default:
                return (r.nextLong() & 0x800FFFFFFFFFFFFFL) | ((long) (1023 - 40 + r.nextInt(80)) << 52);
        }
    }

    static long integer(Random r) {
        switch (r.nextInt(3)) {
            case 0: return SPECIAL_INT[r.nextInt(SPECIAL_INT.length)];
            case 1: return r.nextLong() >> r.nextInt(64);
            default: return r.nextInt() >> r.nextInt(32);
        }
    }
}
