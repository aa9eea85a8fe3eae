package pebble.r5k.fpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** COP1/COP1X through the interpreter: every row dispatches, branches on cc 0..7, reserved encodings. */
class FpuInterpreterTest {
    private static final long BASE = 0xFFFF_FFFF_8001_0000L;
    private static final int BREAK = 0x0000_000D, NOP = 0;

    private final Machine m = Machine.create(true, 4L << 20, new ByteArrayOutputStream(), new ByteArrayInputStream(new byte[0]));
    private long next = BASE;

    /** Runs {@code words} then BREAK at a fresh address with CU1 and FR set; returns the ExcCode it stopped on. */
    private int run(int... words) {
        int[] code = new int[words.length + 2];
        System.arraycopy(words, 0, code, 0, words.length);
        code[words.length] = BREAK;
        code[words.length + 1] = NOP;
        long at = next;
        next += 4L * code.length + 64;
        m.writeWords(at, code);
        Cpu c = m.cpu();
        long[] gpr = c.gpr.clone();
        int fcsr = c.fcr31;
        long[] fpr = c.fpr.clone();
        m.start(at);
        c.halted = false;
        System.arraycopy(gpr, 0, c.gpr, 0, 32);
        System.arraycopy(fpr, 0, c.fpr, 0, 32);
        c.fcr31 = fcsr;
        c.cp0.status = Cp0Reg.SR_CU1 | Cp0Reg.SR_FR | Cp0Reg.SR_KX;
        m.run(c.cycle + 10_000);
        return (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT;
    }

    @Test
    void everyFpuRowDispatchesWithoutReservedInstruction() {
        Cpu c = m.cpu();
        int count = 0;
        for (Op op : Op.all()) {
            if (!op.isReal() || !op.has(Effects.CP1)) continue;
            for (int r = 0; r < 32; r++) c.fpr[r] = 0x3FF0_0000_3F80_0000L; // 1.0 as double and as single
            c.gpr[8] = BASE + 0x8000; // base for loads/stores
            c.fcr31 = 0;
            int w = op.match;
            if (op.has(Effects.LOAD) || op.has(Effects.STORE) || op == Op.PREFX) w |= 8 << 21;
            int exc = run(w, NOP);
            assertEquals(ExcCode.BP, exc, op.mnemonic + " stopped on ExcCode " + exc);
            count++;
        }
        assertEquals(115, count, "COP1/COP1X/LWC1..SDC1/MOVCI rows in the ISA table");
    }

    @Test
    void reservedCop1EncodingsRaiseUnimplementedOperation() {
        assertEquals(ExcCode.FPE, run(0x4680_0000)); // add.w
        assertEquals(Fcsr.CAUSE_E, m.cpu().fcr31 & Fcsr.CAUSE_MASK);
        assertEquals(ExcCode.FPE, run(0x4600_0017)); // reserved function in fmt S
        assertEquals(ExcCode.FPE, run(0x4C00_0002)); // reserved COP1X function
        assertEquals(ExcCode.RI, run(0x7C00_0000)); // outside the FPU: still RI
    }

    @Test
    void bc1BranchesOnEachConditionCode() {
        Cpu c = m.cpu();
        for (int cc = 0; cc < 8; cc++) {
            for (boolean set : new boolean[] {false, true}) {
                c.fcr31 = Fcsr.withCc(0, cc, set);
                c.gpr[10] = 0;
                c.gpr[11] = 0;
                // bc1t cc, +2; addiu $10, $10, 1 (delay slot); addiu $11, $11, 1 (skipped when taken)
                int bc1t = 0x4501_0002 | (cc << 18);
                run(bc1t, 0x254A_0001, 0x256B_0001);
                assertEquals(1L, c.gpr[10], "delay slot runs, cc" + cc);
                assertEquals(set ? 0L : 1L, c.gpr[11], "bc1t cc" + cc + " set=" + set);
                c.fcr31 = Fcsr.withCc(0, cc, set);
                c.gpr[10] = 0;
                c.gpr[11] = 0;
                int bc1fl = 0x4502_0002 | (cc << 18);
                run(bc1fl, 0x254A_0001, 0x256B_0001);
                assertEquals(set ? 0L : 1L, c.gpr[10], "bc1fl annuls its delay slot when not taken, cc" + cc);
                assertEquals(set ? 1L : 0L, c.gpr[11], "bc1fl cc" + cc);
            }
        }
    }

    @Test
    void compareThenBranchInOneProgram() {
        Cpu c = m.cpu();
        c.fcr31 = 0;
        c.gpr[10] = 0;
        c.fpr[2] = 0x3F80_0000L;
        c.fpr[4] = 0x4000_0000L;
        // c.lt.s $fcc5, $f2, $f4 ; bc1f $fcc5, +2 ; nop ; addiu $10, $10, 1 ; nop
        int clt = Op.C_LT_S.match | (4 << 16) | (2 << 11) | (5 << 8);
        run(clt, 0x4500_0002 | (5 << 18), NOP, 0x254A_0001);
        assertEquals(1L, c.gpr[10], "1 < 2 so bc1f falls through");
    }
}
