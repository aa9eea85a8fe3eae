package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/** Conditional traps (MIPS II TGE..TNEI), SYSCALL and BREAK. Comparisons use the full 64-bit registers. */
final class TrapOps {
    private TrapOps() {}

    private static int trapIf(Cpu c, boolean cond) {
        return cond ? c.raise(ExcCode.TR) : Cpu.OK;
    }

    static int tge(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] >= c.gpr[rt(w)]); }
    static int tgeu(Cpu c, int w) { return trapIf(c, Long.compareUnsigned(c.gpr[rs(w)], c.gpr[rt(w)]) >= 0); }
    static int tlt(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] < c.gpr[rt(w)]); }
    static int tltu(Cpu c, int w) { return trapIf(c, Long.compareUnsigned(c.gpr[rs(w)], c.gpr[rt(w)]) < 0); }
    static int teq(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] == c.gpr[rt(w)]); }
    static int tne(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] != c.gpr[rt(w)]); }

    static int tgei(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] >= simm(w)); }
    static int tgeiu(Cpu c, int w) { return trapIf(c, Long.compareUnsigned(c.gpr[rs(w)], simm(w)) >= 0); }
    static int tlti(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] < simm(w)); }
    static int tltiu(Cpu c, int w) { return trapIf(c, Long.compareUnsigned(c.gpr[rs(w)], simm(w)) < 0); }
    static int teqi(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] == simm(w)); }
    static int tnei(Cpu c, int w) { return trapIf(c, c.gpr[rs(w)] != simm(w)); }

    static int syscall(Cpu c, int w) { return c.raise(ExcCode.SYS); }
    static int breakpoint(Cpu c, int w) { return c.raise(ExcCode.BP); }
    /** A word that decodes to no row: RI, except in the FPU's opcode space (CpU or FP Unimplemented, docs/fpu.md). */
    static int reserved(Cpu c, int w) {
        if (pebble.r5k.fpu.FpuOps.isFpuOpcode(w)) return pebble.r5k.fpu.FpuOps.reserved(c, w);
        return c.raise(ExcCode.RI);
    }

    /** COP2 and LWC2..SDC2: the R5000 has no coprocessor 2 (CpU while CU2 = 0, otherwise RI). */
    static int cop2(Cpu c, int w) {
        return (c.cp0.status & Cp0Reg.SR_CU2) == 0 ? c.raiseCpU(2) : c.raise(ExcCode.RI);
    }
}
