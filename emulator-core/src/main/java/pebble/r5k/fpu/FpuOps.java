package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import static pebble.r5k.cpu.Cp0Reg.SR_CU1;
import static pebble.r5k.fpu.FpFormat.D;
import static pebble.r5k.fpu.FpFormat.S;
import static pebble.r5k.isa.Fields.*;

/**
 * Semantics of every COP1/COP1X instruction, plus LWC1/LDC1/SWC1/SDC1 and the SPECIAL MOVF/MOVT: one small
 * method per instruction. Returns {@link Cpu#OK} or {@link Cpu#TRAPPED}.
 *
 * <p>Arithmetic follows one pattern: {@link #begin} clears FCSR.Cause, {@link FpuArith}/{@link FpuConvert} record
 * the conditions met, and {@link #commit} either takes the Floating-Point exception (an enabled condition, or
 * Unimplemented Operation, which cannot be disabled: Cause set, Flags and the destination untouched) or ORs
 * Cause into Flags so the caller writes the result.
 */
public final class FpuOps {
    private FpuOps() {}

    /** Entry point for every CP1-flagged row. */
    public static int execute(Cpu cpu, Op op, int w) {
        if ((cpu.cp0.status & SR_CU1) == 0) return cpu.raiseCpU(1);
        if (op.has(Effects.OP64) && !cpu.op64Allowed()) return cpu.raise(ExcCode.RI);
        switch (op) {
            case MFC1: return mfc1(cpu, w);
            case DMFC1: return dmfc1(cpu, w);
            case CFC1: return cfc1(cpu, w);
            case MTC1: return mtc1(cpu, w);
            case DMTC1: return dmtc1(cpu, w);
            case CTC1: return ctc1(cpu, w);
            case BC1F: case BC1T: case BC1FL: case BC1TL: return bc1(cpu, w);
            case LWC1: return lwc1(cpu, w);
            case LDC1: return ldc1(cpu, w);
            case SWC1: return swc1(cpu, w);
            case SDC1: return sdc1(cpu, w);
            case LWXC1: return lwxc1(cpu, w);
            case LDXC1: return ldxc1(cpu, w);
            case SWXC1: return swxc1(cpu, w);
            case SDXC1: return sdxc1(cpu, w);
            case PREFX: return Cpu.OK; // a hint: no architectural effect, never faults
            case MOVF: case MOVT: return movcGpr(cpu, w);

            case ADD_S: return addS(cpu, w);
            case ADD_D: return addD(cpu, w);
            case SUB_S: return subS(cpu, w);
            case SUB_D: return subD(cpu, w);
            case MUL_S: return mulS(cpu, w);
            case MUL_D: return mulD(cpu, w);
            case DIV_S: return divS(cpu, w);
            case DIV_D: return divD(cpu, w);
            case SQRT_S: return sqrtS(cpu, w);
            case SQRT_D: return sqrtD(cpu, w);
            case ABS_S: return absS(cpu, w);
            case ABS_D: return absD(cpu, w);
            case NEG_S: return negS(cpu, w);
            case NEG_D: return negD(cpu, w);
            case MOV_S: return movS(cpu, w);
            case MOV_D: return movD(cpu, w);
            case RECIP_S: return recipS(cpu, w);
            case RECIP_D: return recipD(cpu, w);
            case RSQRT_S: return rsqrtS(cpu, w);
            case RSQRT_D: return rsqrtD(cpu, w);

            case MOVF_S: case MOVT_S: return movcS(cpu, w);
            case MOVF_D: case MOVT_D: return movcD(cpu, w);
            case MOVZ_S: return movzS(cpu, w);
            case MOVZ_D: return movzD(cpu, w);
            case MOVN_S: return movnS(cpu, w);
            case MOVN_D: return movnD(cpu, w);

            case CVT_D_S: return cvtDS(cpu, w);
            case CVT_S_D: return cvtSD(cpu, w);
            case CVT_S_W: return cvtSW(cpu, w);
            case CVT_D_W: return cvtDW(cpu, w);
            case CVT_S_L: return cvtSL(cpu, w);
            case CVT_D_L: return cvtDL(cpu, w);
            case CVT_W_S: return toW(cpu, w, S, Fcsr.rm(cpu.fcr31));
            case CVT_W_D: return toW(cpu, w, D, Fcsr.rm(cpu.fcr31));
            case CVT_L_S: return toL(cpu, w, S, Fcsr.rm(cpu.fcr31));
            case CVT_L_D: return toL(cpu, w, D, Fcsr.rm(cpu.fcr31));
            case ROUND_W_S: return toW(cpu, w, S, Fcsr.RN);
            case ROUND_W_D: return toW(cpu, w, D, Fcsr.RN);
            case TRUNC_W_S: return toW(cpu, w, S, Fcsr.RZ);
            case TRUNC_W_D: return toW(cpu, w, D, Fcsr.RZ);
            case CEIL_W_S: return toW(cpu, w, S, Fcsr.RP);
            case CEIL_W_D: return toW(cpu, w, D, Fcsr.RP);
            case FLOOR_W_S: return toW(cpu, w, S, Fcsr.RM);
            case FLOOR_W_D: return toW(cpu, w, D, Fcsr.RM);
            case ROUND_L_S: return toL(cpu, w, S, Fcsr.RN);
            case ROUND_L_D: return toL(cpu, w, D, Fcsr.RN);
            case TRUNC_L_S: return toL(cpu, w, S, Fcsr.RZ);
            case TRUNC_L_D: return toL(cpu, w, D, Fcsr.RZ);
            case CEIL_L_S: return toL(cpu, w, S, Fcsr.RP);
            case CEIL_L_D: return toL(cpu, w, D, Fcsr.RP);
            case FLOOR_L_S: return toL(cpu, w, S, Fcsr.RM);
            case FLOOR_L_D: return toL(cpu, w, D, Fcsr.RM);

            case C_F_S: case C_UN_S: case C_EQ_S: case C_UEQ_S: case C_OLT_S: case C_ULT_S: case C_OLE_S:
            case C_ULE_S: case C_SF_S: case C_NGLE_S: case C_SEQ_S: case C_NGL_S: case C_LT_S: case C_NGE_S:
            case C_LE_S: case C_NGT_S:
                return cmp(cpu, w, S);
            case C_F_D: case C_UN_D: case C_EQ_D: case C_UEQ_D: case C_OLT_D: case C_ULT_D: case C_OLE_D:
            case C_ULE_D: case C_SF_D: case C_NGLE_D: case C_SEQ_D: case C_NGL_D: case C_LT_D: case C_NGE_D:
            case C_LE_D: case C_NGT_D:
                return cmp(cpu, w, D);

            case MADD_S: return maddS(cpu, w, false, false);
            case MADD_D: return maddD(cpu, w, false, false);
            case MSUB_S: return maddS(cpu, w, true, false);
            case MSUB_D: return maddD(cpu, w, true, false);
            case NMADD_S: return maddS(cpu, w, false, true);
            case NMADD_D: return maddD(cpu, w, false, true);
            case NMSUB_S: return maddS(cpu, w, true, true);
            case NMSUB_D: return maddD(cpu, w, true, true);
            default: return cpu.raise(ExcCode.RI);
        }
    }

