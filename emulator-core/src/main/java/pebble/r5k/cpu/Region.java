package pebble.r5k.cpu;

import pebble.r5k.cache.L1Cache;

/**
 * A translated region: blocks of guest instructions in one 4 KB page ({@link RegionShape}), compiled by {@link RegionCompiler}
 * into one JVM method ({@link #run}) that does exactly what {@link TimedCore}'s loop would do for them,
 * cycle for cycle: the same fetch accounting, the same issue times, the same semantics methods, the same
 * retire. What the translator knows statically (which instruction comes next, which interlocks cannot
 * stall) costs nothing at run time; what it cannot know (cache misses, branch directions, events) is
 * computed as the loop computes it. See docs/translator.md.
 *
 * <p>The code a region runs is the code the I-cache holds: at entry, {@link #linesValid} finds each of its
 * lines in the cache with the serial ({@link L1Cache#serial}) last checked ({@link #expect}), or compares
 * the words; a region whose words differ is dropped ({@link #dead}) before it executes anything stale.
 */
abstract class Region {
    /** Virtual and physical address of the first instruction. */
    long entryVa, entryPa;
    /** The words from the region's first instruction to its last (words[i] is page word base + i). */
    int[] words;
    int base;
    /**
     * Per line-entry point k: the I-cache serial its line had when last found holding the region's words, and
     * the page words [checkFrom, checkTo) of that line the region runs from there (RegionShape.checkFrom).
     */
    int[] expect, checkFrom, checkTo;
    /**
     * Per line-entry point k: the I-cache line (way and set) it was last found in, or -1. A serial belongs to one
     * fill of one line, so while that line's serial is still {@link #expect}[k] it holds the words found then.
     */
    int[] foundIn;
    /** Instructions translated, and the page words they are as a bit set (functional stores: RegionCache.stored). */
    private int count;
    private long[] cover;
    /** Bytecode bytes of the generated run() (tests: RegionCompilerTest). */
    int methodBytes;
    /**
     * Set when the I-cache no longer holds the words this region was translated from (timed), when a store
     * changed them (functional), or when {@link RegionCache} forgot the region: a region that is not dead
     * is the one {@link RegionCache#find} gives for its entry.
     */
    boolean dead;
    /**
     * The regions the dispatcher entered right after this one, the last time and the time before that (null:
     * none yet, or the loop ran in between). Two, because a region that ends in a conditional branch has two
     * successors, often taken in turn (a link for one alone missed 29 % of the gcc workload's dispatches and
     * 45 % of the IPC-dense trace's). See {@link #linked}.
     */
    private Region next, nextBefore;

    /**
     * The linked successor entered at virtual {@code va}, physical {@code pa}, if it is not dead: then it is
     * what {@link RegionCache#find} would give. Else null, and the dispatcher asks find.
     */
    final Region linked(long va, long pa) {
        Region r = next;
        if (r != null && r.entryVa == va && r.entryPa == pa && !r.dead) return r;
        r = nextBefore;
        if (r != null && r.entryVa == va && r.entryPa == pa && !r.dead) return r;
        return null;
    }

    /** {@code r} (from {@link RegionCache#find}; null for none) was entered right after this region. */
    final void link(Region r) {
        nextBefore = next;
        next = r;
    }

    /** Forgets the successor links (a dead region keeps no other region alive). */
    final void unlink() {
        next = nextBefore = null;
    }
    /**
     * Functional: set by the region when it left because the bound check of a group of its instructions failed
     * (RegionExits.groupBound): the dispatcher then runs the loop from the PC the region left, whose own bound
     * stops at the exact instruction, instead of entering the region again (which would fail the same check).
     * The timed region calls the loop itself (TimedCore.regionBoundMissed).
     */
    boolean boundMissed;

    /**
     * Runs the region from its entry until it leaves it, reaches {@code limit} or an event, or traps.
     * Functional regions are called with {@code core} null and no limit (the functional loop lowers
     * {@code nextEventAt} to its limit).
     */
    abstract void run(TimedCore core, Cpu c, long limit);

    /** Number of instructions translated. */
    int length() { return count; }

    /** Whether the region executes the word at page word index {@code w}. */
    boolean covers(int w) { return (cover[w >>> 6] & 1L << w) != 0; }

    long[] coverBits() { return cover; }

    void init(long entryVa, long entryPa, RegionShape shape) {
        this.entryVa = entryVa;
        this.entryPa = entryPa;
        this.words = shape.words;
        this.base = shape.base;
        this.count = shape.count;
        this.cover = shape.coverBits();
        this.checkFrom = shape.checkFrom;
        this.checkTo = shape.checkTo;
        this.expect = new int[checkFrom.length];
        java.util.Arrays.fill(expect, -1); // never checked yet: the first entry compares the words
        this.foundIn = new int[checkFrom.length];
        java.util.Arrays.fill(foundIn, -1);
    }

