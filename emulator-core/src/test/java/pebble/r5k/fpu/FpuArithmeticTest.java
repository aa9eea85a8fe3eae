package pebble.r5k.fpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.fpu.Fcsr.*;
import static pebble.r5k.isa.Op.*;

/** ADD/SUB/MUL/DIV/SQRT/ABS/NEG/RECIP/RSQRT and the MADD family, bit for bit, in every rounding mode. */
class FpuArithmeticTest {
    private static final int ONE_S = 0x3F80_0000, TWO_S = 0x4000_0000, HALF_S = 0x3F00_0000;
    private static final int MAX_S = 0x7F7F_FFFF, INF_S = 0x7F80_0000, NINF_S = 0xFF80_0000;
    private static final int QNAN_S = 0x7F80_0001, SNAN_S = 0x7FC0_0000, DNAN_S = 0x7FBF_FFFF;
    private static final long ONE_D = 0x3FF0_0000_0000_0000L, DNAN_D = 0x7FF7_FFFF_FFFF_FFFFL;
    private static final long QNAN_D = 0x7FF0_0000_0000_0001L, SNAN_D = 0x7FF8_0000_0000_0000L;

    private final FpuHarness h = new FpuHarness(true);

    private static int i(String hex) { return Integer.parseUnsignedInt(hex, 16); }
    private static long l(String hex) { return Long.parseUnsignedLong(hex, 16); }

    @ParameterizedTest(name = "add.s {0} + {1} rm={2} -> {3} cause {4}")
    @CsvSource({
        "3F800000, 40000000, 0, 40400000, 0",
        // 1 + 2^-24: exactly half an ulp
        "3F800000, 33800000, 0, 3F800000, 1",
        "3F800000, 33800000, 1, 3F800000, 1",
        "3F800000, 33800000, 2, 3F800001, 1",
        "3F800000, 33800000, 3, 3F800000, 1",
        "BF800000, B3800000, 3, BF800001, 1",
        "BF800000, B3800000, 2, BF800000, 1",
        // 1 + 3*2^-25: above half
        "3F800000, 33C00000, 0, 3F800001, 1",
        "3F800001, 33800000, 0, 3F800002, 1", // tie to even, upward
        // overflow per rounding mode
        "7F7FFFFF, 7F7FFFFF, 0, 7F800000, 5",
        "7F7FFFFF, 7F7FFFFF, 1, 7F7FFFFF, 5",
        "7F7FFFFF, 7F7FFFFF, 2, 7F800000, 5",
        "7F7FFFFF, 7F7FFFFF, 3, 7F7FFFFF, 5",
        "FF7FFFFF, FF7FFFFF, 2, FF7FFFFF, 5",
        "FF7FFFFF, FF7FFFFF, 3, FF800000, 5",
        // exact zeros: x + (-x) is +0, or -0 rounding down; signed zeros
        "3F800000, BF800000, 0, 00000000, 0",
        "3F800000, BF800000, 3, 80000000, 0",
        "80000000, 80000000, 0, 80000000, 0",
        "00000000, 80000000, 0, 00000000, 0",
        "00000000, 80000000, 3, 80000000, 0",
        // infinities
        "7F800000, FF800000, 0, 7FBFFFFF, 16",
        "7F800000, 7F7FFFFF, 0, 7F800000, 0",
        "FF800000, 3F800000, 0, FF800000, 0",
        // MIPS legacy NaNs: bit 22 set = signalling
        "7F800001, 3F800000, 0, 7F800001, 0",
        "3F800000, FFBFFFFF, 0, FFBFFFFF, 0",
        "7F800002, 7F800003, 0, 7F800002, 0",
        "7FC00000, 3F800000, 0, 7FBFFFFF, 16",
        "7F800001, FFC00001, 0, 7FBFFFFF, 16",
        // extremes: big + tiny only sets Inexact
        "7F7FFFFF, 00800000, 0, 7F7FFFFF, 1",
        "7F7FFFFF, 00800000, 2, 7F800000, 5",
    })
    void addS(String a, String b, int rm, String expect, int cause) {
        assertEquals(i(expect), h.fcsr(rm).s(ADD_S, i(a), i(b)));
        h.ok(cause);
    }

