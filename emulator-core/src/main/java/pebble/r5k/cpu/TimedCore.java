package pebble.r5k.cpu;

import pebble.r5k.cache.CacheAttr;
import pebble.r5k.cache.CoherenceChecker;
import pebble.r5k.cache.L1Cache;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.TimingClass;
import pebble.r5k.timing.Scoreboard;
import pebble.r5k.timing.Stats;
import pebble.r5k.timing.TimingTable;

/**
 * The cycle-accurate execution loop (timing on, the default of {@code pebble run}). Instructions are
 * fetched through the functional I-cache ({@link MemorySystem#icache}, whose lines carry predecoded
 * {@link Op}s), so code the guest wrote but did not write back and invalidate runs stale, as on the chip.
 * Each instruction issues through the {@link Scoreboard} (interlocks, busy units; hardware reference
 * §1.2/§1.3), may pair with the previous one when exactly one of the two is an FP-ALU instruction (dual
 * issue, §1.1), and then executes; its memory stalls come back in {@link MemorySystem#stall}.
 *
 * <p>Cycle bookkeeping: {@code cpu.cycle} is the cycle at which the next instruction could issue. While an
 * instruction executes, {@code cpu.cycle} is its issue cycle (Count and the memory system see that).
 * The fast path is: compare the PC with the current I-cache line, two array loads, the issue check, the
 * switch. The functional loop in {@link Interpreter} is untouched by all this.
 */
final class TimedCore {
    private static final byte K_NONE = 0, K_BRANCH = 1, K_LIKELY = 2, K_SYNC = 3;
    /** Per Op: the dual-issue class (true = "floating-point ALU", §1.1). */
    private static final boolean[] FP_ALU = new boolean[Op.values().length];
    /** Per Op: branch bookkeeping needed after execution. */
    private static final byte[] KIND = new byte[Op.values().length];

    static {
        for (Op op : Op.values()) {
            TimingClass t = op.timing;
            String n = t.name();
            FP_ALU[op.ordinal()] = n.startsWith("FP_") && t != TimingClass.FP_LOAD && t != TimingClass.FP_STORE
                    && t != TimingClass.FP_XFER && t != TimingClass.FP_BRANCH;
            if (t == TimingClass.BRANCH || t == TimingClass.JUMP || t == TimingClass.FP_BRANCH) {
                KIND[op.ordinal()] = (op.effects & Effects.LIKELY) != 0 ? K_LIKELY : K_BRANCH;
            }
        }
        KIND[Op.SYNC.ordinal()] = K_SYNC;
    }

    private final Cpu c;
    final TimingTable t;
    final Scoreboard sb;
    final MemorySystem mem;
    final Stats stats;
    private final L1Cache ic;
    private final int[] icData;
    /** The I-cache's predecoded Op ordinals. */
    private final int[] icOps;
    /** {@code --check-coherence}; null when off. */
    private final CoherenceChecker checker;

    // The fetch window: the I-cache line holding the PC.
    private long fetchLineVa = -1;
    private int fetchEpoch = -1;
    private int fetchBase;
    private long fetchLinePa;
    /**
     * The previous fetch line, kept while it is certainly still the most recently used line of its set (no
     * I-cache probe of that set and no CACHE op since): going back to it needs no probe and changes no LRU
     * bit, so a loop over two lines is probed once. Exact: the probe it saves would hit and change nothing.
     */
    private long altLineVa = -1;
    private int altEpoch = -1;
    private int altBase;
    private long altLinePa;
    /** Physical address of the PC when the last refetch found an uncached or non-RAM fetch. */
    private long uncachedPa;

    // Dual issue: when the previous instruction issued, its class, and whether it already paired.
    private long lastIssueAt = Long.MIN_VALUE;
    private boolean lastFpAlu, lastPaired;

