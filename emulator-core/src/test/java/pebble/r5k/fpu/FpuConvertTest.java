package pebble.r5k.fpu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CVT / ROUND / TRUNC / CEIL / FLOOR between S, D, W and L, bit for bit (FR = 1 so every format fits). */
class FpuConvertTest {
    private final FpuHarness h = new FpuHarness(true);

    private static Op op(String mnemonic) {
        for (Op o : Op.all()) if (o.mnemonic.equals(mnemonic) && o.isReal()) return o;
        throw new IllegalArgumentException(mnemonic);
    }

    /** Operand and result are 64-bit containers; W and S results are compared in the low 32 bits. */
    @ParameterizedTest(name = "{0} {1} rm={2} -> {3} cause {4}")
    @CsvSource({
        // to W, every rounding direction, ties
        "cvt.w.s, 40200000, 0, 00000002, 1",
        "cvt.w.s, 40200000, 1, 00000002, 1",
        "cvt.w.s, 40200000, 2, 00000003, 1",
        "cvt.w.s, 40200000, 3, 00000002, 1",
        "cvt.w.s, C0200000, 3, FFFFFFFD, 1",
        "cvt.w.s, 40600000, 0, 00000004, 1",
        "round.w.s, 40200000, 2, 00000002, 1",
        "round.w.s, 40600000, 1, 00000004, 1",
        "round.w.s, BF000000, 0, 00000000, 1",  // -0.5 rounds to -0: integer 0
        "trunc.w.s, C0200000, 0, FFFFFFFE, 1",
        "ceil.w.s, C0200000, 0, FFFFFFFE, 1",
        "ceil.w.s, 40200000, 0, 00000003, 1",
        "floor.w.s, C0200000, 0, FFFFFFFD, 1",
        "floor.w.s, 40200000, 2, 00000002, 1",
        "trunc.w.s, 4EFFFFFF, 0, 7FFFFF80, 0",
        "trunc.w.s, CF000000, 0, 80000000, 0",
        // invalid: out of range, infinity, NaN give 2^31-1 with V alone
        "trunc.w.s, 4F000000, 0, 7FFFFFFF, 16",
        "trunc.w.s, CF000001, 0, 7FFFFFFF, 16",
        "trunc.w.s, DF000000, 0, 7FFFFFFF, 16",
        "cvt.w.s, 7F800000, 0, 7FFFFFFF, 16",
        "cvt.w.s, FF800000, 0, 7FFFFFFF, 16",
        "cvt.w.s, 7F800001, 0, 7FFFFFFF, 16",
        "cvt.w.s, 7FC00000, 0, 7FFFFFFF, 16",
        "cvt.w.d, 41DFFFFFFFC00000, 0, 7FFFFFFF, 0",
        "cvt.w.d, 41DFFFFFFFE00000, 0, 7FFFFFFF, 16",
        "cvt.w.d, 41DFFFFFFFE00000, 1, 7FFFFFFF, 1",
        "cvt.w.d, C1E0000000000000, 0, 80000000, 0",
        "cvt.w.d, C1E0000000100000, 1, 80000000, 1",
        "cvt.w.d, C1E0000000100000, 0, 80000000, 1",  // -2^31 - 0.5: tie to even
        "cvt.w.d, C1E0000000200000, 0, 7FFFFFFF, 16", // -2^31 - 1
        "cvt.w.d, C3E0000000000000, 0, 7FFFFFFF, 16",
        "round.w.d, 3FE0000000000000, 0, 00000000, 1",
        "round.w.d, 3FF8000000000000, 0, 00000002, 1",
        "ceil.w.d, 3CB0000000000000, 0, 00000001, 1",
        "floor.w.d, BCB0000000000000, 0, FFFFFFFF, 1",
        "trunc.w.d, 8000000000000000, 0, 00000000, 0",
        // to L
        "cvt.l.d, 4330000000000001, 0, 0010000000000001, 0",
        "cvt.l.d, C3E0000000000000, 0, 8000000000000000, 0",
        "cvt.l.d, 43E0000000000000, 0, 7FFFFFFFFFFFFFFF, 16",
        "cvt.l.d, 43DFFFFFFFFFFFFF, 0, 7FFFFFFFFFFFFC00, 0",
        "cvt.l.d, 7FF0000000000000, 0, 7FFFFFFFFFFFFFFF, 16",
        "cvt.l.d, 4004000000000000, 2, 0000000000000003, 1",
        "round.l.d, 4004000000000000, 2, 0000000000000002, 1",
        "trunc.l.d, C004000000000000, 0, FFFFFFFFFFFFFFFE, 1",
        "ceil.l.d, C004000000000000, 0, FFFFFFFFFFFFFFFE, 1",
        "floor.l.d, C004000000000000, 0, FFFFFFFFFFFFFFFD, 1",
        "cvt.l.s, DF000000, 0, 8000000000000000, 0",
        "cvt.l.s, 5F000000, 0, 7FFFFFFFFFFFFFFF, 16",
        "trunc.l.s, 4B7FFFFF, 0, 0000000000FFFFFF, 0",
        "floor.l.s, BF800001, 0, FFFFFFFFFFFFFFFE, 1",
        // from W and L
        "cvt.s.w, 01000001, 0, 4B800000, 1",
        "cvt.s.w, 01000001, 2, 4B800001, 1",
        "cvt.s.w, 01000003, 0, 4B800002, 1",
        "cvt.s.w, 80000000, 0, CF000000, 0",
        "cvt.s.w, FFFFFFFF, 0, BF800000, 0",
        "cvt.s.w, 00000000, 0, 00000000, 0",
        "cvt.d.w, 80000000, 0, C1E0000000000000, 0",
        "cvt.d.w, 7FFFFFFF, 0, 41DFFFFFFFC00000, 0",
        "cvt.d.l, 0020000000000001, 0, 4340000000000000, 1",
        "cvt.d.l, 0020000000000001, 2, 4340000000000001, 1",
        "cvt.d.l, 8000000000000000, 0, C3E0000000000000, 0",
        "cvt.d.l, 7FFFFFFFFFFFFFFF, 0, 43E0000000000000, 1",
        "cvt.d.l, 7FFFFFFFFFFFFFFF, 1, 43DFFFFFFFFFFFFF, 1",
        "cvt.s.l, FFFFFFFFFFFFFFFF, 0, BF800000, 0",
        "cvt.s.l, 7FFFFFFFFFFFFFFF, 3, 5EFFFFFF, 1",
        // between S and D: NaN payloads, rounding, overflow
        "cvt.d.s, 3F800000, 0, 3FF0000000000000, 0",
        "cvt.d.s, FF800000, 0, FFF0000000000000, 0",
        "cvt.d.s, 7F800001, 0, 7FF0000020000000, 0",
        "cvt.d.s, FFBFFFFF, 0, FFF7FFFFE0000000, 0",
        "cvt.d.s, 7FC00000, 0, 7FF7FFFFFFFFFFFF, 16",
        "cvt.d.s, 80000000, 0, 8000000000000000, 0",
        "cvt.s.d, 3FF0000010000000, 0, 3F800000, 1",
        "cvt.s.d, 3FF0000010000000, 2, 3F800001, 1",
        "cvt.s.d, 3FF0000030000000, 0, 3F800002, 1",
        "cvt.s.d, BFF0000010000000, 3, BF800001, 1",
        "cvt.s.d, 47EFFFFFF0000000, 0, 7F800000, 5",
        "cvt.s.d, 47EFFFFFF0000000, 1, 7F7FFFFF, 1",  // rounds to max: no overflow
        "cvt.s.d, 47F0000000000000, 1, 7F7FFFFF, 5",
        "cvt.s.d, 7FF0000020000000, 0, 7F800001, 0",
        "cvt.s.d, 7FF0000000000001, 0, 7FBFFFFF, 0",
        "cvt.s.d, 7FF8000000000000, 0, 7FBFFFFF, 16",
        "cvt.s.d, 8000000000000000, 0, 80000000, 0",
    })
    void convert(String mnemonic, String operand, int rm, String expect, int cause) {
        Op op = op(mnemonic);
        long a = Long.parseUnsignedLong(operand, 16), e = Long.parseUnsignedLong(expect, 16);
        char dst = FpuTestSupport.destFormat(op);
        long r = h.fcsr(rm).d(op, a, 0);
        if (dst == 'W' || dst == 'S') r &= 0xFFFF_FFFFL;
        assertEquals(e, r, mnemonic);
        h.ok(cause);
    }
}