    /**
     * For a COP1 (opcode 17) or COP1X (opcode 19) word that decodes to no row (e.g. ADD.W, a reserved fmt or
     * function): Coprocessor Unusable when CU1 = 0, else a Floating-Point exception with Cause = E, as the R4000
     * family does for reserved opcodes and formats (R4000 user's manual §7.4; docs/fpu.md).
     */
    public static int reserved(Cpu cpu, int w) {
        if ((cpu.cp0.status & SR_CU1) == 0) return cpu.raiseCpU(1);
        cpu.fcr31 = (cpu.fcr31 & ~Fcsr.CAUSE_MASK) | Fcsr.CAUSE_E;
        return cpu.raise(ExcCode.FPE);
    }

    /** Whether a word that decodes to no row belongs to the FPU's opcode space (COP1 or COP1X). */
    public static boolean isFpuOpcode(int w) {
        int opcode = w >>> 26;
        return opcode == 17 || opcode == 19;
    }

    // ------------------------------------------------------------------ arithmetic protocol

    static void begin(Cpu c) { c.fcr31 &= ~Fcsr.CAUSE_MASK; }

    /**
     * After an arithmetic op: TRAPPED (FPE taken) if Cause asks for it, else Flags |= Cause and OK. Unimplemented
     * Operation leaves E alone in Cause: the kernel's emulator recomputes the other conditions.
     */
    static int commit(Cpu c) {
        if (Fcsr.unimplemented(c)) c.fcr31 = (c.fcr31 & ~Fcsr.CAUSE_MASK) | Fcsr.CAUSE_E;
        if (Fcsr.trapPending(c.fcr31)) return c.raise(ExcCode.FPE);
        c.fcr31 |= (Fcsr.cause(c.fcr31) & 0x1F) << Fcsr.FLAGS_SHIFT;
        return Cpu.OK;
    }