    @ParameterizedTest(name = "{0} rm={3}")
    @CsvSource({
        "add.d, 3FB999999999999A, 3FC999999999999A, 0, 3FD3333333333334, 1",
        "add.d, 3FB999999999999A, 3FC999999999999A, 1, 3FD3333333333333, 1",
        "add.d, 3FB999999999999A, 3FC999999999999A, 3, 3FD3333333333333, 1",
        "add.d, 3FB999999999999A, 3FC999999999999A, 2, 3FD3333333333334, 1",
        "sub.d, 3FF0000000000000, 3FF0000000000000, 0, 0000000000000000, 0",
        "sub.d, 3FF0000000000000, 3FF0000000000000, 3, 8000000000000000, 0",
        "sub.d, 3FF0000000000001, 3FF0000000000000, 0, 3CB0000000000000, 0",
        "sub.d, 7FF0000000000000, 7FF0000000000000, 0, 7FF7FFFFFFFFFFFF, 16",
        "sub.d, 7FEFFFFFFFFFFFFF, FFEFFFFFFFFFFFFF, 1, 7FEFFFFFFFFFFFFF, 5",
        "mul.d, 3FF8000000000000, 3FF8000000000000, 0, 4002000000000000, 0",
        "mul.d, 3FF0000000000001, 3FF0000000000001, 0, 3FF0000000000002, 1",
        "mul.d, 3FF0000000000001, 3FF0000000000001, 2, 3FF0000000000003, 1",
        "mul.d, 7FF0000000000000, 0000000000000000, 0, 7FF7FFFFFFFFFFFF, 16",
        "mul.d, 8000000000000000, 3FF0000000000000, 0, 8000000000000000, 0",
        "mul.d, 7FE0000000000000, 4000000000000000, 1, 7FEFFFFFFFFFFFFF, 5",
        "div.d, 3FF0000000000000, 4008000000000000, 0, 3FD5555555555555, 1",
        "div.d, 3FF0000000000000, 4008000000000000, 2, 3FD5555555555556, 1",
        "div.d, 3FF0000000000000, 0000000000000000, 0, 7FF0000000000000, 8",
        "div.d, BFF0000000000000, 0000000000000000, 0, FFF0000000000000, 8",
        "div.d, 0000000000000000, 0000000000000000, 0, 7FF7FFFFFFFFFFFF, 16",
        "div.d, 7FF0000000000000, FFF0000000000000, 0, 7FF7FFFFFFFFFFFF, 16",
        "div.d, 3FF0000000000000, FFF0000000000000, 0, 8000000000000000, 0",
        "sqrt.d, 4000000000000000, 0, 0, 3FF6A09E667F3BCD, 1",
        "sqrt.d, 4000000000000000, 0, 1, 3FF6A09E667F3BCC, 1",
        "sqrt.d, 4000000000000000, 0, 2, 3FF6A09E667F3BCD, 1",
        "sqrt.d, 4000000000000000, 0, 3, 3FF6A09E667F3BCC, 1",
        "sqrt.d, 4010000000000000, 0, 0, 4000000000000000, 0",
        "sqrt.d, 8000000000000000, 0, 0, 8000000000000000, 0",
        "sqrt.d, BFF0000000000000, 0, 0, 7FF7FFFFFFFFFFFF, 16",
        "sqrt.d, 7FF0000000000000, 0, 0, 7FF0000000000000, 0",
        "sqrt.d, 7FF0000000000001, 0, 0, 7FF0000000000001, 0",
        "sqrt.d, 7FF8000000000000, 0, 0, 7FF7FFFFFFFFFFFF, 16",
        "abs.d, BFF0000000000000, 0, 0, 3FF0000000000000, 0",
        "abs.d, 8000000000000000, 0, 0, 0000000000000000, 0",
        "abs.d, FFF0000000000001, 0, 0, FFF0000000000001, 0",
        "abs.d, FFF8000000000000, 0, 0, 7FF7FFFFFFFFFFFF, 16",
        "neg.d, 0000000000000000, 0, 0, 8000000000000000, 0",
        "neg.d, 7FF0000000000000, 0, 0, FFF0000000000000, 0",
        "neg.d, 7FF8000000000000, 0, 0, 7FF7FFFFFFFFFFFF, 16",
        "recip.d, 4000000000000000, 0, 0, 3FE0000000000000, 0",
        "recip.d, 0000000000000000, 0, 0, 7FF0000000000000, 8",
        "recip.d, 4008000000000000, 0, 1, 3FD5555555555555, 1",
        "rsqrt.d, 4010000000000000, 0, 0, 3FE0000000000000, 0",
        "rsqrt.d, BFF0000000000000, 0, 0, 7FF7FFFFFFFFFFFF, 16",
    })
    void doubleOps(String mnemonic, String a, String b, int rm, String expect, int cause) {
        assertEquals(l(expect), h.fcsr(rm).d(op(mnemonic), l(a), l(b)), mnemonic);
        h.ok(cause);
    }