    TimedCore(Cpu c, TimingTable t, Scoreboard sb, MemorySystem mem, Stats stats, CoherenceChecker checker) {
        this.c = c;
        this.t = t;
        this.sb = sb;
        this.mem = mem;
        this.stats = stats;
        this.ic = mem.icache;
        this.icData = ic.data;
        this.icOps = ic.ops;
        this.checker = checker;
    }

    void runBurst(long limit) {
        Cpu c = this.c;
        while (c.cycle < limit && c.cycle < c.nextEventAt) {
            step(c);
        }
    }

    /** One instruction (or the fault of its fetch). Returns the instruction word. */
    int step(Cpu c) {
        long pc = c.pc;
        int idx;
        if (((pc ^ fetchLineVa) & ~31L) != 0 || fetchEpoch != c.mmu.epoch) {
            if (((pc ^ altLineVa) & ~31L) == 0 && altEpoch == c.mmu.epoch) {
                swapWindows();
                ic.hits++;
                idx = fetchBase | ((int) pc >>> 2 & 7);
                int word = icData[idx];
                int op = icOps[idx];
                if (checker != null) checker.executed(pc, fetchLinePa | (pc & 31), word, mem.dcache);
                issueAndExecute(c, op, word);
                return word;
            }
            int r = refetch(c, pc);
            if (r == FETCH_FAULT) return 0;
            if (r == FETCH_UNCACHED) return stepUncached(c, pc, uncachedPa);
            idx = fetchBase | ((int) pc >>> 2 & 7); // counted as a hit or miss by the probe
        } else {
            idx = fetchBase | ((int) pc >>> 2 & 7);
            ic.hits++; // a fetch from the current line: an I-cache hit
        }
        int word = icData[idx];
        int op = icOps[idx];
        if (checker != null) checker.executed(pc, fetchLinePa | (pc & 31), word, mem.dcache);
        issueAndExecute(c, op, word);
        return word;
    }

    private void swapWindows() {
        long va = fetchLineVa, pa = fetchLinePa;
        int base = fetchBase, epoch = fetchEpoch;
        fetchLineVa = altLineVa;
        fetchLinePa = altLinePa;
        fetchBase = altBase;
        fetchEpoch = altEpoch;
        altLineVa = va;
        altLinePa = pa;
        altBase = base;
        altEpoch = epoch;
    }

    private static final int FETCH_CACHED = 0, FETCH_UNCACHED = 1, FETCH_FAULT = 2;

    /** Translates the PC and probes the I-cache (refilling on a miss; the stall is charged here). */
    private int refetch(Cpu c, long pc) {
        long oldVa = fetchLineVa, oldPa = fetchLinePa;
        int oldBase = fetchBase;
        boolean oldValid = oldVa != -1 && fetchEpoch == c.mmu.epoch;
        fetchLineVa = -1;
        altLineVa = -1;
        if ((pc & 3) != 0) {
            c.raiseAddressError(pc, false);
            fetchFaulted(c);
            return FETCH_FAULT;
        }
        long pa = c.mmu.translateCca(pc, Mmu.FETCH);
        if (pa < 0) {
            fetchFaulted(c);
            return FETCH_FAULT;
        }
        int cca = c.mmu.lastCca;
        if (cca == CacheAttr.UNCACHED || pa + 4 > c.ram.sizeBytes) {
            uncachedPa = pa;
            return FETCH_UNCACHED;
        }
        int line = mem.fetchLine(pc, pa, cca, c.cycle);
        c.cycle += mem.stall;
        mem.stall = 0;
        if (oldValid && (oldBase >>> 4) != (line >>> 1)) { // the old line's set was not probed: still MRU
            altLineVa = oldVa;
            altLinePa = oldPa;
            altBase = oldBase;
            altEpoch = c.mmu.epoch;
        }
        fetchBase = line << 3;
        fetchLineVa = pc & ~31L;
        fetchLinePa = pa & ~31L;
        fetchEpoch = c.mmu.epoch;
        return FETCH_CACHED;
    }

