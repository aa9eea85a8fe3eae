package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * Multiply/divide unit results in HI/LO (MIPS IV MULT..DDIVU, MFHI..MTLO). Division by zero is
 * UNPREDICTABLE in the architecture; we leave HI and LO unchanged (documented in docs/cpu.md).
 * The timing of the unit (latency/repeat) is the timing model's business, not this class's.
 */
final class MulDivOps {
    private MulDivOps() {}

    static int mult(Cpu c, int w) {
        long p = (long) (int) c.gpr[rs(w)] * (long) (int) c.gpr[rt(w)];
        c.lo = (int) p;
        c.hi = (int) (p >> 32);
        return Cpu.OK;
    }

    static int multu(Cpu c, int w) {
        long p = (c.gpr[rs(w)] & 0xFFFFFFFFL) * (c.gpr[rt(w)] & 0xFFFFFFFFL);
        c.lo = (int) p;
        c.hi = (int) (p >>> 32);
        return Cpu.OK;
    }

    static int div(Cpu c, int w) {
        int a = (int) c.gpr[rs(w)], b = (int) c.gpr[rt(w)];
        if (b == 0) return Cpu.OK;
        c.lo = a / b; // MIN_VALUE / -1 gives MIN_VALUE, remainder 0, as the hardware does
        c.hi = a % b;
        return Cpu.OK;
    }

    static int divu(Cpu c, int w) {
        int a = (int) c.gpr[rs(w)], b = (int) c.gpr[rt(w)];
        if (b == 0) return Cpu.OK;
        c.lo = Integer.divideUnsigned(a, b);
        c.hi = Integer.remainderUnsigned(a, b);
        return Cpu.OK;
    }

    static int dmult(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)];
        c.lo = a * b;
        c.hi = Math.multiplyHigh(a, b);
        return Cpu.OK;
    }

    static int dmultu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)];
        c.lo = a * b;
        // Unsigned high half from the signed one: add b when a < 0 and a when b < 0.
        c.hi = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return Cpu.OK;
    }

    static int ddiv(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)];
        if (b == 0) return Cpu.OK;
        c.lo = a / b;
        c.hi = a % b;
        return Cpu.OK;
    }

    static int ddivu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long a = c.gpr[rs(w)], b = c.gpr[rt(w)];
        if (b == 0) return Cpu.OK;
        c.lo = Long.divideUnsigned(a, b);
        c.hi = Long.remainderUnsigned(a, b);
        return Cpu.OK;
    }

    static int mfhi(Cpu c, int w) { if (rd(w) != 0) c.gpr[rd(w)] = c.hi; return Cpu.OK; }
    static int mflo(Cpu c, int w) { if (rd(w) != 0) c.gpr[rd(w)] = c.lo; return Cpu.OK; }
    static int mthi(Cpu c, int w) { c.hi = c.gpr[rs(w)]; return Cpu.OK; }
    static int mtlo(Cpu c, int w) { c.lo = c.gpr[rs(w)]; return Cpu.OK; }
}
