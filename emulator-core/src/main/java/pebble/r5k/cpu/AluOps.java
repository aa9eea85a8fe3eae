package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * Integer arithmetic and logic (MIPS IV ISA §3 "CPU instruction set": ADD..NOR, SLT*, LUI, the D* forms and
 * MOVN/MOVZ). 32-bit operations use the low word of their operands and sign-extend the result into the
 * 64-bit register; overflow-trapping forms raise Ov and leave the destination unchanged.
 */
final class AluOps {
    private AluOps() {}

    private static void set(Cpu c, int r, long v) {
        if (r != 0) c.gpr[r] = v;
    }

    static int add(Cpu c, int w) {
        int a = (int) c.gpr[rs(w)], b = (int) c.gpr[rt(w)], r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rd(w), r);
        return Cpu.OK;
    }

    static int addu(Cpu c, int w) {
        set(c, rd(w), (int) c.gpr[rs(w)] + (int) c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int sub(Cpu c, int w) {
        int a = (int) c.gpr[rs(w)], b = (int) c.gpr[rt(w)], r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rd(w), r);
        return Cpu.OK;
    }

    static int subu(Cpu c, int w) {
        set(c, rd(w), (int) c.gpr[rs(w)] - (int) c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int addi(Cpu c, int w) {
        int a = (int) c.gpr[rs(w)], b = simm(w), r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rt(w), r);
        return Cpu.OK;
    }

    static int addiu(Cpu c, int w) {
        set(c, rt(w), (int) c.gpr[rs(w)] + simm(w));
        return Cpu.OK;
    }

    static int dadd(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)], r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rd(w), r);
        return Cpu.OK;
    }

    static int daddu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        set(c, rd(w), c.gpr[rs(w)] + c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int dsub(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)], r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rd(w), r);
        return Cpu.OK;
    }

    static int dsubu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        set(c, rd(w), c.gpr[rs(w)] - c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int daddi(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = simm(w), r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) return c.raise(ExcCode.OV);
        set(c, rt(w), r);
        return Cpu.OK;
    }

    static int daddiu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        set(c, rt(w), c.gpr[rs(w)] + simm(w));
        return Cpu.OK;
    }

    static int slt(Cpu c, int w) {
        set(c, rd(w), c.gpr[rs(w)] < c.gpr[rt(w)] ? 1 : 0);
        return Cpu.OK;
    }

    static int sltu(Cpu c, int w) {
        set(c, rd(w), Long.compareUnsigned(c.gpr[rs(w)], c.gpr[rt(w)]) < 0 ? 1 : 0);
        return Cpu.OK;
    }

    static int slti(Cpu c, int w) {
        set(c, rt(w), c.gpr[rs(w)] < simm(w) ? 1 : 0);
        return Cpu.OK;
    }

    /** The immediate is sign-extended, then compared unsigned (MIPS IV SLTIU). */
    static int sltiu(Cpu c, int w) {
        set(c, rt(w), Long.compareUnsigned(c.gpr[rs(w)], simm(w)) < 0 ? 1 : 0);
        return Cpu.OK;
    }

    static int and(Cpu c, int w) {
        set(c, rd(w), c.gpr[rs(w)] & c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int or(Cpu c, int w) {
        set(c, rd(w), c.gpr[rs(w)] | c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int xor(Cpu c, int w) {
        set(c, rd(w), c.gpr[rs(w)] ^ c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int nor(Cpu c, int w) {
        set(c, rd(w), ~(c.gpr[rs(w)] | c.gpr[rt(w)]));
        return Cpu.OK;
    }

    static int andi(Cpu c, int w) {
        set(c, rt(w), c.gpr[rs(w)] & uimm(w));
        return Cpu.OK;
    }

    static int ori(Cpu c, int w) {
        set(c, rt(w), c.gpr[rs(w)] | uimm(w));
        return Cpu.OK;
    }

    static int xori(Cpu c, int w) {
        set(c, rt(w), c.gpr[rs(w)] ^ uimm(w));
        return Cpu.OK;
    }

    static int lui(Cpu c, int w) {
        set(c, rt(w), uimm(w) << 16); // int shift: sign-extends into the 64-bit register
        return Cpu.OK;
    }

    static int movz(Cpu c, int w) {
        if (c.gpr[rt(w)] == 0) set(c, rd(w), c.gpr[rs(w)]);
        return Cpu.OK;
    }

    static int movn(Cpu c, int w) {
        if (c.gpr[rt(w)] != 0) set(c, rd(w), c.gpr[rs(w)]);
        return Cpu.OK;
    }
}
