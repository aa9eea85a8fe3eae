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
    /** Branch bookkeeping needed after execution (FLAGS bits 1-2). */
    private static final int K_NONE = 0, K_BRANCH = 1, K_LIKELY = 2, K_SYNC = 3;
    /**
     * Per Op, one load for everything the loop needs: bit 0 the dual-issue class (1 = "floating-point
     * ALU", §1.1), bits 1-2 the branch kind.
     */
    private static final byte[] FLAGS = new byte[Op.values().length];

    static {
        for (Op op : Op.values()) {
            TimingClass t = op.timing;
            String n = t.name();
            boolean fpAlu = n.startsWith("FP_") && t != TimingClass.FP_LOAD && t != TimingClass.FP_STORE
                    && t != TimingClass.FP_XFER && t != TimingClass.FP_BRANCH;
            int kind = K_NONE;
            if (t == TimingClass.BRANCH || t == TimingClass.JUMP || t == TimingClass.FP_BRANCH) {
                kind = (op.effects & Effects.LIKELY) != 0 ? K_LIKELY : K_BRANCH;
            }
            if (op == Op.SYNC) kind = K_SYNC;
            FLAGS[op.ordinal()] = (byte) ((fpAlu ? 1 : 0) | kind << 1);
        }
    }

    /** Whether the Op with this ordinal is in the dual-issue class "floating-point ALU" (§1.1). */
    static boolean isFpAlu(int op) {
        return (FLAGS[op] & 1) != 0;
    }

    /**
     * The issue descriptor of one predecoded instruction: the {@link Scoreboard#describe scoreboard's}, plus
     * {@link Scoreboard#D_FP_ALU} and the branch kind in bits 17-18 (FLAGS, moved into the descriptor so
     * the loop does one load for both), {@link #D_ASID} in bit 19, and the Op ordinal in bits 20-29 (so the
     * loop does not load {@link L1Cache#ops} either).
     */
    static int describe(int op, int word) {
        int f = FLAGS[op];
        int asid = op == Op.MTC0.ordinal() || op == Op.DMTC0.ordinal() || op == Op.TLBR.ordinal() ? D_ASID : 0;
        return Scoreboard.describe(op, word) | ((f & 1) != 0 ? Scoreboard.D_FP_ALU : 0)
                | (f >>> 1) << Scoreboard.D_USER_SHIFT | asid | op << D_OP_SHIFT;
    }

    /**
     * Descriptor bit: the instruction may change the running ASID (MTC0/DMTC0 to EntryHi, TLBR), so the
     * per-ASID statistics take their snapshot during it: the loop's pending I-cache hits must be counted first.
     */
    private static final int D_ASID = 1 << 19;

    private static final int D_OP_SHIFT = 20, D_OP_MASK = 0x3FF;

    static {
        if (Op.values().length > D_OP_MASK + 1) throw new ExceptionInInitializerError("Op ordinals exceed 10 bits");
    }

    private final Cpu c;
    final TimingTable t;
    final Scoreboard sb;
    final MemorySystem mem;
    final Stats stats;
    final L1Cache ic;
    private final int[] icData;
    /** The I-cache's issue descriptors ({@link #describe}). */
    private final int[] icDescs;
    /** {@code --check-coherence}; null when off. */
    private final CoherenceChecker checker;

    // The fetch window: the I-cache line holding the PC. Reset on every MMU flush and CACHE op on the
    // I-cache (invalidateFetch).
    // (Package-private: translated regions test the window inline; RegionTiming.fetch.)
    long fetchLineVa = -1;
    int fetchBase;
    private long fetchLinePa;
    /**
     * The fetch page: the 4 KB page of the last translated fetch (cached RAM only) and its translation,
     * dropped by invalidateFetch (any TLB, ASID, mode or Config change, and any CACHE op on the I-cache).
     * A line change inside it probes the I-cache without translating again.
     */
    private long pageVa = -1;
    private long pagePa;
    private int pageCca;
    /** Physical address of the PC when the last refetch found an uncached or non-RAM fetch. */
    private long uncachedPa;

    // Dual issue: when the previous instruction issued, its class, and whether it already paired.
    long lastIssueAt = Long.MIN_VALUE;
    boolean lastFpAlu;
    /**
     * Issue cycle of the last instruction that paired with its predecessor (-1: none). The previous
     * instruction paired iff this equals {@link #lastIssueAt}: the instruction after a pair issues at least
     * one cycle later, so the common path never has to clear a flag.
     */
    private long pairedAt = -1;

    /** Translated regions (docs/translator.md); null when translation is off. */
    private final RegionCache regions;

    TimedCore(Cpu c, TimingTable t, Scoreboard sb, MemorySystem mem, Stats stats, CoherenceChecker checker,
              int translateAfter) {
        this.c = c;
        this.t = t;
        this.sb = sb;
        this.mem = mem;
        this.stats = stats;
        this.ic = mem.icache;
        this.icData = ic.data;
        this.icDescs = ic.descs;
        ic.setDescriber(TimedCore::describe);
        this.checker = checker;
        // The coherence checker watches every fetch the loop makes; translated code would bypass it.
        this.regions = translateAfter > 0 && checker == null
                ? new RegionCache(c.ram, ic, new RegionCompiler(t), translateAfter) : null;
    }

    private static final int MODE_BURST = 0, MODE_ONCE = 1, MODE_BLOCK = 2;

    /**
     * Runs until {@code limit} or an event. With translation on, this is a dispatcher: at each block start
     * (not in a delay slot, no FP-ALU instruction that a translated one might pair with) a hot enough block
     * runs as a {@link Region}; other code runs in the loop until the next block start. A PC outside the
     * fetch page has its page translated first ({@link #translatePage}).
     */
    void runBurst(long limit) {
        if (regions == null) {
            loop(limit, MODE_BURST);
            return;
        }
        Cpu c = this.c;
        Region prev = null; // the region that ran last, if nothing ran since (its successor links: Region.linked)
        while (c.cycle < limit && c.cycle < c.nextEventAt) {
            long pc = c.pc;
            if (!lastFpAlu && !c.inDelaySlot) {
                if (((pc ^ pageVa) & ~0xFFCL) != 0) translatePage(c, pc);
                // (pc & 3: pageVa = -1, no page, matches 0xffffffff and the other PCs ending in 3 under the mask)
                if (((pc ^ pageVa) & ~0xFFCL) == 0 && (pc & 3) == 0) {
                    long pa = pagePa | (pc & 0xFFF);
                    Region r = regions.after(prev, pc, pa);
                    if (r != null) {
                        r.run(this, c, limit);
                        prev = r;
                        continue;
                    }
                }
            }
            prev = null;
            loop(limit, MODE_BLOCK);
        }
    }

    /**
     * The PC left the fetch page (a jump, an exception, ERET, a context change): the dispatcher translates
     * the new page so that a region there can be found, instead of leaving the block to the loop. Only the
     * page: the line is still the old one, so the next fetch (the region's first, or the loop's) probes the
     * I-cache through {@link #fetchSlow} exactly as the loop's refetch would. A page whose fetch would fault
     * or is uncached stays unknown, and the loop takes that fetch.
     */
    private void translatePage(Cpu c, long pc) {
        if ((pc & 3) != 0) return;
        long pa = c.mmu.translateFetchQuietly(pc);
        if (pa < 0 || c.mmu.lastCca == CacheAttr.UNCACHED || pa + 4 > c.ram.sizeBytes) return;
        pageVa = pc & ~0xFFFL;
        pagePa = pa & ~0xFFFL;
        pageCca = c.mmu.lastCca;
    }

    /** Translation statistics (regions compiled, dropped); null when translation is off. */
    RegionCache regions() { return regions; }

    /** One instruction (or the fault of its fetch). Returns the instruction word. */
    int step(Cpu c) {
        return loop(0, MODE_ONCE);
    }

    // ------------------------------------------------------------------ services for translated regions

    /**
     * The loop's slow fetch for a translated line-entry point whose line is not the fetch window (the region
     * tests the window itself); c.cycle, the PC state and lastIssueAt are current. Returns the I-cache word
     * index; -1 when the fetch faulted (the exception is entered); -2 for an uncached fetch, which the
     * region leaves to {@link #regionStepUncached} once its registers are back in {@code c.gpr}.
     */
    int regionFetchSlow(Cpu c, long pc) {
        if ((pc & 3) == 0 && ((pc ^ pageVa) & ~0xFFFL) == 0) {
            probe(c, pc, pagePa | (pc & 0xFFF), pageCca);
        } else {
            int r = refetch(c, pc);
            if (r == FETCH_FAULT) return -1;
            if (r == FETCH_UNCACHED) return -2;
        }
        return fetchBase | ((int) pc >>> 2 & 7); // (no coherence checker: it turns translation off)
    }

    /**
     * The hit half of {@link #regionFetchSlow}, which needs none of the loop's state: a translated line-entry
     * point outside the fetch window whose line the I-cache holds (the next line of a straight run, mostly:
     * about one fetch in four of the gcc workload's). Returns the I-cache word index, or -1 (another page, or
     * a miss); then the region takes {@link #regionFetchSlow}, which probes again. {@link L1Cache#lookup}
     * changes nothing on a miss, so that probe sees what this one saw. {@code pc} is word-aligned.
     */
    int regionFetchHit(long pc) {
        if (((pc ^ pageVa) & ~0xFFFL) != 0) return -1;
        long pa = pagePa | (pc & 0xFFF);
        int line = ic.lookup(pc, pa);
        if (line < 0) return -1;
        fetchBase = line << 3;
        fetchLineVa = pc & ~31L;
        // (fetchLinePa is left as it is: only the coherence checker reads it, and with a checker nothing is
        // translated. Not storing it keeps the line's physical address out of a region's loops.)
        return fetchBase | ((int) pc >>> 2 & 7);
    }

    /**
     * A timed region entered at the PC found one of its lines changed ({@link Region#linesValid}: it is now
     * dead): the loop runs the block instead, exactly as the dispatcher's own loop run would (the PC is a
     * block start, not in a delay slot, and the bound holds).
     */
    void regionRefused(long limit) {
        loop(limit, MODE_BLOCK);
    }

    /**
     * A timed region's bound for a group of instructions failed at the PC (RegionExits.groupBound): the loop
     * runs the block from there, and its own bound stops it at the instruction the limit or the event falls on.
     * The dispatcher would enter the region again at once and fail the same check.
     */
    void regionBoundMissed(long limit) {
        loop(limit, MODE_BLOCK);
    }

    /** After {@link #regionFetchSlow} returned -2: the uncached instruction at {@code pc}, as the loop runs it. */
    void regionStepUncached(Cpu c, long pc) {
        stepUncached(c, pc, uncachedPa);
    }

    /** A region's slow fetch filled I-cache word {@code idx}: the loop runs that instruction (the region ends). */
    void finishFetched(Cpu c, int idx) {
        issueAndExecute(c, (icDescs[idx] >>> D_OP_SHIFT) & D_OP_MASK, icData[idx]);
    }

    /**
     * Issue of a translated instruction whose dual-issue class differs from the previous one's: the loop's
     * pairing rule, with the previous issue cycle {@code lastIssueAt} kept by the region. Returns the issue cycle.
     */
    long regionIssueMixed(int op, int word, long now, long lastIssueAt) {
        this.lastIssueAt = lastIssueAt;
        return issueMixed(op, word, now);
    }

    /**
     * A translated region reaches a kernel instruction ({@link KernelOpEmitter}) issued at {@code issueAt}, with
     * the PC state and counters current: the loop's execute and retire of it (its class is not FP-ALU). Returns
     * whether it completed without an exception (an ERET returns false: it moved the PC).
     */
    boolean regionKernelOp(Cpu c, int op, int word, long issueAt) {
        lastFpAlu = false;
        lastIssueAt = issueAt;
        c.cycle = issueAt;
        int status = Interpreter.executeKernelOp(c, op, word);
        retire(c, FLAGS[op] >>> 1, status, issueAt);
        return status == Cpu.OK;
    }

    /** A translated instruction issued at {@code issueAt} entered an exception: the loop's retire of it. */
    void regionTrapped(Cpu c, long issueAt) {
        retire(c, K_NONE, Cpu.TRAPPED, issueAt);
    }

    /** Word of the instruction the slow fetch path handled by itself (fault: 0; uncached: the word). */
    private int slowWord;

    /**
     * The timed loop, written as one method so that C2 compiles the whole per-instruction path as one unit
     * (a callee compiled on its own first is no longer inlined: "already compiled into a big method").
     * Only {@link Interpreter#execute} and rare paths are calls. {@code once}: one instruction (tracing).
     */
    private int loop(long limit, int mode) {
        boolean once = mode == MODE_ONCE, block = mode == MODE_BLOCK;
        // Block mode: the instruction about to run is a delay slot (also at the start: a region that ended
        // at an FP branch leaves the PC in its slot), so the block ends after it.
        boolean endAfterThis = block && c.inDelaySlot;
        Cpu c = this.c;
        int word = 0;
        // The issue cycle and the previous instruction's class live in locals: only this loop changes
        // c.cycle during a burst (execute reads it), so it is stored, never read back through memory.
        long cycle = c.cycle;
        boolean lastFp = lastFpAlu;
        long hits = 0; // I-cache hits of the current line, added to ic.hits when the loop ends
        while (once || (cycle < limit && cycle < c.nextEventAt)) {
            long pc = c.pc;
            int idx;
            // same line and word-aligned (an unaligned PC takes the slow path: AdEL; the pc & 3 test is for
            // fetchLineVa = -1, no line, which 0xffffffff and the other PCs ending in 3 match under the mask)
            if (((pc ^ fetchLineVa) & ~0x1CL) == 0 && (pc & 3) == 0) {
                idx = fetchBase | ((int) pc >>> 2 & 7);
                hits++; // a fetch from the current line: an I-cache hit
                if (checker != null) checker.executed(pc, fetchLinePa | (pc & 31), icData[idx], mem.dcache);
            } else {
                ic.hits += hits; // (the slow fetch may execute an uncached MTC0 EntryHi: see D_ASID)
                hits = 0;
                lastFpAlu = lastFp;
                idx = fetchSlow(c, pc);
                cycle = c.cycle;
                lastFp = lastFpAlu;
                if (idx < 0) {
                    word = slowWord;
                    if (once) break;
                    continue;
                }
            }
            int d = icDescs[idx];
            int op = (d >>> D_OP_SHIFT) & D_OP_MASK;
            word = icData[idx];
            // Issue (§1.1-§1.3). Dual issue: one FP-ALU and one other instruction in the same cycle, if the
            // other one issued in the previous slot without stalling the pipe since, and the pair has no
            // dependency or busy unit.
            long now = cycle;
            boolean fp = (d & Scoreboard.D_FP_ALU) != 0;
            long issueAt;
            if (fp != lastFp) {
                issueAt = issueMixed(op, word, now);
            } else if (d >= 0) {
                issueAt = sb.issueFast(op, d, now);
            } else {
                issueAt = now + sb.issue(op, word, now);
            }
            lastFp = fp;
            lastIssueAt = issueAt;
            c.cycle = issueAt;
            if ((d & D_ASID) != 0) {
                ic.hits += hits;
                hits = 0;
            }
            int status = Interpreter.execute(c, op, word);
            int kind = (d >>> Scoreboard.D_USER_SHIFT) & 3;
            cycle = retire(c, kind, status, issueAt);
            if (once) break;
            if (block) { // stop where the next block starts: after a delay slot, or an annulled one
                if (endAfterThis) break;
                if (kind == K_BRANCH || kind == K_LIKELY) {
                    if (!c.inDelaySlot) break;
                    endAfterThis = true;
                }
            }
        }
        ic.hits += hits;
        lastFpAlu = lastFp;
        return word;
    }

    /**
     * The slow fetch: the PC left the current line. Returns the I-cache word index of the instruction to
     * issue, or -1 when there is none (a fetch fault, or an uncached instruction executed here; its word is
     * in {@link #slowWord}).
     */
    private int fetchSlow(Cpu c, long pc) {
        if ((pc & 3) == 0 && ((pc ^ pageVa) & ~0xFFFL) == 0) {
            probe(c, pc, pagePa | (pc & 0xFFF), pageCca); // counted as a hit or miss by the probe
        } else {
            int r = refetch(c, pc);
            if (r == FETCH_FAULT) {
                slowWord = 0;
                return -1;
            }
            if (r == FETCH_UNCACHED) {
                slowWord = stepUncached(c, pc, uncachedPa);
                return -1;
            }
            // counted as a hit or miss by the probe
        }
        int idx = fetchBase | ((int) pc >>> 2 & 7);
        if (checker != null) checker.executed(pc, fetchLinePa | (pc & 31), icData[idx], mem.dcache);
        return idx;
    }

    /** The MMU flushed (or a CACHE op touched the I-cache): translate and probe again. */
    void invalidateFetch() {
        fetchLineVa = -1;
        pageVa = -1;
    }

    /**
     * The mode, ASID or a TLB entry changed ({@link FetchWindow#mappingsChanged}): the line and the page stay
     * if they are in kseg0 and the CPU is in kernel mode. Keeping the line is what the probe would do: it
     * was the last I-cache line fetched, so a probe would hit it and leave its set's LRU bit as it is.
     */
    void mappingsChanged(boolean kernel) {
        if (!kernel || !Mmu.inKseg0(fetchLineVa)) fetchLineVa = -1;
        if (!kernel || !Mmu.inKseg0(pageVa)) pageVa = -1;
    }

    /** Issue when exactly one of this and the previous instruction is FP-ALU: they may pair (§1.1). */
    private long issueMixed(int op, int word, long now) {
        if (now == lastIssueAt + 1 && pairedAt != lastIssueAt && sb.stallAt(op, word, lastIssueAt) == 0) {
            sb.issue(op, word, lastIssueAt);
            pairedAt = lastIssueAt;
            return lastIssueAt;
        }
        return now + sb.issue(op, word, now);
    }

    /**
     * After execution: branch and memory stall cycles, then the PC moves on (or the exception is charged).
     * Returns the new {@code c.cycle}.
     */
    private long retire(Cpu c, int kind, int status, long issueAt) {
        long next = issueAt + 1; // a paired instruction shares the previous one's cycle: next == now
        if (kind != K_NONE && status == Cpu.OK) next += branchCost(c, kind, issueAt);
        long s = mem.stall;
        if (s != 0) {
            mem.stall = 0;
            next += s;
        }
        if (status == Cpu.OK) {
            c.cycle = next;
            c.retireOk();
            return next;
        }
        exceptionOrEret(c, next);
        return c.cycle;
    }

    private static final int FETCH_CACHED = 0, FETCH_UNCACHED = 1, FETCH_FAULT = 2;

    /** Translates the PC and probes the I-cache (refilling on a miss; the stall is charged here). */
    private int refetch(Cpu c, long pc) {
        fetchLineVa = -1;
        pageVa = -1;
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
        pageVa = pc & ~0xFFFL;
        pagePa = pa & ~0xFFFL;
        pageCca = cca;
        probe(c, pc, pa, cca);
        return FETCH_CACHED;
    }

    /** Probes the I-cache for the line of {@code pc} (refilling on a miss; the stall is charged here). */
    private void probe(Cpu c, long pc, long pa, int cca) {
        int line = ic.lookup(pc, pa); // a hit inline; a miss changes nothing, and fetchLine refills
        if (line < 0) {
            line = mem.fetchLine(pc, pa, cca, c.cycle);
            c.cycle += mem.stall;
            mem.stall = 0;
        }
        fetchBase = line << 3;
        fetchLineVa = pc & ~31L;
        fetchLinePa = pa & ~31L;
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

    /** Issues and executes the instruction {@code word}, whose Op ordinal is {@code op} (uncached fetches). */
    private void issueAndExecute(Cpu c, int op, int word) {
        long now = c.cycle;
        int flags = FLAGS[op];
        boolean fp = (flags & 1) != 0;
        long issueAt;
        if (fp != lastFpAlu) {
            issueAt = issueMixed(op, word, now);
        } else {
            issueAt = now + sb.issue(op, word, now);
        }
        lastFpAlu = fp;
        lastIssueAt = issueAt;
        c.cycle = issueAt;
        retire(c, flags >>> 1, Interpreter.execute(c, op, word), issueAt);
    }

    /** Extra cycles after a branch: an annulled branch-likely slot, a taken-branch bubble; SYNC drains. */
    private long branchCost(Cpu c, int kind, long issueAt) {
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
            cost = t.exceptionEret; // (Cpu.eret counted ERET as retired)
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
