package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.isa.Reg.*;

/**
 * The traps with an immediate at the edges of the 16-bit immediate, in the loop and translated. MIPS IV: the
 * immediate is sign-extended for all six, also for the unsigned comparisons (TGEIU, TLTIU), which then compare
 * the 64-bit register with 2^64 - 2^15 for 0x8000; the full 64-bit register is compared.
 */
class TrapImmediateTest {
    private static final long NEG_8000 = 0xFFFF_FFFF_FFFF_8000L;

    /** {op, rs value, immediate field, 1 if it traps}. */
    private static final Object[][] CASES = {
        {Op.TGEIU, 0x8000L, 0x8000, 0},              // 32768 < 2^64 - 32768 (zero-extended: 32768 >= 32768)
        {Op.TGEIU, 0x7FFF_FFFFL, 0xFFFF, 0},
        {Op.TGEIU, NEG_8000, 0x8000, 1},              // equal
        {Op.TGEIU, NEG_8000 - 1, 0x8000, 0},
        {Op.TGEIU, -1L, 0xFFFF, 1},
        {Op.TGEIU, 0x7FFFL, 0x7FFF, 1},
        {Op.TGEIU, 0x7FFEL, 0x7FFF, 0},
        {Op.TGEIU, 0L, 0, 1},
        {Op.TLTIU, 0x8000L, 0x8000, 1},               // (zero-extended: 32768 < 32768 is false)
        {Op.TLTIU, NEG_8000, 0x8000, 0},
        {Op.TLTIU, NEG_8000 - 1, 0x8000, 1},
        {Op.TLTIU, -1L, 0xFFFF, 0},
        {Op.TLTIU, 0L, 0, 0},
        {Op.TGEI, -0x8000L, 0x8000, 1},
        {Op.TGEI, -0x8001L, 0x8000, 0},
        {Op.TGEI, 0x7FFFL, 0x8000, 1},                // (zero-extended: 32767 >= 32768 is false)
        {Op.TGEI, 0x7FFEL, 0x7FFF, 0},
        {Op.TGEI, 0x1_0000_0000L, 0x7FFF, 1},         // 64-bit comparison
        {Op.TLTI, -0x8001L, 0x8000, 1},
        {Op.TLTI, -0x8000L, 0x8000, 0},
        {Op.TLTI, 0L, 0x8000, 0},                     // (zero-extended: 0 < 32768)
        {Op.TLTI, 0x7FFEL, 0x7FFF, 1},
        {Op.TLTI, 0xFFFF_FFFF_0000_0000L, 0, 1},      // negative as a doubleword
        {Op.TEQI, -0x8000L, 0x8000, 1},
        {Op.TEQI, 0x8000L, 0x8000, 0},
        {Op.TEQI, -1L, 0xFFFF, 1},
        {Op.TEQI, 0xFFFF_FFFFL, 0xFFFF, 0},           // not the sign-extended word
        {Op.TNEI, -0x8000L, 0x8000, 0},
        {Op.TNEI, 0x8000L, 0x8000, 1},
        {Op.TNEI, 0x7FFFL, 0x7FFF, 0},
        {Op.TNEI, 0x1_0000_7FFFL, 0x7FFF, 1},
    };

    @Test
    void edgesOfTheImmediate() {
        for (Object[] k : CASES) {
            Op op = (Op) k[0];
            long value = (Long) k[1];
            int imm = (Integer) k[2];
            int expected = (Integer) k[3] == 1 ? ExcCode.TR : 0;
            for (int translateAfter : new int[] {0, 1}) {
                // The trap in a loop of two iterations, so that translated after 1 it runs in a region.
                TestCode t = new TestCode()
                        .i(Op.ADDIU, T1, ZERO, 2)              // i0
                        .i(op, T0, (short) imm)                // i1 (loop): Tr → the vector halts with 13
                        .i(Op.ADDIU, T1, T1, -1)               // i2
                        .i(Op.BNE, T1, ZERO, -3)               // i3: to i1
                        .i(Op.SLL, 0, 0, 0)                    // i4
                        .haltWith(ZERO);
                Machine m = t.machine(true);
                m.setTranslateAfter(translateAfter);
                m.cpu().gpr[T0] = value;
                m.run(100_000);
                assertEquals(expected, m.cpu().exitStatus, String.format("%s 0x%x, 0x%04x (translate after %d)",
                        op.mnemonic, value, imm, translateAfter));
            }
        }
    }
}
