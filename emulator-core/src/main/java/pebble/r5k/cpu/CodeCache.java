package pebble.r5k.cpu;

/**
 * Predecoded instructions per physical 4 KB page of RAM: a {@code long[1024]} of entries
 * {@code opOrdinal << 32 | word} (-1 = not decoded yet; one load gives the fetch both), filled lazily as
 * words are fetched. A store to a word of a page that has predecoded code drops that word's entry, so
 * self-modifying code is seen at once (the cache model may later make stale code visible, as the
 * hardware does; this cache itself never hides a store).
 */
final class CodeCache implements CodeInvalidator {
    private final long[][] pages;
    private final Cpu cpu;

    CodeCache(Cpu cpu) {
        this.cpu = cpu;
        pages = new long[(int) (cpu.ram.sizeBytes >>> 12)][];
    }

    long[] page(long pa) {
        int p = (int) (pa >>> 12);
        long[] ops = pages[p];
        if (ops == null) {
            ops = new long[1024];
            java.util.Arrays.fill(ops, -1L);
            pages[p] = ops;
            cpu.dropStoreFilter(); // stores to this page must now be told here (holdsCode)
        }
        return ops;
    }

    /** Only a page with predecoded words can hold code: translated regions come from such pages. */
    @Override
    public boolean holdsCode(long pa) {
        return pages[(int) (pa >>> 12)] != null;
    }

    /** This cache's invalidation, then {@code regions}' (functional translation); which pages hold code is ours. */
    CodeInvalidator with(RegionCache regions) {
        return new CodeInvalidator() {
            @Override
            public void stored(long pa) {
                CodeCache.this.stored(pa);
                regions.stored(pa);
            }

            @Override
            public boolean holdsCode(long pa) {
                return CodeCache.this.holdsCode(pa);
            }
        };
    }

    @Override
    public void stored(long pa) {
        long[] ops = pages[(int) (pa >>> 12)];
        if (ops != null) ops[(int) (pa >>> 2) & 1023] = -1L;
    }
}
