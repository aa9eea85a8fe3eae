package pebble.r5k.cpu;

import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Scoreboard;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionCompiler.FP_ALU;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * The timed loop's issue as a region emits it (docs/translator.md, "What is static and what stays
 * dynamic"): an interlock is checked only where it could stall. Functional regions issue every instruction
 * at the current cycle. (The fetch is {@link RegionFetch}'s.)
 */
final class RegionTiming {
    private final RegionEmitter e;
    private final RegionRegisters regs;
    /** The longest latency of any GPR result in the table (RegionCompiler). */
    private final int maxGprLatency;
    /** Per GPR: position (in the current straight run) of the last writer, and its latency. */
    private final int[] writerPos = new int[33], writerLat = new int[33];
    private int pos;
    /**
     * Timed: whether the last instruction issued so far (statically, on the path being emitted) is FP-ALU.
     * False at each block's start: the region's entry (the dispatcher's condition), and every block a
     * transfer reaches (only taken after a non-FP-ALU instruction: RegionBranches.transfer).
     */
    private boolean lastFp;
    /** Whether the instruction being emitted may pair with the previous one (then it does not advance pos). */
    private boolean mayPair;

    RegionTiming(RegionEmitter e, int maxGprLatency) {
        this.e = e;
        this.regs = e.regs;
        this.maxGprLatency = maxGprLatency;
    }

    boolean lastFp() { return lastFp; }

    /**
     * At each block's start: nothing is known of the interlocks but that every earlier writer issued before
     * the block's first cycle (true of every path into it: the dispatcher's entry and each transfer), and the
     * predecessor is not FP-ALU.
     */
    void resetKnowledge() {
        forgetWriters(writerPos);
        pos = 0;
        lastFp = false;
    }

    /** Every GPR's last writer issued before the run began (a position no run reaches back to). */
    private static void forgetWriters(int[] writerPos) {
        java.util.Arrays.fill(writerPos, Integer.MIN_VALUE / 2);
    }

    /**
     * One more instruction issued: pos counts those that certainly issued a cycle after their predecessor
     * (a paired instruction issues in its predecessor's cycle, so it does not count; see mayStall).
     */
    void advance() {
        if (!mayPair) pos++;
        mayPair = false;
    }

    // -------------------------------------------------------------- issue

    /** Issue (TimedCore: issueFast or the scoreboard's issue): leaves the issue cycle in T. */
    void issue(int op, int word) {
        MethodVisitor mv = e.mv;
        if (!e.timed) { // one cycle per instruction: issue now
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitVarInsn(LSTORE, T);
            return;
        }
        boolean fp = FP_ALU[op];
        mayPair = fp != lastFp;
        lastFp = fp;
        if (mayPair) { // a class change: the loop's pairing rule (dual issue, §1.1)
            scoreboardCall(op, word, () -> {
                mv.visitVarInsn(ALOAD, CORE_L);
                mv.visitLdcInsn(op);
                mv.visitLdcInsn(word);
                mv.visitVarInsn(LLOAD, CYC);
                mv.visitVarInsn(LLOAD, LAST_T);
                mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionIssueMixed", "(IIJJ)J", false);
                mv.visitVarInsn(LSTORE, T);
            });
            return;
        }
        int d = Scoreboard.describe(op, word);
        if (d < 0) { // HI/LO, long-latency units or FP operands: the scoreboard's own issue
            scoreboardCall(op, word, () -> {
                mv.visitVarInsn(LLOAD, CYC);
                mv.visitVarInsn(ALOAD, CORE_L);
                mv.visitFieldInsn(GETFIELD, CORE, "sb", "L" + SB + ";");
                mv.visitLdcInsn(op);
                mv.visitLdcInsn(word);
                mv.visitVarInsn(LLOAD, CYC);
                mv.visitMethodInsn(INVOKEVIRTUAL, SB, "issue", "(IIJ)J", false);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, T);
            });
            return;
        }
        int rs = d & 31, rt = (d >>> 5) & 31, dst = (d >>> 10) & 63;
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LSTORE, T);
        boolean dynamic = false;
        if (mayStall(rs)) { maxReady(rs); dynamic = true; }
        if (rt != rs && mayStall(rt)) { maxReady(rt); dynamic = true; }
        if (dynamic) { // T = Region.interlocked(sb, T, CYC): counts the load-use stall
            mv.visitVarInsn(ALOAD, SB_L);
            mv.visitVarInsn(LLOAD, T);
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "interlocked", "(L" + SB + ";JJ)J", false);
            mv.visitVarInsn(LSTORE, T);
        }
        int lat = e.t.latency[Op.all()[op].timing.ordinal()];
        if (dst != 32) { // ready[dst] = t + latency
            if (!readyCannotMatter(dst, lat, fp)) {
                mv.visitVarInsn(LLOAD, T);
                mv.visitLdcInsn((long) lat);
                mv.visitInsn(LADD);
                regs.storeReady(dst);
            }
            writerPos[dst] = pos;
            writerLat[dst] = lat;
        }
    }

    /**
     * Whether the ready cycle T + 1 of a one-cycle result in GPR dst can be left out of the scoreboard. The
     * scoreboard reads a ready cycle only as {@code max(c, ready)} or {@code ready - c} against zero, with c
     * an issue cycle ({@code Scoreboard.issue}, {@code issueFast}, {@code stallAt}); left out, the array keeps
     * the ready cycle of an earlier write, which is at most this instruction's issue cycle T when no read of
     * dst here could stall (mayStall). Both give the same answer for every c of T + 1 or later. A c of T,
     * the cycle of this instruction, is only used by a dual-issue test of the instruction right after it,
     * when that one is FP-ALU: {@link RegionEmitter#successorReadsNothingAtT} rules that out. (c never
     * goes back below T: issue cycles grow, and exceptions clear the previous issue cycle.)
     */
    private boolean readyCannotMatter(int dst, int lat, boolean fp) {
        return lat == 1 && !fp && !mayStall(dst) && e.successorReadsNothingAtT();
    }

    /** A scoreboard call: the issue cycle into T, and what it tells about the results' ready cycles. */
    private void scoreboardCall(int op, int word, Runnable call) {
        call.run();
        recordWrites(op, word);
    }

    /** Whether GPR r (0: none) can still be pending at the current position. */
    private boolean mayStall(int r) {
        return stallBound(r, writerPos, writerLat, pos) > 0;
    }

    // -------------------------------------------------------------- the bound's groups

    /** The last page word of the group {@link #group} found. */
    int groupLast;
    /** Per page word of that group but its last: the most the word adds to CYC ({@link #deltaBound}). */
    private final int[] groupDelta = new int[1024];

    /**
     * The group of instructions whose bound checks one check at its first instruction {@code s}
     * ({@code slot}: a delay slot) makes (docs/translator.md, "What is static and what stays dynamic", Bound).
     * From s on, as the code is emitted from here (this object's knowledge), each instruction whose addition to
     * CYC, from its bound to the next instruction's, has a static upper bound on the paths that make no call
     * ({@link #deltaBound}) joins the group. The group goes on to the next word while the last one is such an
     * instruction, and ends at a delay slot (where the branch's paths part) and before any block start. The
     * last instruction of a group may be of any kind: its own bound comes before anything it does. Returns
     * the sum of the bounds up to the last one, so that {@code CYC + sum < LIM} at s implies the bound of
     * every instruction of the group (CYC never goes down); the paths that call out (a memory access's miss)
     * check the rest of the group again after the call ({@link #restOfGroup}). Sets {@link #groupLast}.
     * Functional regions: {@link #functionalGroup}.
     */
    long group(int s, boolean slot) {
        if (!e.timed) return functionalGroup(s, slot);
        long sum = simulate(s, slot, writerPos.clone(), writerLat.clone(), pos, lastFp, groupDelta);
        groupLast = simulatedLast;
        return sum;
    }

    /**
     * Timed: the sum {@link #group} gives at block start w, where the knowledge is reset whatever the path
     * ({@link #resetKnowledge}): what a transfer that jumps past w's bound and fetch (RegionBranches) checks for
     * the whole group, as w's own check would. Leaves the current group as it is.
     */
    long blockGroup(int w) {
        int[] wp = new int[33];
        forgetWriters(wp);
        return simulate(w, false, wp, new int[33], 0, false, null);
    }

    /** The last word of the group {@link #simulate} found. */
    private int simulatedLast;

    /** The group from s with knowledge (wp, wl, p, fp): its sum; each word's bound in {@code deltas} (unless null). */
    private long simulate(int s, boolean slot, int[] wp, int[] wl, int p, boolean fp, int[] deltas) {
        long sum = 0;
        int j = s;
        boolean inSlot = slot;
        while (true) {
            int delta = deltaBound(j, wp, wl, p, fp);
            if (delta < 0 || inSlot) break;
            int n = j + 1;
            if (n >= 1024 || !e.shape.in[n] || e.labels[n] != null) break;
            inSlot = RegionCompiler.kindOf(Decoder.decode(e.shape.word(j)).ordinal(), e.shape.word(j), true) == RegionCompiler.BRANCH;
            if (deltas != null) deltas[j] = delta;
            sum += delta;
            p++;
            j = n;
        }
        simulatedLast = j;
        return sum;
    }

    /**
     * Timed: the sum of the bounds of the current group's words from {@code from} to its last (exclusive): what
     * the check at the group's start assumed of them, to be checked again where CYC moved by more (after a call).
     */
    long restOfGroup(int from) {
        long rest = 0;
        for (int j = from; j < groupLast; j++) rest += groupDelta[j];
        return rest;
    }

    /**
     * {@link #group} for a functional region. There every instruction adds exactly one to CYC, whatever it does:
     * the functional loop's retire ({@code Interpreter.retire}) adds one per instruction, with no stall, branch
     * cost or interlock, and one that traps leaves the region. So the constant is 1 for every instruction, and
     * what ends a group is only what can change that or the path:
     * <ul>
     * <li>a kernel instruction: the machine executes and retires it, and the region goes on (if at all) with CYC
     * read back from {@code c.cycle} and LIM from {@code nextEventAt}: a Count, Compare, Status or Cause write
     * may have asked for an event check, which must stop the very next instruction (resumeAfterKernelOp);</li>
     * <li>a delay slot: the branch's paths part after it;</li>
     * <li>a block start (a goto target, JR's inline cache included): other paths come in there with another
     * CYC, so its bound is checked by its own group, which it starts.</li>
     * </ul>
     * A memory access or a semantics call does not end the group, though it may reach a device, which asks for
     * an event check (nextEventAt = 0) that must stop the next instruction. Only its call can do that, never
     * the inline page-filter hit (RAM, no device); after the call, LIM is read again and the rest of the group
     * checked again ({@link RegionExits#groupRecheck}). Returns the number of instructions before the group's
     * last, the sum of their constants.
     */
    private long functionalGroup(int s, boolean slot) {
        int j = s;
        boolean inSlot = slot;
        while (!inSlot) {
            int kind = RegionCompiler.kindOf(Decoder.decode(e.shape.word(j)).ordinal(), e.shape.word(j), false);
            if (kind == RegionCompiler.KERNEL) break;
            int n = j + 1;
            if (n >= 1024 || !e.shape.in[n] || e.labels[n] != null) break;
            inSlot = kind == RegionCompiler.BRANCH;
            j = n;
        }
        groupLast = j;
        return j - s;
    }

    /**
     * The most instruction j adds to CYC, from its bound to the next instruction's, on its paths that make no
     * call, given what {@link #issue} would know there ({@code wp}, {@code wl}, {@code p}, and {@code fp}, which
     * such instructions keep), or -1 where there is no such bound; records its write as issue() would. Such an
     * instruction issues with no scoreboard call and runs inline (an ALU row, or a load or store whose D-cache
     * hit is inline: a hit adds no stall) or is a branch: 1, plus a branch's taken cost (an upper bound: the
     * not-taken path adds none), plus the most an interlock {@code max} can stall it ({@link #stallBound}). A
     * load's or store's miss calls out, and its stall is added after the call, where the rest of the group is
     * checked again (RegionExits.groupRecheck). A line-entry point's fetch hit adds nothing; a miss leaves the
     * region unless the point starts a block, and a block start (always a group's first word) checks the rest
     * of its group again after its slow fetch's stall (RegionFetch). {@code fp}: whether the instruction before
     * j is FP-ALU (an instruction of the other class goes through the pairing rule's call).
     */
    private int deltaBound(int j, int[] wp, int[] wl, int p, boolean fp) {
        int word = e.shape.word(j);
        Op o = Decoder.decode(word);
        int op = o.ordinal();
        int kind = RegionCompiler.kindOf(op, word, true);
        boolean inline = (kind == RegionCompiler.PLAIN || kind == RegionCompiler.CALL)
                && (InlineOps.handles(o) || InlineMemory.handles(o));
        if (kind != RegionCompiler.BRANCH && !inline) return -1;
        if (FP_ALU[op] != fp) return -1; // the pairing rule's call
        int d = Scoreboard.describe(op, word);
        if (d < 0) return -1; // the scoreboard's own issue
        int rs = d & 31, rt = (d >>> 5) & 31, dst = (d >>> 10) & 63;
        int stall = Math.max(stallBound(rs, wp, wl, p), stallBound(rt, wp, wl, p));
        if (dst != 32) {
            wp[dst] = p;
            wl[dst] = e.t.latency[o.timing.ordinal()];
        }
        return (kind == RegionCompiler.BRANCH ? 1 + e.t.branchTakenExtra : 1) + stall;
    }

    /**
     * The most an interlock on GPR r (0: none) can stall the instruction at position p (0: it cannot, and its
     * {@code max} is left out, {@link #mayStall}): a writer in this run, issued at T_w, is ready at T_w + its latency, and this instruction issues no
     * earlier than T_w + (p - its position); one from before the run issued before the run's first cycle, and
     * its result was ready at most the longest GPR latency after.
     */
    private int stallBound(int r, int[] wp, int[] wl, int p) {
        if (r == 0) return 0;
        int w = wp[r];
        if (w < 0) return Math.max(0, maxGprLatency - 1 - p);
        return Math.max(0, wl[r] - (p - w));
    }

    private void maxReady(int r) {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(LLOAD, T);
        regs.loadReady(r);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
        mv.visitVarInsn(LSTORE, T);
    }

    /** Static knowledge of the GPRs an op through the scoreboard's issue writes. */
    private void recordWrites(int op, int word) {
        Op o = Op.all()[op];
        int ef = o.effects, lat = e.t.latency[o.timing.ordinal()];
        if ((ef & Effects.WRITES_RD) != 0) note((word >>> 11) & 31, lat);
        if ((ef & Effects.WRITES_RT) != 0) note((word >>> 16) & 31, lat);
        if ((ef & Effects.WRITES_RA) != 0) note(31, lat);
    }

    private void note(int r, int lat) {
        if (r == 0) return;
        writerPos[r] = pos;
        writerLat[r] = lat;
    }

    // -------------------------------------------------------------- retire

    /** cyc = Region.plusStall(mem, cyc): the stall of the access just made, taken from the memory system. */
    void memoryStall() {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, MEM_L);
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "plusStall", "(L" + MEM + ";J)J", false);
        mv.visitVarInsn(LSTORE, CYC);
    }
}
