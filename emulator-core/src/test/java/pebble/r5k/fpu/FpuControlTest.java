package pebble.r5k.fpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.fpu.Fcsr.*;

/** FCR0/FCR31, condition codes, register views (FR), CpU and the 64-bit-operation gate. */
class FpuControlTest {
    private static int excCode(Cpu c) { return (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT; }
    private static int ce(Cpu c) { return (c.cp0.cause & Cp0Reg.CAUSE_CE_MASK) >>> Cp0Reg.CAUSE_CE_SHIFT; }

    /** rt/fs/fd fields for moves: op.match | rt << 16 | fs << 11. */
    private static int move(Op op, int rt, int fs) { return op.match | (rt << 16) | (fs << 11); }

    @Test
    void fcr0IsTheR5000ImplementationAndRevision() {
        Cpu c = FpuTestSupport.cpu(false);
        c.gpr[8] = -1;
        assertEquals(Cpu.OK, FpuOps.execute(c, Op.CFC1, move(Op.CFC1, 8, 0)));
        assertEquals(0x2310L, c.gpr[8]);
        FpuOps.execute(c, Op.CFC1, move(Op.CFC1, 8, 5));
        assertEquals(0L, c.gpr[8], "reserved control registers read as 0");
    }

    @Test
    void ctc1WritesFcsrWithZeroBits22To18AndSignExtendedReadBack() {
        Cpu c = FpuTestSupport.cpu(false);
        c.gpr[8] = 0xFFFF_FFFFL & ~(0x1F << 7) & ~(0x3F << 12); // all but enables and cause
        assertEquals(Cpu.OK, FpuOps.execute(c, Op.CTC1, move(Op.CTC1, 8, 31)));
        assertEquals(0xFF80_007F, c.fcr31);
        FpuOps.execute(c, Op.CFC1, move(Op.CFC1, 9, 31));
        assertEquals(0xFFFF_FFFF_FF80_007FL, c.gpr[9]);
    }

    @Test
    void ctc1SettingAnEnabledCauseTakesTheException() {
        Cpu c = FpuTestSupport.cpu(false);
        c.gpr[8] = (Z << ENABLES_SHIFT) | (Z << CAUSE_SHIFT);
        assertEquals(Cpu.TRAPPED, FpuOps.execute(c, Op.CTC1, move(Op.CTC1, 8, 31)));
        assertEquals(ExcCode.FPE, excCode(c));
        assertEquals((int) c.gpr[8], c.fcr31, "the write happens first");

        Cpu d = FpuTestSupport.cpu(false);
        d.gpr[8] = CAUSE_E; // E cannot be disabled
        assertEquals(Cpu.TRAPPED, FpuOps.execute(d, Op.CTC1, move(Op.CTC1, 8, 31)));

        Cpu e = FpuTestSupport.cpu(false);
        e.gpr[8] = (Z << CAUSE_SHIFT) | (O << ENABLES_SHIFT);
        assertEquals(Cpu.OK, FpuOps.execute(e, Op.CTC1, move(Op.CTC1, 8, 31)));
    }

    @Test
    void everyCompareWritesOnlyItsConditionCode() {
        for (int cc = 0; cc < 8; cc++) {
            FpuHarness h = new FpuHarness(true);
            h.cpu.fcr31 = 0;
            FpuRegs.setS(h.cpu, FpuTestSupport.FS, 0x3F80_0000);
            FpuRegs.setS(h.cpu, FpuTestSupport.FT, 0x3F80_0000);
            assertEquals(Cpu.OK, FpuOps.execute(h.cpu, Op.C_EQ_S, FpuTestSupport.word(Op.C_EQ_S, cc)));
            int bit = cc == 0 ? 1 << 23 : 1 << (24 + cc);
            assertEquals(bit, h.cpu.fcr31, "cc" + cc);
            assertTrue(Fcsr.cc(h.cpu.fcr31, cc));
            // everything else set: the compare clears just its own bit
            h.cpu.fcr31 = 0xFE80_0000;
            FpuRegs.setS(h.cpu, FpuTestSupport.FT, 0x4000_0000);
            FpuOps.execute(h.cpu, Op.C_EQ_S, FpuTestSupport.word(Op.C_EQ_S, cc));
            assertEquals(0xFE80_0000 & ~bit, h.cpu.fcr31, "cc" + cc);
        }
    }

    /** The sixteen predicates (funct 3:0) over less, equal, greater and unordered, with Invalid. */
    @Test
    void comparePredicates() {
        // cond bits: 1 unordered, 2 equal, 4 less, 8 signal on qNaN
        int one = 0x3F80_0000, two = 0x4000_0000, qnan = 0x7F80_0001, snan = 0x7FC0_0000;
        Op[] ops = {Op.C_F_S, Op.C_UN_S, Op.C_EQ_S, Op.C_UEQ_S, Op.C_OLT_S, Op.C_ULT_S, Op.C_OLE_S, Op.C_ULE_S,
            Op.C_SF_S, Op.C_NGLE_S, Op.C_SEQ_S, Op.C_NGL_S, Op.C_LT_S, Op.C_NGE_S, Op.C_LE_S, Op.C_NGT_S};
        for (int cond = 0; cond < 16; cond++) {
            Op op = ops[cond];
            assertEquals((cond & 4) != 0, cmp(op, one, two, 0), op.mnemonic + " less");
            assertEquals((cond & 2) != 0, cmp(op, two, two, 0), op.mnemonic + " equal");
            assertEquals(false, cmp(op, two, one, 0), op.mnemonic + " greater");
            assertEquals((cond & 2) != 0, cmp(op, 0x8000_0000, 0, 0), op.mnemonic + " -0 == +0");
            assertEquals((cond & 1) != 0, cmp(op, qnan, one, (cond & 8) != 0 ? V : 0), op.mnemonic + " qNaN");
            assertEquals((cond & 1) != 0, cmp(op, one, snan, V), op.mnemonic + " sNaN");
        }
        assertTrue(cmp(Op.C_LT_D, 0, 0x7FF0_0000_0000_0000L, 0));
        assertTrue(cmp(Op.C_ULE_D, 0x7FF0_0000_0000_0001L, 0, 0));
    }

    private static boolean cmp(Op op, long a, long b, int expectCause) {
        FpuHarness h = new FpuHarness(true);
        h.cpu.fcr31 = 0x3F << CAUSE_SHIFT & ~CAUSE_E;
        if (op.mnemonic.endsWith(".s")) h.s(op, (int) a, (int) b); else h.d(op, a, b);
        h.ok(expectCause);
        return Fcsr.cc(h.cpu.fcr31, 0);
    }

    @Test
    void invalidCompareWithVEnabledTrapsAndKeepsTheConditionCode() {
        FpuHarness h = new FpuHarness(true);
        h.cpu.fcr31 = (V << ENABLES_SHIFT) | FCC0;
        h.s(Op.C_LT_S, 0x7F80_0001, 0); // signalling predicate on a qNaN: false, Invalid
        h.fpe(V);
        assertTrue(Fcsr.cc(h.cpu.fcr31, 0));
    }

    @Test
    void conditionalMovesOnEveryConditionCode() {
        for (int cc = 0; cc < 8; cc++) {
            for (boolean set : new boolean[] {false, true}) {
                Cpu c = FpuTestSupport.cpu(true);
                c.fcr31 = Fcsr.withCc(0, cc, set);
                // MOVT rd=10, rs=11, cc; MOVF rd=12, rs=11, cc
                c.gpr[11] = 0x1234;
                FpuOps.execute(c, Op.MOVT, Op.MOVT.match | (11 << 21) | (cc << 18) | (10 << 11));
                FpuOps.execute(c, Op.MOVF, Op.MOVF.match | (11 << 21) | (cc << 18) | (12 << 11));
                assertEquals(set ? 0x1234L : 0, c.gpr[10], "movt cc" + cc);
                assertEquals(set ? 0 : 0x1234L, c.gpr[12], "movf cc" + cc);
                // MOVT.D / MOVF.S
                FpuRegs.setD(c, FpuTestSupport.FS, 0x4000_0000_0000_0001L);
                FpuRegs.setD(c, FpuTestSupport.FD, 0);
                FpuOps.execute(c, Op.MOVT_D, FpuTestSupport.word(Op.MOVT_D, cc));
                assertEquals(set ? 0x4000_0000_0000_0001L : 0, FpuRegs.getD(c, FpuTestSupport.FD));
                FpuRegs.setD(c, FpuTestSupport.FD, 0);
                FpuOps.execute(c, Op.MOVF_S, FpuTestSupport.word(Op.MOVF_S, cc));
                assertEquals(set ? 0 : 1, FpuRegs.getS(c, FpuTestSupport.FD));
            }
        }
    }

    @Test
    void movnAndMovzTestTheGpr() {
        Cpu c = FpuTestSupport.cpu(true);
        FpuRegs.setD(c, FpuTestSupport.FS, 0x3FF0_0000_0000_0000L);
        c.gpr[FpuTestSupport.RT] = 0;
        FpuOps.execute(c, Op.MOVN_D, FpuTestSupport.word(Op.MOVN_D, 0));
        assertEquals(0L, FpuRegs.getD(c, FpuTestSupport.FD));
        FpuOps.execute(c, Op.MOVZ_D, FpuTestSupport.word(Op.MOVZ_D, 0));
        assertEquals(0x3FF0_0000_0000_0000L, FpuRegs.getD(c, FpuTestSupport.FD));
        FpuRegs.setD(c, FpuTestSupport.FD, 0);
        c.gpr[FpuTestSupport.RT] = 1L << 40; // the full 64-bit register counts
        FpuOps.execute(c, Op.MOVZ_S, FpuTestSupport.word(Op.MOVZ_S, 0));
        assertEquals(0L, FpuRegs.getD(c, FpuTestSupport.FD));
        FpuOps.execute(c, Op.MOVN_S, FpuTestSupport.word(Op.MOVN_S, 0));
        assertEquals(0L, FpuRegs.getS(c, FpuTestSupport.FD));
    }

    /** FR = 0: doubles in even/odd pairs, low word in the even register; the odd one reads the high word. */
    @Test
    void fr0PairsRegisters() {
        Cpu c = FpuTestSupport.cpu(false);
        c.gpr[8] = 0x89AB_CDEFL;
        c.gpr[9] = 0x0123_4567L;
        FpuOps.execute(c, Op.MTC1, move(Op.MTC1, 8, 2));
        FpuOps.execute(c, Op.MTC1, move(Op.MTC1, 9, 3));
        assertEquals(0x0123_4567_89AB_CDEFL, FpuRegs.getD(c, 2));
        FpuOps.execute(c, Op.DMFC1, move(Op.DMFC1, 10, 2));
        assertEquals(0x0123_4567_89AB_CDEFL, c.gpr[10], "DMFC1 of an even register reads the pair");
        // a double result lands in both halves of the pair
        FpuRegs.setD(c, 4, 0x3FF0_0000_0000_0000L);
        FpuRegs.setD(c, 6, 0x4000_0000_0000_0000L);
        FpuOps.execute(c, Op.ADD_D, Op.ADD_D.match | (6 << 16) | (4 << 11) | (0 << 6));
        FpuOps.execute(c, Op.MFC1, move(Op.MFC1, 11, 1));
        FpuOps.execute(c, Op.MFC1, move(Op.MFC1, 12, 0));
        assertEquals(0x4008_0000L, c.gpr[11], "odd register = high word of the double");
        assertEquals(0L, c.gpr[12]);
        // MFC1 sign-extends
        c.gpr[8] = 0xFFFF_FFFF_8000_0000L;
        FpuOps.execute(c, Op.MTC1, move(Op.MTC1, 8, 5));
        FpuOps.execute(c, Op.MFC1, move(Op.MFC1, 13, 5));
        assertEquals(0xFFFF_FFFF_8000_0000L, c.gpr[13]);
        // a double access to an odd register number uses its pair (documented choice)
        assertEquals(FpuRegs.getD(c, 0), FpuRegs.getD(c, 1));
    }

    /** FR = 1: 32 independent 64-bit registers; singles live in the low half. */
    @Test
    void fr1HasThirtyTwoDoubleRegisters() {
        Cpu c = FpuTestSupport.cpu(true);
        c.gpr[8] = 0x0123_4567_89AB_CDEFL;
        c.gpr[9] = 0x7654_3210L;
        FpuOps.execute(c, Op.DMTC1, move(Op.DMTC1, 8, 2));
        FpuOps.execute(c, Op.MTC1, move(Op.MTC1, 9, 3));
        assertEquals(0x0123_4567_89AB_CDEFL, FpuRegs.getD(c, 2), "odd register is separate");
        FpuOps.execute(c, Op.MFC1, move(Op.MFC1, 10, 2));
        assertEquals(0xFFFF_FFFF_89AB_CDEFL, c.gpr[10], "MFC1 reads the low word, sign-extended");
        FpuOps.execute(c, Op.DMFC1, move(Op.DMFC1, 11, 3));
        assertEquals(0x7654_3210L, c.gpr[11] & 0xFFFF_FFFFL);
        FpuRegs.setD(c, 5, 0x3FF0_0000_0000_0000L);
        FpuRegs.setD(c, 7, 0x3FF0_0000_0000_0000L);
        FpuOps.execute(c, Op.ADD_D, Op.ADD_D.match | (7 << 16) | (5 << 11) | (1 << 6));
        assertEquals(0x4000_0000_0000_0000L, FpuRegs.getD(c, 1), "odd register numbers are whole doubles");
    }

    @Test
    void coprocessorUnusableWhenCu1IsClear() {
        for (Op op : Op.all()) {
            if (!op.isReal() || !op.has(pebble.r5k.isa.Effects.CP1)) continue;
            Cpu c = FpuTestSupport.cpu(true);
            c.cp0.status &= ~Cp0Reg.SR_CU1;
            assertEquals(Cpu.TRAPPED, FpuOps.execute(c, op, op.match), op.mnemonic);
            assertEquals(ExcCode.CPU, excCode(c), op.mnemonic);
            assertEquals(1, ce(c), op.mnemonic + ": Cause.CE");
        }
        Cpu c = FpuTestSupport.cpu(true);
        c.cp0.status &= ~Cp0Reg.SR_CU1;
        assertEquals(Cpu.TRAPPED, FpuOps.reserved(c, 0x4680_0000));
        assertEquals(ExcCode.CPU, excCode(c));
    }

    @Test
    void reservedEncodingsAreUnimplementedOperations() {
        Cpu c = FpuTestSupport.cpu(true);
        assertTrue(FpuOps.isFpuOpcode(0x4680_0000)); // add.w
        assertTrue(FpuOps.isFpuOpcode(0x4C00_0002));
        assertFalse(FpuOps.isFpuOpcode(0x4880_0000)); // COP2
        c.fcr31 = (V << CAUSE_SHIFT) | (I << FLAGS_SHIFT);
        assertEquals(Cpu.TRAPPED, FpuOps.reserved(c, 0x4680_0000));
        assertEquals(ExcCode.FPE, excCode(c));
        assertEquals(CAUSE_E | (I << FLAGS_SHIFT), c.fcr31);
    }

    @Test
    void sixtyFourBitFormsNeedSixtyFourBitOperationsEnabled() {
        Cpu c = FpuTestSupport.cpu(true);
        c.cp0.status = (c.cp0.status & ~Cp0Reg.SR_KSU_MASK) | (2 << Cp0Reg.SR_KSU_SHIFT); // user, UX = 0
        assertEquals(Cpu.TRAPPED, FpuOps.execute(c, Op.DMFC1, move(Op.DMFC1, 8, 0)));
        assertEquals(ExcCode.RI, excCode(c));
        c.cp0.status = (c.cp0.status & ~(Cp0Reg.SR_EXL)) | Cp0Reg.SR_UX;
        assertEquals(Cpu.OK, FpuOps.execute(c, Op.DMFC1, move(Op.DMFC1, 8, 0)));
        c.cp0.status &= ~Cp0Reg.SR_UX;
        assertEquals(Cpu.OK, FpuOps.execute(c, Op.ADD_D, Op.ADD_D.match), "doubles are not 64-bit operations");
        assertEquals(Cpu.TRAPPED, FpuOps.execute(c, Op.CVT_L_D, Op.CVT_L_D.match));
        assertEquals(ExcCode.RI, excCode(c));
    }

    @Test
    void loadsAndStoresMoveRawBits() {
        for (boolean fr : new boolean[] {false, true}) {
            Cpu c = FpuTestSupport.cpu(fr);
            c.gpr[8] = 0xFFFF_FFFF_8000_1000L; // KSEG0
            c.gpr[9] = 8;
            c.store64(0xFFFF_FFFF_8000_1000L, 0x7FF4_0000_0000_0001L); // an sNaN: no conversion, no trap
            c.store32(0xFFFF_FFFF_8000_1008L, 0x7FC0_0000);
            assertEquals(Cpu.OK, FpuOps.execute(c, Op.LDC1, Op.LDC1.match | (8 << 21) | (2 << 16)));
            assertEquals(0x7FF4_0000_0000_0001L, FpuRegs.getD(c, 2));
            assertEquals(Cpu.OK, FpuOps.execute(c, Op.LWXC1, Op.LWXC1.match | (8 << 21) | (9 << 16) | (4 << 6)));
            assertEquals(0x7FC0_0000, FpuRegs.getS(c, 4));
            assertEquals(Cpu.OK, FpuOps.execute(c, Op.SDXC1, Op.SDXC1.match | (8 << 21) | (9 << 16) | (2 << 11)));
            assertEquals(0x7FF4_0000_0000_0001L, c.load64(0xFFFF_FFFF_8000_1008L));
            assertEquals(Cpu.OK, FpuOps.execute(c, Op.SWC1, Op.SWC1.match | (8 << 21) | (4 << 16) | 0x10));
            assertEquals(0x7FC0_0000, c.load32(0xFFFF_FFFF_8000_1010L));
            assertEquals(Cpu.OK, FpuOps.execute(c, Op.PREFX, Op.PREFX.match | (8 << 21) | (9 << 16)));
            // misaligned doubleword: address error
            c.gpr[9] = 4;
            assertEquals(Cpu.TRAPPED, FpuOps.execute(c, Op.LDXC1, Op.LDXC1.match | (8 << 21) | (9 << 16) | (4 << 6)));
            assertEquals(ExcCode.ADEL, excCode(c));
        }
    }
}
