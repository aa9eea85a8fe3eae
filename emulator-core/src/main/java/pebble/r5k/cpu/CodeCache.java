package pebble.r5k.cpu;

import pebble.r5k.isa.Op;
import pebble.r5k.mem.PhysicalMemory;

/**
 * Predecoded instructions per physical 4 KB page of RAM: an {@code Op[1024]} filled lazily as words are
 * fetched. A store to a word of a page that has predecoded code drops that word's entry, so
 * self-modifying code is seen at once (the cache model may later make stale code visible, as the
 * hardware does; this cache itself never hides a store).
 */
final class CodeCache implements CodeInvalidator {
    private final Op[][] pages;

    CodeCache(PhysicalMemory ram) {
        pages = new Op[(int) (ram.sizeBytes >>> 12)][];
    }

    Op[] page(long pa) {
        int p = (int) (pa >>> 12);
        Op[] ops = pages[p];
        if (ops == null) {
            ops = new Op[1024];
            pages[p] = ops;
        }
        return ops;
    }

    @Override
    public void stored(long pa) {
        Op[] ops = pages[(int) (pa >>> 12)];
        if (ops != null) ops[(int) (pa >>> 2) & 1023] = null;
    }
}
