package pebble.r5k.debug;

import pebble.r5k.cache.L1Cache;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.Tlb;
import pebble.r5k.mem.PhysicalMemory;

/**
 * The debugger's view of guest memory: virtual addresses through the current translation, with no side
 * effect on the run. The translation is done here, not by {@link pebble.r5k.cpu.Mmu}, because the MMU's
 * is the guest's: a miss enters an exception, counts a TLB refill and fills the micro-TLB. Here a miss is
 * just "no such address" (the stub answers E01).
 *
 * <p>The debugger has kernel privilege: kseg0 and kseg1 are reachable whatever mode the CPU is in, so a user
 * domain stopped in gdb can still show the nucleus's memory; kuseg, ksseg and kseg3 go through the TLB with
 * the current ASID (EntryHi), kuseg unmapped while ERL is set (MIPS III). Only RAM is reachable: a device
 * register read can change device state (the UART's receive FIFO), so the board's devices and the boot ROM
 * read as errors.
 *
 * <p>With the timing model on, the data caches hold data (docs/caches.md): a byte whose line is in the
 * D-cache is read from and written to the line, without touching LRU, hit counters or dirty bits; a write
 * also goes to RAM, so it survives the line's eviction. The I-cache keeps the code it holds, as on the chip,
 * until its line is refilled; the functional fetch caches and translated regions are told (CodeInvalidator).
 */
final class DebugMemory {
    private final Cpu cpu;
    private final PhysicalMemory ram;

    DebugMemory(Cpu cpu) {
        this.cpu = cpu;
        this.ram = cpu.ram;
    }

    /** The physical address of {@code va} as the CPU would translate it now, or -1; changes nothing. */
    long translate(long va, boolean store) {
        if ((int) va != va) return -1; // only 32-bit addressing is modelled (KX = SX = UX = 0)
        int a = (int) va;
        if (a >= 0 && (cpu.cp0.status & Cp0Reg.SR_ERL) != 0) return a;
        int seg = a >>> 29;
        if (seg == 4 || seg == 5) return a & 0x1FFFFFFFL; // kseg0, kseg1
        Tlb tlb = cpu.tlb;
        int i = tlb.lookup(va, (int) cpu.cp0.entryHi & 0xFF);
        if (i < 0) return -1;
        long lo = tlb.entryLoFor(i, va);
        if ((lo & 2) == 0 || (store && (lo & 4) == 0)) return -1; // V = 0; D = 0 for a store
        long off = tlb.offsetMask(i);
        return (((lo >>> 6) & 0xFFFFFFL) << 12) & ~off | (va & off);
    }

    /** The byte at {@code va}, or -1 when it cannot be read. */
    int read8(long va) {
        long pa = translate(va, false);
        if (pa < 0 || pa >= ram.sizeBytes) return -1;
        MemorySystem m = cpu.memSys;
        if (m != null) {
            int line = m.dcache.find(va, pa);
            if (line >= 0) return m.dcache.read8(line, pa);
        }
        return ram.read8(pa);
    }

    /** Writes the byte at {@code va}; false when it cannot be written. */
    boolean write8(long va, int v) {
        long pa = translate(va, true);
        if (pa < 0 || pa >= ram.sizeBytes) return false;
        MemorySystem m = cpu.memSys;
        if (m != null) {
            L1Cache d = m.dcache;
            int line = d.find(va, pa);
            if (line >= 0) d.write8(line, pa, v, false);
        }
        ram.write8(pa, v);
        cpu.codeInvalidator.stored(pa & ~3L);
        return true;
    }

    /** The 32-bit word at an aligned {@code va} as a load returns it, or null when it cannot be read. */
    Integer read32(long va) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            int b = read8(va + i);
            if (b < 0) return null;
            w = cpu.bigEndian ? (w << 8) | b : w | b << (8 * i);
        }
        return w;
    }
}