    @ParameterizedTest(name = "{0} rm={3}")
    @CsvSource({
        "sub.s, 3F800000, 3F800000, 0, 00000000, 0",
        "mul.s, 3F800001, 3F800001, 0, 3F800002, 1",
        "mul.s, 3F800001, 3F800001, 2, 3F800003, 1",
        "mul.s, 3F800001, 3F800001, 1, 3F800002, 1",
        "mul.s, 7F000000, 40000000, 0, 7F800000, 5",
        "mul.s, 7F000000, 40000000, 3, 7F7FFFFF, 5",
        "mul.s, 7F000000, C0000000, 3, FF800000, 5",
        "div.s, 3F800000, 40400000, 0, 3EAAAAAB, 1",
        "div.s, 3F800000, 40400000, 1, 3EAAAAAA, 1",
        "div.s, 3F800000, 40400000, 3, 3EAAAAAA, 1",
        "div.s, BF800000, 40400000, 3, BEAAAAAB, 1",
        "div.s, 3F800000, 80000000, 0, FF800000, 8",
        "sqrt.s, 40000000, 0, 0, 3FB504F3, 1",
        "sqrt.s, 40000000, 0, 2, 3FB504F4, 1",
        "sqrt.s, 80000000, 0, 0, 80000000, 0",
        "sqrt.s, FF800000, 0, 0, 7FBFFFFF, 16",
        "abs.s, FF800000, 0, 0, 7F800000, 0",
        "abs.s, FF800001, 0, 0, FF800001, 0",
        "neg.s, 3F800000, 0, 0, BF800000, 0",
        "neg.s, 7FC00000, 0, 0, 7FBFFFFF, 16",
        "recip.s, 40800000, 0, 0, 3E800000, 0",
        "rsqrt.s, 40800000, 0, 0, 3F000000, 0",
        "rsqrt.s, 00000000, 0, 0, 7F800000, 8",
        "rsqrt.s, 7F800000, 0, 0, 00000000, 0",
    })
    void singleOps(String mnemonic, String a, String b, int rm, String expect, int cause) {
        assertEquals(i(expect), h.fcsr(rm).s(op(mnemonic), i(a), i(b)), mnemonic);
        h.ok(cause);
    }

