package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * Branches and jumps (MIPS IV B*, J, JAL, JR, JALR). All have one delay slot; branch-likely forms annul
 * it when not taken. Link registers get the address after the delay slot, also when not taken.
 */
final class BranchOps {
    private BranchOps() {}

    private static long target(Cpu c, int w) {
        return c.pc + 4 + ((long) simm(w) << 2);
    }

    private static int cond(Cpu c, int w, boolean taken) {
        if (taken) c.branchTo(target(c, w)); else c.branchNotTaken();
        return Cpu.OK;
    }

    private static int likely(Cpu c, int w, boolean taken) {
        if (taken) c.branchTo(target(c, w)); else c.annulDelaySlot();
        return Cpu.OK;
    }

    private static void link(Cpu c) {
        c.gpr[31] = c.pc + 8;
    }

    static int beq(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] == c.gpr[rt(w)]); }
    static int bne(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] != c.gpr[rt(w)]); }
    static int blez(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] <= 0); }
    static int bgtz(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] > 0); }
    static int bltz(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] < 0); }
    static int bgez(Cpu c, int w) { return cond(c, w, c.gpr[rs(w)] >= 0); }
    static int beql(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] == c.gpr[rt(w)]); }
    static int bnel(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] != c.gpr[rt(w)]); }
    static int blezl(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] <= 0); }
    static int bgtzl(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] > 0); }
    static int bltzl(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] < 0); }
    static int bgezl(Cpu c, int w) { return likely(c, w, c.gpr[rs(w)] >= 0); }

    static int bltzal(Cpu c, int w) { boolean t = c.gpr[rs(w)] < 0; link(c); return cond(c, w, t); }
    static int bgezal(Cpu c, int w) { boolean t = c.gpr[rs(w)] >= 0; link(c); return cond(c, w, t); }
    static int bltzall(Cpu c, int w) { boolean t = c.gpr[rs(w)] < 0; link(c); return likely(c, w, t); }
    static int bgezall(Cpu c, int w) { boolean t = c.gpr[rs(w)] >= 0; link(c); return likely(c, w, t); }

    /** J/JAL: the target keeps the upper bits of the delay-slot address (the 256 MB region). */
    static int j(Cpu c, int w) {
        c.branchTo(((c.pc + 4) & ~0x0FFFFFFFL) | ((long) target26(w) << 2));
        return Cpu.OK;
    }

    static int jal(Cpu c, int w) {
        link(c);
        return j(c, w);
    }

    static int jr(Cpu c, int w) {
        c.branchTo(c.gpr[rs(w)]);
        return Cpu.OK;
    }

    static int jalr(Cpu c, int w) {
        long target = c.gpr[rs(w)]; // read before the link write: rd may equal rs
        if (rd(w) != 0) c.gpr[rd(w)] = c.pc + 8;
        c.branchTo(target);
        return Cpu.OK;
    }
}
