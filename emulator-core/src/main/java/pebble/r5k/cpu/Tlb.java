package pebble.r5k.cpu;

/**
 * The R5000 joint TLB: 48 entries, each mapping an even/odd page pair, fully associative, page sizes 4 KB
 * to 16 MB through PageMask, 8-bit ASIDs, G = EntryLo0.G AND EntryLo1.G (hardware reference §3.1).
 * Entries are stored as CP0 would read them back, plus a precomputed compare mask.
 */
public final class Tlb {
    /** Hardware reference §3.1: 48 entries (Linux cpu-probe.c, NetBSD cputab, RM5231 datasheet). */
    public static final int ENTRIES = 48;
    /** PageMask bits that exist (24:13) for 4K..16M pages. */
    public static final int PAGEMASK_BITS = 0x01FFE000;
    /** EntryLo bits that exist: PFN 29:6, C 5:3, D, V, G. */
    public static final long ENTRYLO_BITS = 0x3FFFFFFFL;

    final int[] pageMask = new int[ENTRIES];
    /** EntryHi VPN2 with R bits (63:62, 39:13) as written, ASID removed. */
    final long[] vpn2 = new long[ENTRIES];
    final int[] asid = new int[ENTRIES];
    final boolean[] global = new boolean[ENTRIES];
    final long[] lo0 = new long[ENTRIES];
    final long[] lo1 = new long[ENTRIES];
    /** Per entry: {@link #compareMask} of its PageMask, kept with it so a lookup does not recompute it. */
    private final long[] match = new long[ENTRIES];
    /**
     * Which entries a lookup has to compare, so that it does not scan all 48 (a kernel's refill path searches
     * the TLB at every miss of the micro-TLB: docs/translator.md, "The kernel path's fixed costs"). Per bucket
     * of VPN2 bits 13..18 ({@link #bucketOf}), a bit per entry of 4 KB pages whose VPN2 has those bits; an
     * entry of larger pages compares fewer bits, so it is in {@link #large} and compared at every lookup.
     * Candidates are tried in index order, so a lookup finds the entry the full scan found first.
     */
    private static final int BUCKETS = 64;
    private final long[] bucket = new long[BUCKETS];
    private long large;

    private static int bucketOf(long va) {
        return (int) (va >>> 13) & (BUCKETS - 1);
    }

    public Tlb() {
        // Start with entries that cannot match a 32-bit address (distinct VPN2s in xkseg), so a probe
        // never finds two hits. Real hardware leaves them undefined; the boot code is expected to init them.
        for (int i = 0; i < ENTRIES; i++) {
            vpn2[i] = 0xC000_00FF_0000_0000L + ((long) i << 13);
            match[i] = compareMask(0);
            index(i);
        }
    }

    /** Compare mask for entry i: the VPN2 bits that take part in matching. */
    static long compareMask(int pageMask) {
        return ~((long) pageMask | 0x1FFFL) & 0xC00000FFFFFFFFFFL;
    }

    /** Index of the entry matching va under asid, or -1. */
    public int lookup(long va, int curAsid) {
        for (long m = bucket[bucketOf(va)] | large; m != 0; m &= m - 1) {
            int i = Long.numberOfTrailingZeros(m);
            if (((va ^ vpn2[i]) & match[i]) == 0 && (global[i] || asid[i] == curAsid)) return i;
        }
        return -1;
    }

    /** Entry i joins the candidates for its VPN2 (see {@link #bucket}); {@link #unindex} takes it out. */
    private void index(int i) {
        if (pageMask[i] == 0) bucket[bucketOf(vpn2[i])] |= 1L << i; else large |= 1L << i;
    }

    private void unindex(int i) {
        bucket[bucketOf(vpn2[i])] &= ~(1L << i);
        large &= ~(1L << i);
    }

    /** Whether entry i covers the address {@code va} under some ASID (VPN2 and page size only). */
    boolean coversPage(int i, long va) {
        return ((va ^ vpn2[i]) & match[i]) == 0;
    }

    /** Whether an entry other than i covers {@code va} under some ASID (a lookup could find it first). */
    boolean othersCover(int i, long va) {
        for (int k = 0; k < ENTRIES; k++) if (k != i && coversPage(k, va)) return true;
        return false;
    }

    /** The EntryLo (even or odd) that va selects inside entry i. */
    public long entryLoFor(int i, long va) {
        long oddBit = ((long) pageMask[i] | 0x1FFFL) + 1 >>> 1;
        return (va & oddBit) == 0 ? lo0[i] : lo1[i];
    }

    /** Byte offset mask inside one page of entry i. */
    public long offsetMask(int i) {
        return (((long) pageMask[i] | 0x1FFFL) + 1 >>> 1) - 1;
    }

    /** Physical address of {@code va} through entry {@code i}, whose half for va is {@code lo} ({@link #entryLoFor}): its PFN plus the page offset. */
    public long physical(int i, long va, long lo) {
        long off = offsetMask(i);
        return (((lo >>> 6) & 0xFFFFFFL) << 12) & ~off | (va & off);
    }

    public void write(int i, int pm, long entryHi, long entryLo0, long entryLo1) {
        unindex(i);
        pageMask[i] = pm & PAGEMASK_BITS;
        match[i] = compareMask(pageMask[i]);
        vpn2[i] = entryHi & match[i] & ~0xFFL;
        asid[i] = (int) entryHi & 0xFF;
        global[i] = (entryLo0 & entryLo1 & 1) != 0;
        // The G bit is stored once; both halves read it back (MIPS III TLBR).
        lo0[i] = entryLo0 & ENTRYLO_BITS & ~1L;
        lo1[i] = entryLo1 & ENTRYLO_BITS & ~1L;
        index(i);
    }

    public int pageMask(int i) { return pageMask[i]; }
    public long entryHi(int i) { return vpn2[i] | asid[i]; }
    public long entryLo0(int i) { return lo0[i] | (global[i] ? 1 : 0); }
    public long entryLo1(int i) { return lo1[i] | (global[i] ? 1 : 0); }
}
