package pebble.r5k.mem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The RAM array allocated ahead on another thread (PhysicalMemory.allocateAhead): one machine gets it, zeroed. */
class PhysicalMemoryAheadTest {
    @Test
    void theArrayAllocatedAheadGoesToOneMemoryOfItsSizeOnly() {
        PhysicalMemory.allocateAhead(1L << 20);
        PhysicalMemory other = new PhysicalMemory(2L << 20, true); // another size: allocated as before
        PhysicalMemory first = new PhysicalMemory(1L << 20, true);
        PhysicalMemory second = new PhysicalMemory(1L << 20, false);
        assertEquals(1 << 18, first.words.length);
        assertEquals(1 << 18, second.words.length);
        assertEquals(1 << 19, other.words.length);
        assertNotSame(first.words, second.words, "two machines must never share their RAM");
        first.write32(0x100, 0xDEADBEEF);
        assertEquals(0, second.read32(0x100));
        for (int w : first.words) if (w != 0 && w != 0xDEADBEEF) fail("not zeroed");
    }

    @Test
    void onlyOneArrayIsAllocatedAheadAtATime() {
        PhysicalMemory.allocateAhead(1L << 20);
        PhysicalMemory.allocateAhead(1L << 20); // ignored: one is already on its way
        PhysicalMemory a = new PhysicalMemory(1L << 20, true);
        PhysicalMemory b = new PhysicalMemory(1L << 20, true);
        assertNotSame(a.words, b.words);
    }
}
