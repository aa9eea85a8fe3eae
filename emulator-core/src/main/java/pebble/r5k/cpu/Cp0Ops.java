package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * CP0 moves, TLB instructions, ERET, WAIT, CACHE, SYNC and PREF (MIPS IV / R4000-family CP0;
 * hardware reference §3). All CP0 instructions need kernel mode or Status.CU0, otherwise CpU with CE = 0.
 */
final class Cp0Ops {
    private Cp0Ops() {}

    static int mfc0(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        long v = Cpu.sx32(c.cp0.read(rd(w)));
        if (rt(w) != 0) c.gpr[rt(w)] = v;
        return Cpu.OK;
    }

    static int dmfc0(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long v = c.cp0.read(rd(w));
        if (rt(w) != 0) c.gpr[rt(w)] = v;
        return Cpu.OK;
    }

    static int mtc0(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        c.cp0.write(rd(w), Cpu.sx32(c.gpr[rt(w)]));
        return Cpu.OK;
    }

    static int dmtc0(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        c.cp0.write(rd(w), c.gpr[rt(w)]);
        return Cpu.OK;
    }

    /** The Index register selects an entry; values >= 48 are undefined, we wrap them. */
    private static int indexed(Cpu c) {
        return (c.cp0.index & 0x3F) % Tlb.ENTRIES;
    }

    static int tlbr(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        int i = indexed(c);
        Cp0 p = c.cp0;
        p.pageMask = c.tlb.pageMask(i);
        p.entryHi = c.tlb.entryHi(i);
        p.entryLo0 = c.tlb.entryLo0(i);
        p.entryLo1 = c.tlb.entryLo1(i);
        c.mmu.asidChanged(); // EntryHi.ASID may have changed
        c.asidWritten();
        return Cpu.OK;
    }

    private static void writeEntry(Cpu c, int i) {
        Cp0 p = c.cp0;
        c.tlb.write(i, p.pageMask, p.entryHi, p.entryLo0, p.entryLo1);
        c.mmu.tlbWritten(i);
    }

    static int tlbwi(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        writeEntry(c, indexed(c));
        return Cpu.OK;
    }

    static int tlbwr(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        writeEntry(c, c.cp0.random());
        return Cpu.OK;
    }

    /** TLBP: Index = matching entry, or P (bit 31) set when there is none. */
    static int tlbp(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        long hi = c.cp0.entryHi;
        int i = c.tlb.lookup(hi & ~0x1FFFL, (int) hi & 0xFF);
        c.cp0.index = i < 0 ? 0x80000000 : i;
        return Cpu.OK;
    }

    static int eret(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        return c.eret();
    }

    /** WAIT: the pipeline stalls until an interrupt arrives (hardware reference §1.3); see Interpreter. */
    static int await(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        c.waiting = true;
        c.requestEventCheck();
        return Cpu.OK;
    }

    /** CACHE: privileged; the cache model (when enabled) performs the operation. */
    static int cache(Cpu c, int w) {
        if (!c.cp0Usable()) return c.raiseCpU(0);
        return c.cacheOp.perform(c, rt(w), c.gpr[rs(w)] + simm(w));
    }

    static int nop(Cpu c, int w) {
        return Cpu.OK;
    }
}
