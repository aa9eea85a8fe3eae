package pebble.r5k.cache;

/**
 * Cache coherency attributes of a page: the TLB EntryLo C field, or Config.K0 for kseg0 (hardware
 * reference §2.1; RM5261 datasheet lists the four policies).
 */
public final class CacheAttr {
    private CacheAttr() {}

    /** Write-through without write-allocate [D/U]. */
    public static final int WT_NO_ALLOCATE = 0;
    /** Write-through with write-allocate [D/U]. */
    public static final int WT_ALLOCATE = 1;
    public static final int UNCACHED = 2;
    /** Cacheable noncoherent, write-back: the only attribute the L2 caches (§2.2). */
    public static final int WRITE_BACK = 3;

    /** Folds the codes the R5000 does not define (4..7, R4000 coherent modes) onto write-back [U]. */
    public static int normalize(int c) {
        c &= 7;
        return c > WRITE_BACK ? WRITE_BACK : c;
    }

    public static String name(int c) {
        switch (normalize(c)) {
            case WT_NO_ALLOCATE: return "write-through";
            case WT_ALLOCATE: return "write-through-allocate";
            case UNCACHED: return "uncached";
            default: return "write-back";
        }
    }
}
