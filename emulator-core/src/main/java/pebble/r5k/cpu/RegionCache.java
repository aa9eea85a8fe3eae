package pebble.r5k.cpu;

import pebble.r5k.cache.L1Cache;
import pebble.r5k.mem.PhysicalMemory;

/**
 * The translated regions, by physical page and word, and the heat that decides when to translate one:
 * a block start executed {@link #hot} times is compiled by {@link RegionCompiler}. A region is valid for
 * the virtual address it was translated at (another mapping of the same page is translated apart), and
 * only while the I-cache holds its words ({@link Region#dead}); a dropped one may be translated again
 * once it is hot again.
 */
final class RegionCache {
    /** Executions of a block start before it is translated (1 to 32767). */
    private final int hot;

    private final PhysicalMemory ram;
    /** The I-cache the timed loop fetches through; null for the functional loop (it fetches memory). */
    private final L1Cache ic;
    /**
     * Functional mode: per page, a bit per word that some region translated (never cleared: a stale bit
     * only costs a scan). A store to a word no region holds, the common case even when data shares a page
     * with code, costs two loads.
     */
    private long[][] covered;
    private final RegionCompiler compiler;
    /** Per physical page of RAM: its regions by word (null until code runs there). */
    private Region[][] regions;
    private short[][] heat;
    /** Regions in the tables; past {@link #MAX_LIVE} all are forgotten (a guest that keeps making code). */
    private int live;
    static final int MAX_LIVE = 16_384;
    /** Counters for --stats and tests. */
    long compiled, dropped, refused;

    RegionCache(PhysicalMemory ram, L1Cache ic, RegionCompiler compiler, int hot) {
        if (hot < 1 || hot > Short.MAX_VALUE) throw new IllegalArgumentException("translation threshold must be 1..32767: " + hot);
        this.hot = hot;
        this.ram = ram;
        this.ic = ic;
        this.compiler = compiler;
        int pages = (int) (ram.sizeBytes >>> 12);
        regions = new Region[pages][];
        heat = new short[pages][];
        covered = ic == null ? new long[pages][] : null;
    }

    /**
     * Functional mode: a store to {@code pa} (coherent memory: code changes at once). Every region whose
     * words include it is dropped; a region stopped in mid-run by its own store leaves after it.
     */
    void stored(long pa) {
        int page = (int) (pa >>> 12);
        int w = (int) (pa >>> 2) & 1023;
        long[] bits = covered[page];
        if (bits == null || (bits[w >>> 6] & 1L << w) == 0) return;
        Region[] rs = regions[page];
        for (int e = Math.max(0, w - 2 * RegionCompiler.MAX_INSNS); e <= w; e++) {
            Region r = rs[e];
            if (r != null && !r.dead && w < e + r.length()) r.dead = true;
        }
    }

    /**
     * The region starting at {@code va} (physical {@code pa}, cached RAM), translating it now if it has
     * become hot; null when the loop should run the block.
     */
    Region find(long va, long pa) {
        int page = (int) (pa >>> 12), w = (int) (pa >>> 2) & 1023;
        Region[] rs = regions[page];
        if (rs == null) {
            regions[page] = rs = new Region[1024];
            heat[page] = new short[1024];
        }
        Region r = rs[w];
        if (r != null && !r.dead && r.entryVa == va) return r;
        short[] h = heat[page];
        if (r != null) {
            if (r.dead) dropped++;
            r.dead = true; // forgotten (a successor link may still name it: Region.next)
            r.next = null; // (nor does it keep its own link's region alive)
            rs[w] = null;
            live--;
            // The heat stayed at the threshold when the region was made: start counting again, or the block
            // would wait for the short counter to wrap (~65,000 executions) before it is translated again.
            h[w] = 0;
        }
        if (++h[w] != hot) return null; // (a cold or refused start counts on and wraps; harmless)
        r = translate(va, pa);
        if (r != null) {
            if (++live > MAX_LIVE) { // start over; this region stays, in the fresh tables
                forgetAll();
                int pages = regions.length;
                regions = new Region[pages][];
                heat = new short[pages][];
                regions[page] = rs = new Region[1024];
                heat[page] = new short[1024];
                live = 1;
                if (covered != null) covered = new long[pages][];
            }
            rs[w] = r;
            if (covered != null) cover(page, w, r.length());
        }
        return r;
    }

    /** Marks every region in the tables dead before they are dropped, so no successor link enters one again. */
    private void forgetAll() {
        for (Region[] rs : regions) {
            if (rs == null) continue;
            for (Region r : rs) {
                if (r == null) continue;
                r.dead = true;
                r.next = null;
            }
        }
    }

    private void cover(int page, int from, int length) {
        long[] bits = covered[page];
        if (bits == null) covered[page] = bits = new long[16];
        for (int i = from; i < from + length && i < 1024; i++) bits[i >>> 6] |= 1L << i;
    }

    private Region translate(long va, long pa) {
        int count = (int) (0x1000 - (pa & 0xFFF)) >>> 2;
        int[] words = new int[count];
        for (int i = 0; i < count; i++) words[i] = wordAt(va + 4L * i, pa + 4L * i);
        int n = compiler.extentFor(va, words);
        if (n == 0) {
            refused++;
            return null;
        }
        compiled++;
        return compiler.compile(va, pa, java.util.Arrays.copyOf(words, n));
    }

    /** The word the fetch would see: the I-cache's copy if the line is there, else memory (what a refill reads). */
    private int wordAt(long va, long pa) {
        if (ic == null) return ram.words[(int) (pa >>> 2)];
        int line = ic.find(va, pa);
        if (line >= 0) return ic.data[(line << 3) | ((int) (pa >>> 2) & 7)];
        return ram.words[(int) (pa >>> 2)];
    }
}
