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
        byPage = ic == null ? newLists(pages) : null;
    }

    @SuppressWarnings("unchecked")
    private static java.util.ArrayList<Region>[] newLists(int pages) {
        return new java.util.ArrayList[pages];
    }

    /**
     * Functional mode: per page, the regions made there (a region's blocks may lie anywhere in its page),
     * until a store drops them or the tables start over.
     */
    private java.util.ArrayList<Region>[] byPage;

    /**
     * Functional mode: a store to {@code pa} (coherent memory: code changes at once). Every region whose
     * words include it is dropped; a region stopped in mid-run by its own store leaves after it.
     */
    void stored(long pa) {
        int page = (int) (pa >>> 12);
        int w = (int) (pa >>> 2) & 1023;
        long[] bits = covered[page];
        if (bits == null || (bits[w >>> 6] & 1L << w) == 0) return;
        java.util.ArrayList<Region> rs = byPage[page];
        if (rs == null) return;
        for (int i = rs.size() - 1; i >= 0; i--) {
            Region r = rs.get(i);
            if (r.covers(w)) r.dead = true;
            if (r.dead) rs.remove(i); // (a replaced region is marked dead too: find)
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
            r.dead = true; // forgotten: a successor link (Region.linked) or a store scan (stored) may still name it
            r.unlink(); // (nor does it keep its own links' regions alive)
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
                if (covered != null) {
                    covered = new long[pages][];
                    byPage = newLists(pages);
                }
            }
            rs[w] = r;
            if (covered != null) cover(page, r);
        }
        return r;
    }

    /**
     * The region to enter at virtual {@code va}, physical {@code pa} right after {@code prev} (null: none ran
     * since): a successor link of prev when one holds ({@link Region#linked}), else {@link #find}'s answer,
     * which prev then links. Both dispatchers' lookup.
     */
    Region after(Region prev, long va, long pa) {
        Region r = prev == null ? null : prev.linked(va, pa);
        return r != null ? r : relink(prev, va, pa);
    }

    /**
     * {@link #after} when there is no prev or no link of it holds: find's answer, which prev then links. Apart
     * from after, and never inlined (the launcher's options), so that after stays small enough for C2 to inline
     * into the dispatch loops: a compiled after with find in it was 3.8 to 12 KB of machine code, above what C2
     * inlines, and cost a call per dispatch (8 % of CoreMark's steady state, docs/translator.md, "The dispatch").
     */
    private Region relink(Region prev, long va, long pa) {
        Region r = find(va, pa);
        if (prev != null) prev.link(r);
        return r;
    }

    /** Marks every region in the tables dead before they are dropped, so no successor link enters one again. */
    private void forgetAll() {
        for (Region[] rs : regions) {
            if (rs == null) continue;
            for (Region r : rs) {
                if (r == null) continue;
                r.dead = true;
                r.unlink();
            }
        }
    }

    /** Functional mode: the region's words are marked covered, and it is listed for stores to its page. */
    private void cover(int page, Region r) {
        long[] bits = covered[page];
        if (bits == null) covered[page] = bits = new long[16];
        long[] own = r.coverBits();
        for (int i = 0; i < 16; i++) bits[i] |= own[i];
        if (byPage[page] == null) byPage[page] = new java.util.ArrayList<>();
        byPage[page].add(r);
    }

    /**
     * Translates the region entered at {@code va}: the page's words as the fetch would see them, and its
     * block starts seen so far (executed by the loop or a region), for the JR inline cache.
     */
    private Region translate(long va, long pa) {
        int entry = (int) (pa >>> 2) & 1023;
        long pageVa = va & ~0xFFFL, pagePa = pa & ~0xFFFL;
        int[] page = new int[1024];
        for (int i = 0; i < 1024; i++) page[i] = wordAt(pageVa + 4L * i, pagePa + 4L * i);
        if (RegionCompiler.extent(va, java.util.Arrays.copyOfRange(page, entry, 1024)) == 0) {
            refused++;
            return null;
        }
        compiled++;
        return compiler.compile(va, pa, page, 0, 1024, seeds(heat[(int) (pa >>> 12)], entry));
    }

    /** The page's other block starts seen so far (some heat): candidates for a JR's inline cache. */
    private static int[] seeds(short[] h, int entry) {
        int n = 0;
        int[] r = new int[1024];
        for (int w = 0; w < 1024; w++) if (w != entry && h[w] != 0) r[n++] = w;
        return java.util.Arrays.copyOf(r, n);
    }

    /** The word the fetch would see: the I-cache's copy if the line is there, else memory (what a refill reads). */
    private int wordAt(long va, long pa) {
        if (ic == null) return ram.words[(int) (pa >>> 2)];
        int line = ic.find(va, pa);
        if (line >= 0) return ic.data[(line << 3) | ((int) (pa >>> 2) & 7)];
        return ram.words[(int) (pa >>> 2)];
    }
}