    static int putS(Cpu c, int fd, long v) {
        if (commit(c) != Cpu.OK) return Cpu.TRAPPED;
        FpuRegs.setS(c, fd, (int) v);
        return Cpu.OK;
    }

    static int putD(Cpu c, int fd, long v) {
        if (commit(c) != Cpu.OK) return Cpu.TRAPPED;
        FpuRegs.setD(c, fd, v);
        return Cpu.OK;
    }

    private static long s(Cpu c, int n) { return FpuRegs.getS(c, n) & 0xFFFF_FFFFL; }
    private static long d(Cpu c, int n) { return FpuRegs.getD(c, n); }

    private static void setGpr(Cpu c, int rt, long v) { if (rt != 0) c.gpr[rt] = v; }

    // ------------------------------------------------------------------ moves between units

    static int mfc1(Cpu c, int w) { setGpr(c, rt(w), FpuRegs.getS(c, fs(w))); return Cpu.OK; }
    static int dmfc1(Cpu c, int w) { setGpr(c, rt(w), FpuRegs.getD(c, fs(w))); return Cpu.OK; }
    static int mtc1(Cpu c, int w) { FpuRegs.setS(c, fs(w), (int) c.gpr[rt(w)]); return Cpu.OK; }
    static int dmtc1(Cpu c, int w) { FpuRegs.setD(c, fs(w), c.gpr[rt(w)]); return Cpu.OK; }

    /** CFC1: FCR0 and FCR31; the other control registers read as 0 (reserved in MIPS IV). */
    static int cfc1(Cpu c, int w) {
        int fs = fs(w);
        int v = fs == 0 ? Fcsr.FCR0 : fs == 31 ? c.fcr31 : 0;
        setGpr(c, rt(w), v);
        return Cpu.OK;
    }

    /** CTC1 to FCR31; setting a Cause bit whose Enable is set (or E) takes FPE after the write (MIPS IV). */
    static int ctc1(Cpu c, int w) {
        if (fs(w) != 31) return Cpu.OK;
        c.fcr31 = (int) c.gpr[rt(w)] & Fcsr.WRITABLE;
        return Fcsr.trapPending(c.fcr31) ? c.raise(ExcCode.FPE) : Cpu.OK;
    }

    // ------------------------------------------------------------------ branches and conditional moves

    /** BC1F/BC1T/BC1FL/BC1TL: bit 16 = branch on true, bit 17 = likely. */
    static int bc1(Cpu c, int w) {
        if (Fcsr.cc(c.fcr31, ccBranch(w)) == tf(w)) {
            c.branchTo(c.pc + 4 + ((long) simm(w) << 2));
        } else if ((w & 0x20000) != 0) {
            c.annulDelaySlot();
        } else {
            c.branchNotTaken();
        }
        return Cpu.OK;
    }