    /** MADD family rounds the product, then the sum: (1+2^-52)^2 - 1 is 2^-51, not the fused 2^-51 + 2^-104. */
    @Test
    void maddFamilyRoundsTwice() {
        long x = 0x3FF0_0000_0000_0001L, one = ONE_D, mone = ONE_D | Long.MIN_VALUE;
        assertEquals(0x3CC0_0000_0000_0000L, h.fcsr(RN).d(MADD_D, x, x, mone));
        h.ok(I);
        assertEquals(0xBCC0_0000_0000_0000L, h.fcsr(RN).d(NMADD_D, x, x, mone));
        h.ok(I);
        assertEquals(0x3CC0_0000_0000_0000L, h.fcsr(RN).d(MSUB_D, x, x, one));
        h.ok(I);
        assertEquals(0xBCC0_0000_0000_0000L, h.fcsr(RN).d(NMSUB_D, x, x, one));
        h.ok(I);
        // single: (1+2^-23)^2 = 1 + 2^-22 + 2^-46 → product 1+2^-22, minus 1 = 2^-22 (fused would be inexact-free
        // 2^-22 + 2^-46)
        int xs = 0x3F80_0001;
        assertEquals(0x3480_0000, h.fcsr(RN).s(MADD_S, xs, xs, 0xBF80_0000));
        h.ok(I);
        assertEquals(0x3480_0000, h.fcsr(RN).s(MSUB_S, xs, xs, ONE_S));
        h.ok(I);
        // the second rounding follows RM too
        assertEquals(0x4040_0000, h.fcsr(RN).s(MADD_S, ONE_S, TWO_S, ONE_S));
        h.ok(0);
        // NMADD negates a NaN result as well
        assertEquals(DNAN_D ^ Long.MIN_VALUE, h.fcsr(RN).d(NMADD_D, 0x7FF0_0000_0000_0000L, 0, one));
        h.ok(V);
        assertEquals(QNAN_D, h.fcsr(RN).d(MADD_D, QNAN_D, one, one));
        h.ok(0);
    }

    @Test
    void enabledConditionsTrapWithoutWritingOrFlagging() {
        int flagsBefore = 0;
        h.fcsr(RN | (Z << ENABLES_SHIFT)).s(DIV_S, ONE_S, 0);
        h.fpe(Z);
        assertEquals(flagsBefore, h.flags());
        assertEquals((int) FpuHarness.SENTINEL, FpuRegs.getS(h.cpu, FpuTestSupport.FD), "fd untouched");

        h.fcsr(RN | (I << ENABLES_SHIFT)).s(ADD_S, ONE_S, 0x3380_0000);
        h.fpe(I);
        assertEquals(0, h.flags());

        // overflow enabled: Cause holds O and I together
        h.fcsr(RN | (O << ENABLES_SHIFT)).s(ADD_S, MAX_S, MAX_S);
        h.fpe(O | I);

        // Inexact enabled, overflow not: still a trap on I
        h.fcsr(RN | (I << ENABLES_SHIFT)).s(ADD_S, MAX_S, MAX_S);
        h.fpe(O | I);

        h.fcsr(RN | (V << ENABLES_SHIFT)).d(SQRT_D, ONE_D | Long.MIN_VALUE);
        h.fpe(V);

        // a disabled condition alongside an enabled one that is not met: no trap, flags accumulate
        int r = h.fcsr(RN | (Z << ENABLES_SHIFT) | (O << FLAGS_SHIFT)).s(ADD_S, ONE_S, 0x3380_0000);
        assertEquals(ONE_S, r);
        h.ok(I);
        assertEquals(I | O, h.flags());
    }

    @Test
    void causeIsClearedByEachArithmeticOpButNotByMoves() {
        h.fcsr(RN | (0x1F << CAUSE_SHIFT)).s(ADD_S, ONE_S, ONE_S);
        h.ok(0);
        h.fcsr(RN | (V << CAUSE_SHIFT)).s(MOV_S, QNAN_S);
        assertEquals(V, h.cause());
        h.fcsr(RN | (V << CAUSE_SHIFT)).s(MOV_S, SNAN_S);
        assertEquals(V, h.cause(), "MOV is not arithmetic: an sNaN moves silently");
        assertEquals(0, h.flags());
    }

