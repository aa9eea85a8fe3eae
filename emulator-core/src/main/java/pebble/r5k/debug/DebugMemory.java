package pebble.r5k.debug;

import pebble.r5k.cache.L1Cache;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.mem.PhysicalMemory;

/**
 * The debugger's view of guest memory: virtual addresses through the current translation, with no side
 * effect on the run: {@link pebble.r5k.cpu.Mmu#peek}, not the guest's translation, which on a miss enters an
 * exception, counts a TLB refill and fills the micro-TLB. Here a miss is just "no such address" (the stub
 * answers E01).
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

    /** The byte at {@code va}, or -1 when it cannot be read. */
    int read8(long va) {
        long pa = cpu.mmu.peek(va, false);
        if (pa < 0 || pa >= ram.sizeBytes) return -1;
        MemorySystem m = cpu.memSys;
        if (m != null) {
            int line = m.dcache.find(va, pa);
            if (line >= 0) return m.dcache.read8(line, pa);
        }
        return ram.read8(pa);
    }

    /** The RAM address a debugger store to {@code va} would write, or -1 when it cannot be written. */
    long writableAddress(long va) {
        long pa = cpu.mmu.peek(va, true);
        return pa < ram.sizeBytes ? pa : -1;
    }

    /** Writes the byte at {@code va}; false when it cannot be written. */
    boolean write8(long va, int v) {
        long pa = writableAddress(va);
        if (pa < 0) return false;
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
