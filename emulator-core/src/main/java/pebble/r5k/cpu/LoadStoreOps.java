package pebble.r5k.cpu;

import static pebble.r5k.isa.Fields.*;

/**
 * Loads and stores of every width (MIPS IV LB..SD, LWL/LWR/SWL/SWR, LDL/LDR/SDL/SDR, LL/SC/LLD/SCD).
 * The unaligned forms are written once for big-endian byte numbering; little-endian flips the byte
 * offset inside the word (b -> 3 - b, or 7 - b for doublewords), which is exactly how the two
 * endiannesses mirror each other.
 */
final class LoadStoreOps {
    private LoadStoreOps() {}

    private static long ea(Cpu c, int w) {
        return c.gpr[rs(w)] + simm(w);
    }

    private static int put(Cpu c, int w, long v) {
        if (c.memFault) return Cpu.TRAPPED;
        int r = rt(w);
        if (r != 0) c.gpr[r] = v;
        return Cpu.OK;
    }

    static int lb(Cpu c, int w) { int v = c.load8(ea(c, w)); return put(c, w, (byte) v); }
    static int lbu(Cpu c, int w) { int v = c.load8(ea(c, w)); return put(c, w, v & 0xFF); }
    static int lh(Cpu c, int w) { int v = c.load16(ea(c, w)); return put(c, w, (short) v); }
    static int lhu(Cpu c, int w) { int v = c.load16(ea(c, w)); return put(c, w, v & 0xFFFF); }
    static int lw(Cpu c, int w) { int v = c.load32(ea(c, w)); return put(c, w, v); }

    static int lwu(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        int v = c.load32(ea(c, w));
        return put(c, w, v & 0xFFFFFFFFL);
    }

    static int ld(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long v = c.load64(ea(c, w));
        return put(c, w, v);
    }

    static int sb(Cpu c, int w) { c.store8(ea(c, w), (int) c.gpr[rt(w)]); return c.memFault ? Cpu.TRAPPED : Cpu.OK; }
    static int sh(Cpu c, int w) { c.store16(ea(c, w), (int) c.gpr[rt(w)]); return c.memFault ? Cpu.TRAPPED : Cpu.OK; }
    static int sw(Cpu c, int w) { c.store32(ea(c, w), (int) c.gpr[rt(w)]); return c.memFault ? Cpu.TRAPPED : Cpu.OK; }

    static int sd(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        c.store64(ea(c, w), c.gpr[rt(w)]);
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    /** Big-endian byte number of {@code va} inside its word. */
    private static int beByte32(Cpu c, long va) {
        int b = (int) va & 3;
        return c.bigEndian ? b : 3 - b;
    }

    private static int beByte64(Cpu c, long va) {
        int b = (int) va & 7;
        return c.bigEndian ? b : 7 - b;
    }

    /** LWL: the bytes from va to the end of its word go to the most significant end of rt. */
    static int lwl(Cpu c, int w) {
        long va = ea(c, w);
        int mem = c.load32Aligned(va);
        if (c.memFault) return Cpu.TRAPPED;
        int b = beByte32(c, va), shift = 8 * b;
        int keep = b == 0 ? 0 : (1 << shift) - 1;
        return put(c, w, (mem << shift) | ((int) c.gpr[rt(w)] & keep));
    }

    /** LWR: the bytes from the start of the word to va go to the least significant end of rt. */
    static int lwr(Cpu c, int w) {
        long va = ea(c, w);
        int mem = c.load32Aligned(va);
        if (c.memFault) return Cpu.TRAPPED;
        int shift = 8 * (3 - beByte32(c, va));
        int loaded = -1 >>> shift;
        return put(c, w, (mem >>> shift) | ((int) c.gpr[rt(w)] & ~loaded));
    }

    static int swl(Cpu c, int w) {
        long va = ea(c, w);
        int shift = 8 * beByte32(c, va);
        c.mergeStore32(va, (int) c.gpr[rt(w)] >>> shift, -1 >>> shift);
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    static int swr(Cpu c, int w) {
        long va = ea(c, w);
        int shift = 8 * (3 - beByte32(c, va));
        c.mergeStore32(va, (int) c.gpr[rt(w)] << shift, -1 << shift);
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    static int ldl(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        long mem = c.load64Aligned(va);
        if (c.memFault) return Cpu.TRAPPED;
        int shift = 8 * beByte64(c, va);
        long keep = shift == 0 ? 0 : (1L << shift) - 1;
        return put(c, w, (mem << shift) | (c.gpr[rt(w)] & keep));
    }

    static int ldr(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        long mem = c.load64Aligned(va);
        if (c.memFault) return Cpu.TRAPPED;
        int shift = 8 * (7 - beByte64(c, va));
        long loaded = -1L >>> shift;
        return put(c, w, (mem >>> shift) | (c.gpr[rt(w)] & ~loaded));
    }

    static int sdl(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        int shift = 8 * beByte64(c, va);
        c.mergeStore64(va, c.gpr[rt(w)] >>> shift, -1L >>> shift);
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    static int sdr(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        int shift = 8 * (7 - beByte64(c, va));
        c.mergeStore64(va, c.gpr[rt(w)] << shift, -1L << shift);
        return c.memFault ? Cpu.TRAPPED : Cpu.OK;
    }

    /** LL: load and set LLbit; LLAddr holds PA[35:4] (R4000-family CP0 LLAddr). */
    static int ll(Cpu c, int w) {
        long va = ea(c, w);
        int v = c.load32(va);
        if (c.memFault) return Cpu.TRAPPED;
        c.llBit = true;
        c.cp0.llAddr = c.physicalAddressOf(va) >>> 4;
        return put(c, w, v);
    }

    static int lld(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        long v = c.load64(va);
        if (c.memFault) return Cpu.TRAPPED;
        c.llBit = true;
        c.cp0.llAddr = c.physicalAddressOf(va) >>> 4;
        return put(c, w, v);
    }

    /** SC: stores only while LLbit is set (cleared by ERET); rt gets 1 on success, 0 on failure. */
    static int sc(Cpu c, int w) {
        long va = ea(c, w);
        if ((va & 3) != 0) return c.raiseAddressError(va, true);
        if (c.llBit) {
            c.store32(va, (int) c.gpr[rt(w)]);
            if (c.memFault) return Cpu.TRAPPED;
        }
        return put(c, w, c.llBit ? 1 : 0);
    }

    static int scd(Cpu c, int w) {
        if (!c.op64Allowed()) return c.raise(ExcCode.RI);
        long va = ea(c, w);
        if ((va & 7) != 0) return c.raiseAddressError(va, true);
        if (c.llBit) {
            c.store64(va, c.gpr[rt(w)]);
            if (c.memFault) return Cpu.TRAPPED;
        }
        return put(c, w, c.llBit ? 1 : 0);
    }
}
