package pebble.r5k.timeline;

import pebble.r5k.cache.L1Cache;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.cpu.Cpu;

/**
 * Reads a NUL-terminated guest string for the host, with no effect on the machine: no TLB refill, no cache
 * fill, no LRU or counter change, no cycle. The address is translated as the running code would see it
 * (kseg0/kseg1 unmapped, anything else through the TLB with the current ASID), and each byte is taken from
 * the L1 D-cache when a line holds it (it may be dirty there) and from RAM otherwise (the L2 holds tags only).
 */
final class GuestStrings {
    private GuestStrings() {}

    /** Longest name kept; longer ones are cut. */
    static final int MAX_CHARS = 63;

    /** The string at {@code va}, or null when its first byte cannot be read (unmapped, outside RAM). */
    static String read(Cpu cpu, MemorySystem mem, long va) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MAX_CHARS; i++) {
            int b = readByte(cpu, mem, va + i);
            if (b < 0) {
                if (i == 0) return null;
                break;
            }
            if (b == 0) break;
            s.append(b >= 0x20 && b < 0x7F ? (char) b : '?');
        }
        return s.toString();
    }

    /** One byte, or -1 when it cannot be read without a fault. */
    private static int readByte(Cpu cpu, MemorySystem mem, long va) {
        long pa = cpu.mmu.peek(va, false);
        if (pa < 0 || pa >= cpu.ram.sizeBytes) return -1;
        if (mem != null) {
            L1Cache d = mem.dcache;
            int line = d.findAnyColour(pa);
            if (line >= 0) return d.read8(line, pa);
        }
        return cpu.ram.read8(pa);
    }
}