    static int movcGpr(Cpu c, int w) {
        if (Fcsr.cc(c.fcr31, ccBranch(w)) == tf(w)) setGpr(c, rd(w), c.gpr[rs(w)]);
        return Cpu.OK;
    }

    static int movcS(Cpu c, int w) {
        if (Fcsr.cc(c.fcr31, ccBranch(w)) == tf(w)) FpuRegs.setS(c, fd(w), FpuRegs.getS(c, fs(w)));
        return Cpu.OK;
    }

    static int movcD(Cpu c, int w) {
        if (Fcsr.cc(c.fcr31, ccBranch(w)) == tf(w)) FpuRegs.setD(c, fd(w), d(c, fs(w)));
        return Cpu.OK;
    }

    static int movzS(Cpu c, int w) { if (c.gpr[rt(w)] == 0) movS(c, w); return Cpu.OK; }
    static int movzD(Cpu c, int w) { if (c.gpr[rt(w)] == 0) movD(c, w); return Cpu.OK; }
    static int movnS(Cpu c, int w) { if (c.gpr[rt(w)] != 0) movS(c, w); return Cpu.OK; }
    static int movnD(Cpu c, int w) { if (c.gpr[rt(w)] != 0) movD(c, w); return Cpu.OK; }

    /** MOV.fmt is not arithmetic: no conditions, Cause untouched. */
    static int movS(Cpu c, int w) { FpuRegs.setS(c, fd(w), FpuRegs.getS(c, fs(w))); return Cpu.OK; }
    static int movD(Cpu c, int w) { FpuRegs.setD(c, fd(w), d(c, fs(w))); return Cpu.OK; }

    // ------------------------------------------------------------------ loads and stores

    private static long ea(Cpu c, int w) { return c.gpr[rs(w)] + simm(w); }
    private static long eaIndexed(Cpu c, int w) { return c.gpr[rs(w)] + c.gpr[rt(w)]; }

    static int lwc1(Cpu c, int w) { return loadS(c, ea(c, w), ft(w)); }
    static int ldc1(Cpu c, int w) { return loadD(c, ea(c, w), ft(w)); }
    static int swc1(Cpu c, int w) { return storeS(c, ea(c, w), ft(w)); }
    static int sdc1(Cpu c, int w) { return storeD(c, ea(c, w), ft(w)); }
    static int lwxc1(Cpu c, int w) { return loadS(c, eaIndexed(c, w), fd(w)); }
    static int ldxc1(Cpu c, int w) { return loadD(c, eaIndexed(c, w), fd(w)); }
    static int swxc1(Cpu c, int w) { return storeS(c, eaIndexed(c, w), fs(w)); }
    static int sdxc1(Cpu c, int w) { return storeD(c, eaIndexed(c, w), fs(w)); }

    private static int loadS(Cpu c, long va, int reg) {
        int v = c.load32(va);
        if (c.memFault) return Cpu.TRAPPED;
        FpuRegs.setS(c, reg, v);
        return Cpu.OK;
    }

    private static int loadD(Cpu c, long va, int reg) {
        long v = c.load64(va);
        if (c.memFault) return Cpu.TRAPPED;
        FpuRegs.setD(c, reg, v);
        return Cpu.OK;
    }

