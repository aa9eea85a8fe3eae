package pebble.r5k.cache;

/**
 * The R5000's secondary cache as seen by timing (hardware reference §2.2): unified, direct-mapped, 32-byte
 * lines, physically indexed and tagged, block write-through, caching only write-back pages, enabled by
 * Config.SE. It holds tags only: behind a write-through cache memory is always current, so the data is
 * never needed; a hit only makes an L1 refill faster. Writes do not allocate [U].
 */
public final class L2Tags {
    public static final int LINE_BYTES = 32;
    /** Lines per Page_Invalidate_S: 128 × 32 B = 4 KB (NetBSD R5K_SC_PAGESIZE; §2.2). */
    public static final int PAGE_LINES = 128;

    private final long[] tags;
    private final int mask;
    public long hits, misses;

    public L2Tags(int sizeBytes) {
        if (Integer.bitCount(sizeBytes) != 1 || sizeBytes < LINE_BYTES * PAGE_LINES) {
            throw new IllegalArgumentException("L2 size must be a power of two of at least 4 KB: " + sizeBytes);
        }
        tags = new long[sizeBytes / LINE_BYTES];
        mask = tags.length - 1;
        java.util.Arrays.fill(tags, L1Cache.INVALID);
    }

    /** An L1 refill of {@code pa}: true on a hit; a miss allocates the line. */
    public boolean refill(long pa) {
        long key = pa >>> 5;
        int i = (int) key & mask;
        if (tags[i] == key) {
            hits++;
            return true;
        }
        tags[i] = key;
        misses++;
        return false;
    }

    /** Whether {@code pa} is present (no side effects). */
    public boolean contains(long pa) {
        long key = pa >>> 5;
        return tags[(int) key & mask] == key;
    }

    /**
     * Page_Invalidate_S (CACHE 0x17): invalidates the 128 lines indexed by the 4 KB page of {@code pa},
     * whatever their tags (the op clears index positions; §2.2).
     */
    public void invalidatePage(long pa) {
        int first = (int) (pa >>> 5) & mask & ~(PAGE_LINES - 1);
        java.util.Arrays.fill(tags, first, first + PAGE_LINES, L1Cache.INVALID);
    }

    public void invalidateAll() {
        java.util.Arrays.fill(tags, L1Cache.INVALID);
    }
}
