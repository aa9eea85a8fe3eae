package pebble.r5k.timing;

import pebble.r5k.cache.MemorySystem;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;

/**
 * Run statistics for {@code --stats} and {@code --stats-json}: instructions, cycles, CPI, stall cycles by
 * cause, L1I/L1D/L2 hit rates, TLB refills, exceptions by code, and all of it per ASID. The live counters
 * stay where they are cheapest (cycle and instret in the CPU, stalls in {@link Scoreboard} and
 * {@link MemorySystem}, hits in the caches); this class samples them. The per-ASID breakdown costs
 * nothing per instruction: at every ASID change ({@link #switchAsid}) the counters' growth since the
 * last change is credited to the ASID that was running. The change is sampled while the instruction that
 * writes EntryHi (or TLBR) executes, before it retires, so that instruction, its cycles and everything
 * after it belong to the new ASID; the fetch stalls before it, to the old one ({@code AsidSwitchTest}).
 *
 * <p>The breakdown is kept only when asked for ({@link #trackAsids}: {@code --stats}, {@code --stats-json}). A
 * switch samples twenty counters spread over six objects, and code that changes the ASID every few dozen
 * instructions (a portal call, the IPC-dense trace) spent a tenth of its time there with no one to read the
 * figures (docs/translator.md, "Per-ASID figures on demand").
 */
public final class Stats {
    /** Indices of the sampled counter vector. */
    public static final int INSTRUCTIONS = 0, CYCLES = 1, STALL_LOAD_USE = 2, STALL_MULDIV = 3, STALL_FP = 4,
            STALL_IMISS = 5, STALL_DMISS = 6, STALL_L2MISS = 7, STALL_UNCACHED = 8, STALL_EXCEPTION = 9,
            STALL_WRITEBACK = 10, L1I_HITS = 11, L1I_MISSES = 12, L1D_HITS = 13, L1D_MISSES = 14, L2_HITS = 15,
            L2_MISSES = 16, TLB_REFILLS = 17, EXCEPTIONS = 18, WAIT_CYCLES = 19, N = 20;

    static final String[] STALL_NAMES = {"load-use", "mul/div", "fp", "I-miss", "D-miss", "L2 miss", "uncached",
            "exceptions", "write-back"};
    static final String[] STALL_JSON = {"loadUse", "mulDiv", "fp", "iMiss", "dMiss", "l2Miss", "uncached",
            "exceptions", "writeBack"};

    private final TimingTable table;
    private final Scoreboard sb;
    private final MemorySystem mem;
    private final Cpu cpu;
    private final long[] exceptionsByCode;

    /** Cycles spent in exception entry and ERET refetch (added by the timed core). */
    public long exceptionStalls;

    private final long[][] perAsid = new long[256][];
    /** The counters at the last ASID change, and the sample being taken (swapped at each change: no copy). */
    private long[] last = new long[N], now = new long[N];
    private int asid;
    private boolean tracking;

    /**
     * Samples {@code cpu}'s counters (instret, cycle, TLB refills, WAIT cycles, exceptions by code);
     * {@code mem} may be null when caches are off (functional mode).
     */
    public Stats(TimingTable table, Scoreboard sb, MemorySystem mem, Cpu cpu) {
        this.table = table;
        this.sb = sb;
        this.mem = mem;
        this.cpu = cpu;
        this.exceptionsByCode = cpu.cp0.exceptionCount;
    }

    public TimingTable table() { return table; }

    /** Samples every counter into {@code v} (length {@link #N}). */
    public void sample(long[] v) {
        v[INSTRUCTIONS] = cpu.instret;
        v[CYCLES] = cpu.cycle;
        v[STALL_LOAD_USE] = sb.loadUseStalls;
        v[STALL_MULDIV] = sb.mulDivStalls;
        v[STALL_FP] = sb.fpStalls;
        if (mem != null) {
            v[STALL_IMISS] = mem.iMissStalls;
            v[STALL_DMISS] = mem.dMissStalls;
            v[STALL_L2MISS] = mem.l2MissStalls;
            v[STALL_UNCACHED] = mem.uncachedStalls;
            v[STALL_WRITEBACK] = mem.writebackStalls;
            v[L1I_HITS] = mem.icache.hits;
            v[L1I_MISSES] = mem.icache.misses;
            v[L1D_HITS] = mem.dcache.hits;
            v[L1D_MISSES] = mem.dcache.misses;
            v[L2_HITS] = mem.l2.hits;
            v[L2_MISSES] = mem.l2.misses;
        } else {
            java.util.Arrays.fill(v, STALL_IMISS, L2_MISSES + 1, 0); // (STALL_EXCEPTION, set below, is in between)
        }
        v[STALL_EXCEPTION] = exceptionStalls;
        v[TLB_REFILLS] = cpu.tlbRefills;
        v[EXCEPTIONS] = cpu.cp0.exceptionTotal; // (sampled at every ASID switch: no sum over the codes)
        v[WAIT_CYCLES] = cpu.waitCycles;
    }

    /** Credits the counters' growth to the running ASID and makes {@code newAsid} the running one. */
    private void switchAsid(int newAsid) {
        sample(now);
        long[] acc = perAsid[asid];
        if (acc == null) acc = perAsid[asid] = new long[N];
        long[] was = last, is = now;
        for (int k = 0; k < N; k++) acc[k] += is[k] - was[k];
        last = is;
        now = was;
        asid = newAsid & 0xFF;
    }

    /** EntryHi (or TLBR) was written with {@code newAsid}: switches the running ASID if it changed. */
    public void asidWritten(int newAsid) {
        if ((newAsid & 0xFF) == asid) return;
        if (tracking) switchAsid(newAsid); else asid = newAsid & 0xFF;
    }

    /**
     * Keeps the per-ASID breakdown from now on. Everything counted before is credited to the ASID running at
     * the next switch, so the shares still add up to the totals; call it before the run for exact shares.
     */
    public void trackAsids() { tracking = true; }

    /** Whether the per-ASID breakdown is kept ({@link #trackAsids}). */
    public boolean tracksAsids() { return tracking; }

    /** Totals now (also closes the running ASID's share, so per-ASID figures add up to the totals). */
    public long[] totals() {
        if (!tracking) {
            sample(now);
            return now.clone();
        }
        switchAsid(asid);
        return last.clone();
    }

    /**
     * Per-ASID counters, or null for an ASID that never ran or when the breakdown is not kept
     * ({@link #trackAsids}; call {@link #totals} first).
     */
    public long[] asid(int a) {
        return perAsid[a & 0xFF];
    }

    public long exceptions(int code) {
        return exceptionsByCode[code];
    }

    static String exceptionName(int code) {
        return ExcCode.name(code);
    }
}
