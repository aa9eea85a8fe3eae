package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Tlb#lookup} compares only the entries its buckets name; it must find exactly the entry a scan of all 48
 * in index order finds (the first match), whatever the page sizes, ASIDs, global bits and duplicates. The
 * reference scan here is the architectural rule (hardware reference §3.1), written from the entries as TLBR
 * reads them back.
 */
class TlbLookupTest {
    private static final int[] PAGE_MASKS = {0, 0, 0, 0x6000, 0x1E000, 0x7E000, 0x1FE000, 0x7FE000, 0x1FFE000};

    /** The first entry, in index order, that maps {@code va} under {@code asid}, or -1. */
    private static int scan(Tlb tlb, long va, int asid) {
        for (int i = 0; i < Tlb.ENTRIES; i++) {
            long mask = Tlb.compareMask(tlb.pageMask(i));
            boolean global = (tlb.entryLo0(i) & 1) != 0;
            int entryAsid = (int) tlb.entryHi(i) & 0xFF;
            if (((va ^ tlb.entryHi(i)) & mask) == 0 && (global || entryAsid == asid)) return i;
        }
        return -1;
    }

    @Test
    void lookupFindsTheFirstMatchingEntryAsAFullScanDoes() {
        SplittableRandom rnd = new SplittableRandom(18);
        int found = 0;
        for (int round = 0; round < 200; round++) {
            Tlb tlb = new Tlb();
            for (int k = 0; k < 400; k++) {
                // Few distinct pages, so entries overlap: duplicates, large pages over small ones, other ASIDs.
                long vpn = 0x10000000L + ((long) rnd.nextInt(96) << 13) + (rnd.nextInt(8) == 0 ? 0xFFFF_FFFF_8000_0000L : 0);
                long lo = (long) rnd.nextInt(1 << 20) << 6 | 2 | (rnd.nextInt(6) == 0 ? 1 : 0);
                tlb.write(rnd.nextInt(Tlb.ENTRIES), PAGE_MASKS[rnd.nextInt(PAGE_MASKS.length)], vpn | rnd.nextInt(4),
                        lo, lo | (rnd.nextBoolean() ? 1 : 0));
                for (int q = 0; q < 8; q++) {
                    long va = 0x10000000L + rnd.nextInt(96 << 13) + (rnd.nextInt(8) == 0 ? 0xFFFF_FFFF_8000_0000L : 0);
                    int asid = rnd.nextInt(4);
                    int expected = scan(tlb, va, asid);
                    assertEquals(expected, tlb.lookup(va, asid), "round " + round + " write " + k + " va " + Long.toHexString(va));
                    if (expected >= 0) found++;
                }
            }
        }
        assertEquals(true, found > 100_000, "lookups that found an entry: " + found);
    }
}
