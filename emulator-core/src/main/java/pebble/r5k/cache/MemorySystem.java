package pebble.r5k.cache;

import pebble.r5k.mem.PhysicalMemory;
import pebble.r5k.timing.Scoreboard;
import pebble.r5k.timing.TimingTable;

/**
 * The R5000 memory hierarchy for RAM addresses: L1 I and D ({@link L1Cache}), the tags-only L2
 * ({@link L2Tags}), the SysAD write buffer (in {@link Scoreboard}) and RAM, with the per-page policy of
 * hardware reference §2.1/§2.2. Accesses return data; their extra cycles accumulate in {@link #stall},
 * which the interpreter adds to the cycle counter and clears. {@code now} is the cycle at which the
 * access starts (stalls already charged in this access are added internally).
 *
 * <p>Only RAM is cacheable here: the caller sends device addresses to the bus and charges
 * {@link #deviceRead}/{@link #deviceWrite}. Stall attribution: {@link #iMissStalls}/{@link #dMissStalls}
 * are refills served by L2 or (with L2 off or not applicable) by memory; {@link #l2MissStalls} are
 * refills that missed an enabled L2; {@link #writebackStalls} are dirty-line write-backs;
 * {@link #uncachedStalls} are uncached round trips and write-buffer waits.
 */
public final class MemorySystem {
    public final L1Cache icache, dcache;
    public final L2Tags l2;
    public final Scoreboard sb;
    public final TimingTable t;
    public final PhysicalMemory ram;
    /** Config.SE (§2.2): the L2 is used only when set. */
    public boolean l2Enabled;
    /** Optional {@code --check-coherence} diagnostics; null when off. */
    public CoherenceChecker checker;

    /** Extra cycles of the accesses since the caller last cleared it. */
    public long stall;
    public long iMissStalls, dMissStalls, l2MissStalls, writebackStalls, uncachedStalls;

    public MemorySystem(TimingTable t, PhysicalMemory ram, Scoreboard sb) {
        this.t = t;
        this.ram = ram;
        this.sb = sb;
        this.icache = new L1Cache("L1I", t.l1iSizeBytes, ram, true);
        this.dcache = new L1Cache("L1D", t.l1dSizeBytes, ram, false);
        this.l2 = new L2Tags(t.l2SizeBytes);
    }

    // ------------------------------------------------------------------ loads

    public int load32(long va, long pa, int cca, long now) {
        if (cca != CacheAttr.UNCACHED) {
            int line = dLine(va, pa, cca, now, false);
            return dcache.read32(line, pa);
        }
        uncachedRead(va, pa, now);
        return ram.read32(pa);
    }

    public int load16(long va, long pa, int cca, long now) {
        if (cca != CacheAttr.UNCACHED) {
            int line = dLine(va, pa, cca, now, false);
            return dcache.read16(line, pa);
        }
        uncachedRead(va, pa, now);
        return ram.read16(pa);
    }

    public int load8(long va, long pa, int cca, long now) {
        if (cca != CacheAttr.UNCACHED) {
            int line = dLine(va, pa, cca, now, false);
            return dcache.read8(line, pa);
        }
        uncachedRead(va, pa, now);
        return ram.read8(pa);
    }

    public long load64(long va, long pa, int cca, long now) {
        if (cca != CacheAttr.UNCACHED) {
            int line = dLine(va, pa, cca, now, false);
            return dcache.read64(line, pa);
        }
        uncachedRead(va, pa, now);
        return ram.read64(pa);
    }

    // ------------------------------------------------------------------ stores

