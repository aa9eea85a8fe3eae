package pebble.r5k.cache;

import pebble.r5k.mem.PhysicalMemory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code --check-coherence}: reports the guest's cache-maintenance bugs that the R5000 would silently turn
 * into wrong behaviour (its caches are not coherent, hardware reference §2.1):
 * <ul>
 * <li>executing an instruction whose fetched copy (I-cache line, or memory for an uncached fetch) differs
 *     from the newest data (a dirty D-cache line, else memory): stale code;</li>
 * <li>an uncached read of an address whose dirty D-cache line holds different, newer data;</li>
 * <li>an uncached write to an address the D-cache holds: the cached copy is now stale.</li>
 * </ul>
 * Each finding is one line with the PC and addresses and says which CACHE op is missing; a finding is
 * reported once per kind and word. The checks run only when enabled, so the normal path pays nothing.
 */
public final class CoherenceChecker {
    private static final int MAX_REPORTS = 200;

    private final PhysicalMemory ram;
    private final LongSupplier pc;
    private final Consumer<String> sink;
    private final Set<Long> seen = new HashSet<>();
    private final List<String> reports = new ArrayList<>();
    private long suppressed;

    /** {@code pc} gives the current instruction's address; {@code sink} receives each report line. */
    public CoherenceChecker(PhysicalMemory ram, LongSupplier pc, Consumer<String> sink) {
        this.ram = ram;
        this.pc = pc;
        this.sink = sink;
    }

    public List<String> reports() { return Collections.unmodifiableList(reports); }

    public long suppressedCount() { return suppressed; }

    /**
     * Checks an executed instruction: {@code word} is what the CPU fetched for {@code pa} (from the
     * I-cache, or from memory for an uncached fetch).
     */
    public void executed(long va, long pa, int word, L1Cache dcache) {
        if (!ram.contains(pa, 4)) return;
        int dline = dcache.findAnyColour(pa);
        if (dline >= 0 && dcache.isDirty(dline)) {
            int newest = dcache.data[L1Cache.wordIndex(dline, pa)];
            if (newest != word) {
                report(0, pa, String.format("stale instruction executed at pc 0x%016x (pa 0x%09x): fetched 0x%08x, "
                        + "but a dirty D-cache line holds the newer 0x%08x; after writing code, write the D-cache "
                        + "back (CACHE Hit_Writeback_D/Hit_Writeback_Inv_D) and invalidate the I-cache (Hit_Invalidate_I)",
                        va, pa, word, newest));
            }
            return;
        }
        int mem = ram.read32(pa);
        if (mem != word) {
            report(0, pa, String.format("stale instruction executed at pc 0x%016x (pa 0x%09x): the I-cache holds 0x%08x, "
                    + "but memory holds 0x%08x; invalidate the I-cache line (CACHE Hit_Invalidate_I) after writing code",
                    va, pa, word, mem));
        }
    }

    /** An uncached read of RAM at {@code pa}. */
    public void uncachedRead(long va, long pa, L1Cache dcache) {
        int line = dcache.findAnyColour(pa);
        if (line < 0 || !dcache.isDirty(line)) return;
        int cached = dcache.data[L1Cache.wordIndex(line, pa)];
        int mem = ram.read32(pa);
        if (cached == mem) return;
        report(1, pa, String.format("uncached read at pc 0x%016x of va 0x%016x (pa 0x%09x) returns memory 0x%08x, "
                + "but a dirty D-cache line holds the newer 0x%08x; write it back (CACHE Hit_Writeback_D) before "
                + "reading through an uncached address", pc.getAsLong(), va, pa, mem, cached));
    }

    /** An uncached write to RAM at {@code pa}. */
    public void uncachedWrite(long va, long pa, L1Cache dcache) {
        int line = dcache.findAnyColour(pa);
        if (line < 0) return;
        report(2, pa, String.format("uncached write at pc 0x%016x to va 0x%016x (pa 0x%09x) while the D-cache holds "
                + "a %s copy of that line: cached reads will see stale data%s; invalidate it (CACHE Hit_Invalidate_D "
                + "or Hit_Writeback_Inv_D) first", pc.getAsLong(), va, pa, dcache.isDirty(line) ? "dirty" : "clean",
                dcache.isDirty(line) ? " and its write-back will overwrite this store" : ""));
    }

    private void report(int kind, long pa, String message) {
        if (!seen.add(((pa >>> 2) << 2) | kind)) return;
        if (reports.size() >= MAX_REPORTS) {
            suppressed++;
            return;
        }
        String line = "coherence: " + message;
        reports.add(line);
        sink.accept(line);
    }
}