    // ------------------------------------------------------------------ called by the generated code

    /**
     * Timed: the I-cache's {@link L1Cache#lastSerial} when every line-entry point's line was last found
     * holding the region's words ({@link #linesValid}); never a serial at first. (Package-private: a test reads it.)
     */
    long linesValidAt = Long.MIN_VALUE;

    /**
     * At entry to a timed region: whether every line-entry point's line that the I-cache holds holds the
     * region's words. Only then does the region run (else the loop runs the block:
     * {@code TimedCore.regionRefused}), and its points' probe hits compare nothing: a line's tag and words
     * change only with a new serial, and nothing a region runs changes the I-cache but its own slow fetch
     * (a kernel instruction goes on only while the fetch window stays, and a CACHE op on the I-cache drops every
     * window, so the region ends after it; data accesses go to the D-cache), which checks
     * the line it found ({@link #revalidate}) and only evicts another, whose probe then misses too. So a line
     * missing now is no obstacle. When no line of the cache changed since the last success, nothing is looked
     * at again; otherwise a point whose line's serial moved since it was checked ({@link #expect}) compares its
     * words. A line holding other words marks the region dead: it is dropped at the next lookup and
     * translated again once hot (docs/translator.md, "Stale code in timed mode").
     */
    static boolean linesValid(Region r, TimedCore core) {
        int now = core.ic.lastSerial();
        // A loop on purpose, which runs at most once (linesFound returns true only once it has set linesValidAt
        // to now): C2 compiles every region with this method inlined, and a region method with no loop at all
        // ran 7-9 % slower in steady state (CoreMark, the gcc workload), one with this simple loop as fast as with
        // the line check's own loops inlined, at two thirds of their compile time (docs/translator.md, Warm-up).
        while (now != r.linesValidAt) {
            if (!linesFound(r, core.ic, now)) return false;
        }
        return true;
    }

    /**
     * {@link #linesValid} once a line of the I-cache changed: the loop over the line-entry points. Returns true
     * only after setting {@link #linesValidAt} to {@code now}. Never inlined into a region (the launcher's
     * {@code dontinline}): inlined, its two loops were a third of C2's work on each region.
     */
    static boolean linesFound(Region r, L1Cache ic, int now) {
        long pageVa = r.entryVa & ~0xFFFL, pagePa = r.entryPa & ~0xFFFL;
        int[] from = r.checkFrom;
        for (int k = 0; k < from.length; k++) {
            int at = r.foundIn[k];
            if (at >= 0 && ic.serial[at] == r.expect[k]) continue; // the same fill: no lookup needed
            int w = from[k];
            int line = ic.find(pageVa + 4L * w, pagePa + 4L * w);
            if (line < 0) continue; // its point's probe will miss, and the slow fetch checks the line it fills
            if (!r.holds(ic, k, line << 3 | (w & 7))) return false;
        }
        r.linesValidAt = now;
        return true;
    }

    /**
     * Point k's slow fetch found its line (maybe filled it just now): whether it holds the region's words
     * ({@code idx} is the cache word index of the first of them). If so its serial is remembered; if not,
     * the region is dead.
     */
    final boolean revalidate(TimedCore core, int k, int idx) {
        return holds(core.ic, k, idx);
    }

    /**
     * Whether the line at cache word index {@code idx} holds point k's words: remembered as where k was found,
     * and, once compared, with its serial; if not, the region is dead. (Both {@link #linesFound} and
     * {@link #revalidate}.)
     */
    private boolean holds(L1Cache ic, int k, int idx) {
        int line = idx >>> 3;
        foundIn[k] = line;
        if (ic.serial[line] == expect[k]) return true;
        if (!sameWords(ic, k, idx)) {
            dead = true;
            return false;
        }
        expect[k] = ic.serial[line];
        return true;
    }

    /** Whether the I-cache words from {@code idx} are the region's words of point k's line. */
    private boolean sameWords(L1Cache ic, int k, int idx) {
        int from = checkFrom[k], to = checkTo[k];
        for (int i = from; i < to; i++) if (ic.data[idx + (i - from)] != words[i - base]) return false;
        return true;
    }

    /** Adds the instructions retired since entry (before a read of Random, which counts them). */
    static void addRetired(Cpu c, long retired) {
        c.instret += retired;
        c.translatedRetired += retired;
    }

