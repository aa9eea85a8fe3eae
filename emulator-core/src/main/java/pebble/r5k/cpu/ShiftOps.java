package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/** Shifts (MIPS IV SLL..SRAV, DSLL..DSRAV, DSLL32..DSRA32). 32-bit forms sign-extend their result. */
final class ShiftOps {
    private ShiftOps() {}

    private static void set(Cpu c, int r, long v) {
        if (r != 0) c.gpr[r] = v;
    }

    static int sll(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] << sa(w)); return Cpu.OK; }
    static int srl(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] >>> sa(w)); return Cpu.OK; }
    static int sra(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] >> sa(w)); return Cpu.OK; }
    static int sllv(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] << (c.gpr[rs(w)] & 31)); return Cpu.OK; }
    static int srlv(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] >>> (c.gpr[rs(w)] & 31)); return Cpu.OK; }
    static int srav(Cpu c, int w) { set(c, rd(w), (int) c.gpr[rt(w)] >> (c.gpr[rs(w)] & 31)); return Cpu.OK; }

    static int dsll(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] << sa(w)); }
    static int dsrl(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >>> sa(w)); }
    static int dsra(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >> sa(w)); }
    static int dsll32(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] << (sa(w) + 32)); }
    static int dsrl32(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >>> (sa(w) + 32)); }
    static int dsra32(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >> (sa(w) + 32)); }
    static int dsllv(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] << (c.gpr[rs(w)] & 63)); }
    static int dsrlv(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >>> (c.gpr[rs(w)] & 63)); }
    static int dsrav(Cpu c, int w) { return d(c, w, c.gpr[rt(w)] >> (c.gpr[rs(w)] & 63)); }

    /** 64-bit shifts are reserved in user/supervisor mode without UX/SX (MIPS III). */
    private static int d(Cpu c, int w, long v) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        set(c, rd(w), v);
        return Cpu.OK;
    }
}