    private static int storeS(Cpu c, long va, int reg) {
        c.store32(va, FpuRegs.getS(c, reg));
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    private static int storeD(Cpu c, long va, int reg) {
        c.store64(va, FpuRegs.getD(c, reg));
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    // ------------------------------------------------------------------ arithmetic

    static int addS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.add(c, S, s(c, fs(w)), s(c, ft(w)))); }
    static int addD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.add(c, D, d(c, fs(w)), d(c, ft(w)))); }
    static int subS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.sub(c, S, s(c, fs(w)), s(c, ft(w)))); }
    static int subD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.sub(c, D, d(c, fs(w)), d(c, ft(w)))); }
    static int mulS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.mul(c, S, s(c, fs(w)), s(c, ft(w)))); }
    static int mulD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.mul(c, D, d(c, fs(w)), d(c, ft(w)))); }
    static int divS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.div(c, S, s(c, fs(w)), s(c, ft(w)))); }
    static int divD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.div(c, D, d(c, fs(w)), d(c, ft(w)))); }
    static int sqrtS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.sqrt(c, S, s(c, fs(w)))); }
    static int sqrtD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.sqrt(c, D, d(c, fs(w)))); }
    static int absS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.abs(c, S, s(c, fs(w)))); }
    static int absD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.abs(c, D, d(c, fs(w)))); }
    static int negS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.neg(c, S, s(c, fs(w)))); }
    static int negD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.neg(c, D, d(c, fs(w)))); }
    static int recipS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.recip(c, S, s(c, fs(w)))); }
    static int recipD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.recip(c, D, d(c, fs(w)))); }
    static int rsqrtS(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuArith.rsqrt(c, S, s(c, fs(w)))); }
    static int rsqrtD(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuArith.rsqrt(c, D, d(c, fs(w)))); }

    static int maddS(Cpu c, int w, boolean subtract, boolean negate) {
        begin(c);
        return putS(c, fd(w), FpuArith.madd(c, S, s(c, fr(w)), s(c, fs(w)), s(c, ft(w)), subtract, negate));
    }

    static int maddD(Cpu c, int w, boolean subtract, boolean negate) {
        begin(c);
        return putD(c, fd(w), FpuArith.madd(c, D, d(c, fr(w)), d(c, fs(w)), d(c, ft(w)), subtract, negate));
    }

    /** C.cond.fmt: the condition (funct bits 3:0) goes to condition code cc; an Invalid trap leaves it alone. */
    static int cmp(Cpu c, int w, int f) {
        begin(c);
        long a = f == S ? s(c, fs(w)) : d(c, fs(w)), b = f == S ? s(c, ft(w)) : d(c, ft(w));
        boolean r = FpuArith.compare(c, f, a, b, w & 15);
        if (commit(c) != Cpu.OK) return Cpu.TRAPPED;
        c.fcr31 = Fcsr.withCc(c.fcr31, ccCompare(w), r);
        return Cpu.OK;
    }

    // ------------------------------------------------------------------ conversions

    static int cvtDS(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuConvert.sToD(c, s(c, fs(w)))); }
    static int cvtSD(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuConvert.dToS(c, d(c, fs(w)))); }
    static int cvtSW(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuConvert.fromInt(c, S, FpuRegs.getS(c, fs(w)))); }
    static int cvtDW(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuConvert.fromInt(c, D, FpuRegs.getS(c, fs(w)))); }
    static int cvtSL(Cpu c, int w) { begin(c); return putS(c, fd(w), FpuConvert.fromInt(c, S, d(c, fs(w)))); }
    static int cvtDL(Cpu c, int w) { begin(c); return putD(c, fd(w), FpuConvert.fromInt(c, D, d(c, fs(w)))); }

    /** CVT.W / ROUND.W / TRUNC.W / CEIL.W / FLOOR.W from fmt f with rounding mode rm. */
    static int toW(Cpu c, int w, int f, int rm) {
        begin(c);
        long a = f == S ? s(c, fs(w)) : d(c, fs(w));
        return putS(c, fd(w), FpuConvert.toInt(c, f, a, rm, false));
    }

    static int toL(Cpu c, int w, int f, int rm) {
        begin(c);
        long a = f == S ? s(c, fs(w)) : d(c, fs(w));
        return putD(c, fd(w), FpuConvert.toInt(c, f, a, rm, true));
    }
}
