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
 * <p>The code a region runs is the code the I-cache holds: at every line it enters, the generated code
 * compares the line's {@link L1Cache#serial} with the one it last checked ({@link #expect}); on a change
 * it compares the words ({@link #revalidate}), and a region whose words differ is dropped ({@link #dead})
 * before it executes anything stale.
 */
abstract class Region {
    /** Virtual and physical address of the first instruction. */
    long entryVa, entryPa;
    /** The words from the region's first instruction to its last (words[i] is page word base + i). */
    int[] words;
    int base;
    /**
     * Per line-entry point k: the I-cache serial last checked, and the page words [checkFrom, checkTo) of that
     * line the region runs from there (RegionShape.checkFrom).
     */
    int[] expect, checkFrom, checkTo;
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
     * The region the dispatcher entered right after this one, the last time (null: none yet, or the loop ran
     * in between). The dispatcher enters it again without {@link RegionCache#find} when it is not dead and
     * its entry is the PC's virtual and physical address: then it is what find would give.
     */
    Region next;

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
    }

    // ------------------------------------------------------------------ called by the generated code

    /**
     * Line-entry point {@code k} found a serial other than the one it last checked: compares the region's
     * words in that line with the I-cache's ({@code idx} is the cache word index of the first of them).
     */
    final boolean revalidate(TimedCore core, int k, int idx) {
        L1Cache ic = core.ic;
        int from = checkFrom[k], to = checkTo[k];
        for (int i = from; i < to; i++) {
            if (ic.data[idx + (i - from)] != words[i - base]) {
                dead = true;
                return false;
            }
        }
        expect[k] = ic.serial[idx >>> 3];
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