    /** R4000 family: denormal operands and tiny results are Unimplemented Operations (E) for software. */
    @Test
    void unimplementedOperationCases() {
        int denorm = 0x0000_0001;
        h.fcsr(RN).s(ADD_S, denorm, ONE_S);
        h.fpe(E);
        assertEquals((int) FpuHarness.SENTINEL, FpuRegs.getS(h.cpu, FpuTestSupport.FD));
        assertEquals(0, h.flags());
        h.fcsr(RN | FS).s(MUL_S, ONE_S, denorm); // FS flushes results only
        h.fpe(E);
        h.fcsr(RN).d(SQRT_D, 0x000F_FFFF_FFFF_FFFFL);
        h.fpe(E);
        h.fcsr(RN).d(ABS_D, 0x8000_0000_0000_0001L);
        h.fpe(E);
        h.fcsr(RN).d(CVT_S_D, 1L);
        h.fpe(E);
        h.fcsr(RN).s(CVT_W_S, 0x8000_0001);
        h.fpe(E);
        // tiny result with FS = 0
        h.fcsr(RN).s(MUL_S, 0x0080_0000, HALF_S);
        h.fpe(E);
        h.fcsr(RN).d(DIV_D, 0x0010_0000_0000_0000L, 0x4000_0000_0000_0000L);
        h.fpe(E);
        h.fcsr(RN).d(CVT_S_D, 0x3800_0000_0000_0000L); // 2^-127: below single's normal range
        h.fpe(E);
        // tiny result with FS = 1 but Underflow or Inexact enabled
        h.fcsr(RN | FS | (U << ENABLES_SHIFT)).s(MUL_S, 0x0080_0000, HALF_S);
        h.fpe(E);
        h.fcsr(RN | FS | (I << ENABLES_SHIFT)).s(MUL_S, 0x0080_0000, HALF_S);
        h.fpe(E);
        // E cannot be disabled and is the only Cause bit left (madd: the product was inexact first)
        h.fcsr(RN).s(MADD_S, 0x3F80_0001, 0x3F80_0001, denorm);
        h.fpe(E);
        // moves and compares never trap on denormals
        assertEquals(denorm, h.fcsr(RN).s(MOV_S, denorm));
        h.s(C_LT_S, denorm, 0x0000_0002);
        assertEquals(pebble.r5k.cpu.Cpu.OK, h.rc);
        assertEquals(true, Fcsr.cc(h.cpu.fcr31, 0));
    }

    /** FS = 1: tiny results flush with U and I; toward ±inf they become the smallest normal (R4000 Table 7-1). */
    @ParameterizedTest(name = "flush {0} {1}*{2} rm={3}")
    @CsvSource({
        "mul.s, 00800000, 3F000000, 0, 00000000",
        "mul.s, 80800000, 3F000000, 0, 80000000",
        "mul.s, 00800000, 3F000000, 1, 00000000",
        "mul.s, 00800000, 3F000000, 2, 00800000",
        "mul.s, 80800000, 3F000000, 2, 80000000",
        "mul.s, 00800000, 3F000000, 3, 00000000",
        "mul.s, 80800000, 3F000000, 3, 80800000",
        "sub.s, 00800001, 00800000, 0, 00000000",
    })
    void flushToZero(String mnemonic, String a, String b, int rm, String expect) {
        assertEquals(i(expect), h.fcsr(rm | FS).s(op(mnemonic), i(a), i(b)));
        h.ok(U | I);
    }

    @Test
    void flushToZeroDouble() {
        assertEquals(0L, h.fcsr(RN | FS).d(MUL_D, 0x0010_0000_0000_0000L, 0x3FE0_0000_0000_0000L));
        h.ok(U | I);
        assertEquals(0x0010_0000_0000_0000L, h.fcsr(RP | FS).d(MUL_D, 0x0010_0000_0000_0000L, 0x3FE0_0000_0000_0000L));
        h.ok(U | I);
    }

    @Test
    void invalidSignalsEvenForQuietOperandsOnlyWhenSignalling() {
        assertEquals(DNAN_S, h.fcsr(RN).s(MUL_S, SNAN_S, QNAN_S));
        h.ok(V);
        assertEquals(QNAN_S, h.fcsr(RN).s(MUL_S, QNAN_S, INF_S));
        h.ok(0);
        assertEquals(DNAN_S, h.fcsr(RN).s(MUL_S, 0, NINF_S));
        h.ok(V);
        assertEquals(DNAN_D, h.fcsr(RN).d(ADD_D, ONE_D, SNAN_D));
        h.ok(V);
    }

    private static pebble.r5k.isa.Op op(String mnemonic) {
        for (pebble.r5k.isa.Op o : pebble.r5k.isa.Op.all()) if (o.mnemonic.equals(mnemonic) && o.isReal()) return o;
        throw new IllegalArgumentException(mnemonic);
    }
}