    public void store32(long va, long pa, int cca, int v, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write32(line, pa, v, true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        if (line >= 0) dcache.write32(line, pa, v, false);
        ram.write32(pa, v);
    }

    public void store16(long va, long pa, int cca, int v, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write16(line, pa, v, true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        if (line >= 0) dcache.write16(line, pa, v, false);
        ram.write16(pa, v);
    }

    public void store8(long va, long pa, int cca, int v, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write8(line, pa, v, true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        if (line >= 0) dcache.write8(line, pa, v, false);
        ram.write8(pa, v);
    }

    public void store64(long va, long pa, int cca, long v, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write64(line, pa, v, true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        if (line >= 0) dcache.write64(line, pa, v, false);
        ram.write64(pa, v);
    }

    /**
     * A partial-word store (SWL/SWR): replaces the bits of the word at {@code pa} selected by {@code mask}.
     * One access of the hierarchy, so it counts as one hit or miss.
     */
    public void merge32(long va, long pa, int cca, int v, int mask, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write32(line, pa, (dcache.read32(line, pa) & ~mask) | (v & mask), true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        int nv = (ram.read32(pa) & ~mask) | (v & mask); // behind a write-through or uncached store, memory is current
        if (line >= 0) dcache.write32(line, pa, nv, false);
        ram.write32(pa, nv);
    }

    /** A partial-doubleword store (SDL/SDR); see {@link #merge32}. {@code pa} is 8-aligned. */
    public void merge64(long va, long pa, int cca, long v, long mask, long now) {
        if (cca == CacheAttr.WRITE_BACK) {
            int line = dLine(va, pa, cca, now, true);
            dcache.write64(line, pa, (dcache.read64(line, pa) & ~mask) | (v & mask), true);
            return;
        }
        int line = throughLine(va, pa, cca, now);
        long nv = (ram.read64(pa) & ~mask) | (v & mask);
        if (line >= 0) dcache.write64(line, pa, nv, false);
        ram.write64(pa, nv);
    }

    /**
     * The D-cache line for a cached access (refilled on a miss). A write-back access becomes its set's filter
     * entry (see {@link L1Cache#mruVa}); any other drops the set's entry, since its probe may have moved the LRU bit.
     */
    private int dLine(long va, long pa, int cca, long now, boolean store) {
        int line = dcache.lookup(va, pa);
        if (line < 0) line = dMiss(va, pa, cca, now);
        if (cca == CacheAttr.WRITE_BACK) dcache.setFilter(va & ~31L, line, store); else dcache.dropSet(line >>> 1);
        return line;
    }

    /**
     * Write-through and uncached stores: post the write to the write buffer, and return the D-cache line
     * to update as well (a hit, or a fresh line for write-through-allocate), or -1. An uncached store
     * leaves any cached copy stale, as on the chip.
     */
    private int throughLine(long va, long pa, int cca, long now) {
        long s = sb.postWrite(now + stall);
        stall += s;
        uncachedStalls += s;
        if (cca == CacheAttr.UNCACHED) {
            if (checker != null) checker.uncachedWrite(va, pa, dcache);
            return -1;
        }
        dcache.dropSet(dcache.setOf(va)); // the probe may move the set's LRU bit
        int line = dcache.lookup(va, pa);
        if (line < 0 && cca == CacheAttr.WT_ALLOCATE) line = dMiss(va, pa, cca, now);
        return line;
    }

    private void uncachedRead(long va, long pa, long now) {
        if (checker != null) checker.uncachedRead(va, pa, dcache);
        chargeUncachedRead(now);
    }

    private void chargeUncachedRead(long now) {
        long s = sb.drainWrites(now + stall) + t.uncachedReadCycles; // a read may not pass a posted write
        stall += s;
        uncachedStalls += s;
    }

    /** A device register read over SysAD (the caller performs it through the bus). */
    public void deviceRead(long now) {
        chargeUncachedRead(now);
    }

    /** A device register write: posted to the write buffer. */
    public void deviceWrite(long now) {
        long s = sb.postWrite(now + stall);
        stall += s;
        uncachedStalls += s;
    }

    /** SYNC: wait until the write buffer has drained (§1.3). */
    public void sync(long now) {
        long s = sb.drainWrites(now + stall);
        stall += s;
        uncachedStalls += s;
    }

    // ------------------------------------------------------------------ instruction fetch

    /** The I-cache line holding the instruction at {@code va}/{@code pa} (cached attribute), refilling on a miss. */
    public int fetchLine(long va, long pa, int cca, long now) {
        int line = icache.lookup(va, pa);
        if (line >= 0) return line;
        int victim = icache.victim(va);
        long cost = refillCost(pa, cca);
        iMissStalls += cost - lastL2MissPart;
        stall += cost;
        return icache.fill(victim, pa);
    }

    /** An uncached instruction fetch (kseg1, C = 2): one SysAD round trip per instruction. */
    public int fetchUncached(long pa, long now) {
        chargeUncachedRead(now);
        return ram.read32(pa);
    }

    // ------------------------------------------------------------------ refills

    private long lastL2MissPart;

    private int dMiss(long va, long pa, int cca, long now) {
        int victim = dcache.victim(va);
        if (dcache.isDirty(victim)) {
            dcache.writeBack(victim); // no write-back buffer: the victim leaves before the fill [U]
            stall += t.writebackCycles;
            writebackStalls += t.writebackCycles;
        }
        long cost = refillCost(pa, cca);
        dMissStalls += cost - lastL2MissPart;
        stall += cost;
        return dcache.fill(victim, pa);
    }

    /** Refill time of one L1 line: from L2 on a hit (write-back pages, SE = 1), else from memory. */
    private long refillCost(long pa, int cca) {
        lastL2MissPart = 0;
        if (l2Enabled && cca == CacheAttr.WRITE_BACK) {
            if (l2.refill(pa)) return t.l2FillCycles;
            lastL2MissPart = t.memFillCycles;
            l2MissStalls += t.memFillCycles;
        }
        return t.memFillCycles;
    }

    /** Writes back a dirty D-cache line (CACHE ops) and charges it. */
    long writeBackCharged(int line) {
        dcache.writeBack(line);
        writebackStalls += t.writebackCycles;
        return t.writebackCycles;
    }

    /** Refills {@code line} of the I-cache from memory for Fill_I and returns its cost. */
    long fillICharged(int line, long pa, int cca) {
        long cost = refillCost(pa, cca);
        iMissStalls += cost - lastL2MissPart;
        icache.fill(line, pa);
        return cost;
    }

    /** Reset: all caches invalid, no pending stall. */
    public void reset() {
        icache.invalidateAll();
        dcache.invalidateAll();
        l2.invalidateAll();
        stall = 0;
    }
}
