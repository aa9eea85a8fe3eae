package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * Multiply/divide unit results in HI/LO (MIPS IV MULT..DDIVU, MFHI..MTLO). Division by zero is
 * UNPREDICTABLE in the architecture; we leave HI and LO unchanged (documented in docs/cpu.md).
 * The timing of the unit (latency/repeat) is the timing model's business, not this class's.
 */
final class MulDivOps {
    private MulDivOps() {}

    static int mult(Cpu c, int w) { multOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]); return Cpu.OK; }
    static int multu(Cpu c, int w) { multuOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]); return Cpu.OK; }
    static int div(Cpu c, int w) { divOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]); return Cpu.OK; }
    static int divu(Cpu c, int w) { divuOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]); return Cpu.OK; }

    static int dmult(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        dmultOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int dmultu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        dmultuOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int ddiv(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        ddivOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]);
        return Cpu.OK;
    }

    static int ddivu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        ddivuOperands(c, c.gpr[rs(w)], c.gpr[rt(w)]);
        return Cpu.OK;
    }

    // The unit's results from the operand values (rs, rt): shared with translated regions, which hold the
    // operands in JVM locals (RegionEmitter calls these by the op's name + "Operands").

    static void multOperands(Cpu c, long rs, long rt) {
        long p = (long) (int) rs * (long) (int) rt;
        c.lo = (int) p;
        c.hi = (int) (p >> 32);
    }

    static void multuOperands(Cpu c, long rs, long rt) {
        long p = (rs & 0xFFFFFFFFL) * (rt & 0xFFFFFFFFL);
        c.lo = (int) p;
        c.hi = (int) (p >>> 32);
    }

    static void divOperands(Cpu c, long rs, long rt) {
        int a = (int) rs, b = (int) rt;
        if (b == 0) return;
        c.lo = a / b; // MIN_VALUE / -1 gives MIN_VALUE, remainder 0, as the hardware does
        c.hi = a % b;
    }

    static void divuOperands(Cpu c, long rs, long rt) {
        int a = (int) rs, b = (int) rt;
        if (b == 0) return;
        c.lo = Integer.divideUnsigned(a, b);
        c.hi = Integer.remainderUnsigned(a, b);
    }

    static void dmultOperands(Cpu c, long a, long b) {
        c.lo = a * b;
        c.hi = Math.multiplyHigh(a, b);
    }

    static void dmultuOperands(Cpu c, long a, long b) {
        c.lo = a * b;
        // Unsigned high half from the signed one: add b when a < 0 and a when b < 0.
        c.hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    static void ddivOperands(Cpu c, long a, long b) {
        if (b == 0) return;
        c.lo = a / b;
        c.hi = a % b;
    }

    static void ddivuOperands(Cpu c, long a, long b) {
        if (b == 0) return;
        c.lo = Long.divideUnsigned(a, b);
        c.hi = Long.remainderUnsigned(a, b);
    }

    static int mfhi(Cpu c, int w) { if (rd(w) != 0) c.gpr[rd(w)] = c.hi; return Cpu.OK; }
    static int mflo(Cpu c, int w) { if (rd(w) != 0) c.gpr[rd(w)] = c.lo; return Cpu.OK; }
    static int mthi(Cpu c, int w) { c.hi = c.gpr[rs(w)]; return Cpu.OK; }
    static int mtlo(Cpu c, int w) { c.lo = c.gpr[rs(w)]; return Cpu.OK; }
}