    /** Adds the instructions retired and the same-line fetches done since entry. */
    static void flush(TimedCore core, Cpu c, long retired, long hits) {
        c.instret += retired;
        c.translatedRetired += retired;
        core.ic.hits += hits;
    }

    /** Leaves the region at an instruction boundary with the given PC state. */
    static void exit(TimedCore core, Cpu c, long pc, long npc, boolean inSlot, long cycle, long retired, long hits,
                     long lastIssueAt, boolean lastFpAlu) {
        exitFunctional(c, pc, npc, inSlot, cycle, retired);
        core.ic.hits += hits;
        core.lastFpAlu = lastFpAlu;
        core.lastIssueAt = lastIssueAt;
    }

    /**
     * Leaves at an instruction boundary with the given PC state: all a functional region has to restore
     * (the functional loop has no fetch or issue state); {@link #exit} adds the timed loop's.
     */
    static void exitFunctional(Cpu c, long pc, long npc, boolean inSlot, long cycle, long retired) {
        c.instret += retired;
        c.translatedRetired += retired;
        c.pc = pc;
        c.npc = npc;
        c.inDelaySlot = inSlot;
        c.delaySlotNext = false;
        c.cycle = cycle;
    }

    /** Issue at {@code t} (an interlock's ready cycle, or {@code cycle}): the stall counts as load-use. */
    static long interlocked(pebble.r5k.timing.Scoreboard sb, long t, long cycle) {
        if (t != cycle) sb.loadUseStalls += t - cycle;
        return t;
    }

    /** The loop's retire of a memory stall: {@code cycle} plus the stall of the last access, which is taken. */
    static long plusStall(pebble.r5k.cache.MemorySystem m, long cycle) {
        long s = m.stall;
        if (s == 0) return cycle;
        m.stall = 0;
        return cycle + s;
    }

    /** Functional regions: the instruction executed at {@code cycle} entered an exception (the loop's retire). */
    static void trapFunctional(Cpu c, long cycle, long retired) {
        c.instret += retired;
        c.translatedRetired += retired;
        c.cycle = cycle + 1;
        c.memFault = false;
    }

    /**
     * A timed region reaches the kernel instruction {@code word} at {@code pc} (not a delay slot), issued at
     * {@code issueAt} ({@link KernelOpEmitter}): the region's counts go back first (TLBWR's Random and the
     * per-ASID statistics of an EntryHi write read them), then the loop's execute and retire run it. Returns
     * whether the loop would simply go on at the next word with nothing else changed that a region relies on:
     * nothing raised, no ERET, the PC at {@code pc + 4} and not in a delay slot, and the fetch window still this
     * instruction's I-cache line (a CACHE op on the I-cache, a Config write, or a context change or TLB write
     * outside kernel-mode kseg0 drops it: then the region returns and the next fetch is the dispatcher's).
     */
    static boolean kernelOp(TimedCore core, Cpu c, int op, int word, long pc, long issueAt, long retired, long hits) {
        flush(core, c, retired, hits);
        atInstruction(c, pc);
        long before = c.instret;
        boolean ok = core.regionKernelOp(c, op, word, issueAt);
        c.translatedRetired += c.instret - before;
        return ok && c.pc == pc + 4 && !c.inDelaySlot && core.fetchLineVa == (pc & ~31L);
    }

    /**
     * {@link #kernelOp} for a functional region: the functional loop's execute and retire. A functional region
     * fetches nothing itself, so it goes on only in unmapped code ({@link KernelOpEmitter#goesOn}) and only
     * while the CPU is still in kernel mode, where the loop's fetch of that page would give the same words.
     */
    static boolean kernelOpFunctional(Cpu c, int op, int word, long pc, long cycle, long retired) {
        addRetired(c, retired);
        atInstruction(c, pc);
        c.cycle = cycle;
        long before = c.instret;
        boolean ok = Interpreter.executeAndRetire(c, op, word) == Cpu.OK;
        c.translatedRetired += c.instret - before;
        return ok && c.pc == pc + 4 && !c.inDelaySlot && c.isKernel();
    }

    /** The PC state of an instruction that is not in a delay slot, as the loop has it while executing it. */
    private static void atInstruction(Cpu c, long pc) {
        c.pc = pc;
        c.npc = pc + 4;
        c.inDelaySlot = false;
        c.delaySlotNext = false;
    }

    /** The instruction issued at {@code issueAt} entered an exception (already entered by its semantics). */
    static void trap(TimedCore core, Cpu c, long issueAt, long retired, long hits, boolean fpAlu) {
        flush(core, c, retired, hits);
        core.lastFpAlu = fpAlu; // the loop set its class before executing it
        core.regionTrapped(c, issueAt);
    }
}