    private void fetchFaulted(Cpu c) {
        c.memFault = false;
        c.cycle += 1 + t.exceptionEntry;
        stats.exceptionStalls += t.exceptionEntry;
        lastIssueAt = Long.MIN_VALUE;
    }

    /** An uncached fetch (kseg1, C = 2, or the boot ROM): one SysAD round trip per instruction (§1.3). */
    private int stepUncached(Cpu c, long pc, long pa) {
        int word;
        if (pa + 4 <= c.ram.sizeBytes) {
            word = mem.fetchUncached(pa, c.cycle);
            if (checker != null) checker.executed(pc, pa, word, mem.dcache);
        } else {
            mem.deviceRead(c.cycle);
            word = c.fetchIo(pa);
            if (c.memFault) {
                mem.stall = 0;
                fetchFaulted(c);
                return 0;
            }
        }
        c.cycle += mem.stall;
        mem.stall = 0;
        issueAndExecute(c, Decoder.decode(word).ordinal(), word);
        return word;
    }

    /** Issues and executes the instruction {@code word}, whose Op ordinal is {@code op}. */
    private void issueAndExecute(Cpu c, int op, int word) {
        long now = c.cycle;
        boolean fp = FP_ALU[op];
        long issueAt;
        boolean paired;
        // Dual issue (§1.1): one FP-ALU and one other instruction in the same cycle, if the other one issued
        // in the previous slot without stalling the pipe since, and the pair has no dependency or busy unit.
        if (fp != lastFpAlu && now == lastIssueAt + 1 && !lastPaired && sb.stallAt(op, word, lastIssueAt) == 0) {
            issueAt = lastIssueAt;
            sb.issue(op, word, issueAt);
            paired = true;
        } else {
            issueAt = now + sb.issue(op, word, now);
            paired = false;
        }
        lastFpAlu = fp;
        lastPaired = paired;
        lastIssueAt = issueAt;
        c.cycle = issueAt;
        int status = Interpreter.execute(c, op, word);
        long next = issueAt + 1; // a paired instruction shares the previous one's cycle: next == now
        byte kind = KIND[op];
        if (kind != K_NONE && status == Cpu.OK) next += branchCost(c, kind, issueAt);
        long s = mem.stall;
        if (s != 0) {
            mem.stall = 0;
            next += s;
        }
        if (status == Cpu.OK) {
            c.cycle = next;
            c.instret++;
            c.pc = c.npc;
            if (c.delaySlotNext) {
                c.delaySlotNext = false;
                c.inDelaySlot = true;
                c.npc = c.branchTarget;
            } else {
                c.inDelaySlot = false;
                c.npc = c.pc + 4;
            }
        } else {
            exceptionOrEret(c, next);
        }
    }

    /** Extra cycles after a branch: an annulled branch-likely slot, a taken-branch bubble; SYNC drains. */
    private long branchCost(Cpu c, byte kind, long issueAt) {
        if (kind == K_SYNC) {
            mem.sync(issueAt);
            return 0;
        }
        if (!c.delaySlotNext) return kind == K_LIKELY ? t.branchLikelyAnnulled : 0;
        return c.branchTarget != c.pc + 8 ? t.branchTakenExtra : 0;
    }

    /** The instruction ended in an exception (entry cost) or was a successful ERET (refetch cost). */
    private void exceptionOrEret(Cpu c, long next) {
        c.memFault = false;
        long cost;
        if (c.eretDone) {
            c.eretDone = false;
            cost = t.exceptionEret; // (ERET is not counted in instret, as in the functional loop)
        } else {
            cost = t.exceptionEntry;
        }
        stats.exceptionStalls += cost;
        c.cycle = next + cost;
        lastIssueAt = Long.MIN_VALUE;
    }

    /** An interrupt was taken by the slow path: charge the pipeline flush. */
    void interruptTaken() {
        c.cycle += t.exceptionEntry;
        stats.exceptionStalls += t.exceptionEntry;
        lastIssueAt = Long.MIN_VALUE;
    }
}
