package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * Every way out of a region's method, for {@link RegionEmitter}: each exit site sets a few locals and jumps
 * to one shared block ({@link #emitLeave}) that acts on the exit kind (XK): {@link Region#exit} at an
 * instruction boundary, {@link Region#trap} after an exception, or the fetch's own ends (a fault, an uncached
 * fetch, stale code). Also the loop's bound, which leaves through
 * here when the cycle reaches the limit or the next event.
 */
final class RegionExits {
    private final RegionEmitter e;
    /** The shared way out: act on XK. */
    private final Label leave = new Label();
    /** The way out before a region instruction coded in XIDX ({@link #exitAt}), then {@link #leave}. */
    private final Label leaveAt = new Label();
    /** The same, for a group's bound ({@link #groupBound}): then the loop runs from there ({@code K_TO_LOOP}). */
    private final Label leaveAtToLoop = new Label();
    /** {@link #leaveAt} and {@link #leaveAtToLoop} after counting the instruction before the exit's (timed). */
    private final Label leaveAtRetired = new Label(), leaveAtToLoopRetired = new Label();
    private boolean retiredUsed;
    /** The current group of bounds (page words), as {@link #groupBound} emitted it. */
    private int groupFirst = -1, groupLast = -1;
    /** The shared trap exits, one per dual-issue class of the trapping instruction. */
    private final Label trapInt = new Label(), trapFp = new Label();

    RegionExits(RegionEmitter e) {
        this.e = e;
    }

    private MethodVisitor mv() { return e.mv; }

    /** Leaves by {@link #leave} with exit kind {@code kind}. */
    void leaveAs(int kind) {
        MethodVisitor mv = mv();
        mv.visitLdcInsn(kind);
        mv.visitVarInsn(ISTORE, XK);
        mv.visitJumpInsn(GOTO, leave);
    }

    /**
     * Leaves with "next is {@code pc}, not a delay slot": the way out after a branch, taken every time the
     * region is left there, so its state is constants (the bound's exits, rare, are coded: {@link #exitAt}).
     */
    void exitTo(long pc) {
        MethodVisitor mv = mv();
        mv.visitLdcInsn(pc);
        mv.visitVarInsn(LSTORE, XPC);
        mv.visitLdcInsn(pc + 4);
        mv.visitVarInsn(LSTORE, XNPC);
        notSlot();
    }

    /** Exit to the dynamic target in TGT, not a delay slot. */
    void exitToTarget() {
        MethodVisitor mv = mv();
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitVarInsn(LSTORE, XPC);
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitLdcInsn(4L);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, XNPC);
        notSlot();
    }

    private void notSlot() {
        MethodVisitor mv = mv();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, XSLOT);
        mv.visitInsn(e.timing.lastFp() ? ICONST_1 : ICONST_0); // the dual-issue class of the last issued
        mv.visitVarInsn(ISTORE, XFP);
        leaveAs(K_EXIT);
    }

    /**
     * The bound's way out, before instruction {@code w} (a delay slot when {@code slot}: the branch target in
     * TGT): XIDX = w << 2 | slot << 1 | the current dual-issue class, and the shared block sets XPC, XNPC,
     * XSLOT and XFP from it. A few bytes per instruction instead of about twenty: every instruction has one,
     * and they run only when an event or the limit falls inside the region.
     */
    private void exitAt(int w, boolean slot, Label to) {
        MethodVisitor mv = mv();
        mv.visitLdcInsn(w << 2 | (slot ? 2 : 0) | (e.timing.lastFp() ? 1 : 0));
        mv.visitVarInsn(ISTORE, XIDX);
        mv.visitJumpInsn(GOTO, to);
    }

    /** The current instruction (issued at T, already of its own class) has entered an exception: Region.trap. */
    void trapExit() {
        mv().visitJumpInsn(GOTO, e.timing.lastFp() ? trapFp : trapInt);
    }

    /** The loop's bound: {@code cycle < limit && cycle < nextEventAt}, else leave before instruction w. */
    void bound(int w, boolean slot) {
        Label ok = unlessBelowLimit(0);
        exitAt(w, slot, leaveAt);
        mv().visitLabel(ok);
    }

    /**
     * Emits {@code if (CYC + plus < LIM) goto ok}: the caller emits the way out after it, then visits the label
     * returned.
     */
    private Label unlessBelowLimit(long plus) {
        MethodVisitor mv = mv();
        Label ok = new Label();
        mv.visitVarInsn(LLOAD, CYC);
        if (plus != 0) {
            mv.visitLdcInsn(plus);
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, ok);
        return ok;
    }

    /** The check of the group of bound {@code sum} that starts at w; where it fails, the loop runs from w. */
    private void groupCheck(int w, boolean slot, long sum) {
        if (sum == 0) {
            bound(w, slot);
            return;
        }
        Label ok = unlessBelowLimit(sum);
        exitAt(w, slot, leaveAtToLoop);
        mv().visitLabel(ok);
    }

    /**
     * The loop's bound before instruction w as the code is emitted in sequence (RegionEmitter.instructionStart),
     * checked once per group ({@link RegionTiming#group}): at the group's first instruction,
     * {@code CYC + sum < LIM}, where sum bounds what the instructions before the group's last add to the
     * cycle; the others check nothing. Where that check fails but the single one might not, the region leaves
     * at the group's first instruction, with the PC state the single check's exit would leave (a delay slot
     * included), and the loop runs from there ({@code TimedCore.regionBoundMissed}, or the functional
     * dispatcher's loop when {@link Region#boundMissed} is set): its own bound stops at the exact instruction.
     * Going back to the dispatcher's region instead would enter the region again at once, forever. (Timed: a
     * transfer that jumps past a block start's bound and fetch checks that block's whole group,
     * {@link #blockBound}. Functional transfers go to the block's label, and a block start always starts a
     * group.)
     */
    void groupBound(int w, boolean slot) {
        if (w > groupFirst && w <= groupLast) return;
        long sum = e.timing.group(w, slot);
        groupFirst = w;
        groupLast = e.timing.groupLast;
        groupCheck(w, slot, sum);
    }

    /**
     * Timed: the check a transfer makes for block start w before jumping past its bound and fetch (a same-line
     * hit): the one w's group makes ({@link RegionTiming#blockGroup}), so that it implies the bounds of the whole
     * group as w's own would; where the single check might still pass, the loop runs from w.
     */
    void blockBound(int w) {
        groupCheck(w, false, e.timing.blockGroup(w));
    }

    /**
     * Timed: after block start w's slow fetch, whose stall the check at the group's start did not include: the
     * bounds of the rest of the group, w's own issue included. Where that fails, the loop runs w from the fetched
     * word, as after a stale fetch ({@code TimedCore.finishFetched}: its fetch is done and counted), and the
     * region leaves.
     */
    void fetchRecheck(int w, boolean slot) {
        if (w < groupFirst || w >= groupLast) return;
        Label ok = unlessBelowLimit(e.timing.restOfGroup(w));
        storeState(w, slot);
        leaveAs(K_STALE);
        mv().visitLabel(ok);
    }

    /**
     * After the call of instruction w (a memory access that missed the inline path, or a functional semantics
     * method), with LIM read again and, timed, the access's stall added to CYC: the bounds of the rest of its
     * group, the instructions after w up to the group's last, which the check at the group's start made with
     * the LIM of then and, timed, without this stall. A device access asks for an event check (nextEventAt = 0),
     * which the loop takes before the next instruction. Where the check fails the region leaves at w + 1, w
     * retired (timed: counted here, as the instruction's own count comes after its execution; functional: CYC is
     * already past it, and the count is the cycles since N), and the loop runs from there, or the dispatcher
     * stops when w + 1 is the group's last (the single check's own exit). w is never a delay slot here (a slot
     * is a group's last) nor a branch (whose own work calls nothing).
     */
    void groupRecheck(int w) {
        if (w < groupFirst || w >= groupLast) return;
        long rest = e.timed ? e.timing.restOfGroup(w + 1) : groupLast - (w + 1);
        Label ok = unlessBelowLimit(rest);
        if (e.timed) { // w is done but not yet counted: the shared ways out count it
            retiredUsed = true;
            exitAt(w + 1, false, w + 1 == groupLast ? leaveAtRetired : leaveAtToLoopRetired);
        } else {
            exitAt(w + 1, false, w + 1 == groupLast ? leaveAt : leaveAtToLoop);
        }
        mv().visitLabel(ok);
    }

    /**
     * Timed: leaves before instruction w (a delay slot when {@code slot}) as a failed group bound does, and the
     * loop runs the block from there ({@code TimedCore.regionBoundMissed}). For a point whose fetch the region
     * does not take itself (RegionFetch: a line-entry point that starts no block, on a miss).
     */
    void leaveToLoop(int w, boolean slot) {
        exitAt(w, slot, leaveAtToLoop);
    }

    /** LIM = min(limit, c.nextEventAt): after anything that may have reached a device. */
    void refreshLimit() {
        MethodVisitor mv = mv();
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "nextEventAt", "J");
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
        mv.visitVarInsn(LSTORE, LIM);
    }

    /** Writes the PC state of instruction w (and cycle, lastIssueAt) to the fields, for a helper or the slow fetch. */
    void storeState(int w, boolean slot) {
        MethodVisitor mv = mv();
        long pc = e.pcOf(w);
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(pc);
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "J");
        mv.visitVarInsn(ALOAD, C);
        if (slot) mv.visitVarInsn(LLOAD, TGT); else mv.visitLdcInsn(pc + 4);
        mv.visitFieldInsn(PUTFIELD, CPU, "npc", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitInsn(slot ? ICONST_1 : ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitFieldInsn(PUTFIELD, CPU, "cycle", "J");
        if (!e.timed) return;
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(LLOAD, LAST_T);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastIssueAt", "J");
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitInsn(e.timing.lastFp() ? ICONST_1 : ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastFpAlu", "Z");
    }

    /** Region.flush(core, c, n, h). */
    void flushCounters() {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, N);
        mv.visitVarInsn(LLOAD, H);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "flush", "(L" + CORE + ";L" + CPU + ";JJ)V", false);
    }

    /**
     * Region.addRetired(c, n) with n the instructions retired before the cycle in {@code clock}
     * (RegionEmitter.pushRetired): instret and the translated count (functional regions count nothing else).
     */
    void flushFunctional(int clock) {
        MethodVisitor mv = mv();
        mv.visitVarInsn(ALOAD, C);
        e.pushRetired(clock);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "addRetired", "(L" + CPU + ";J)V", false);
    }

    // -------------------------------------------------------------- the shared block

    /**
     * The shared way out, emitted once at the end of the method, by XK: Region.exit (an instruction boundary),
     * Region.trap (an exception entered by the instruction issued at T), or the fetch's own ends.
     */
    void emitLeave() {
        MethodVisitor mv = mv();
        decodeExitIndex();
        for (Label l : new Label[] {trapInt, trapFp}) {
            mv.visitLabel(l);
            mv.visitInsn(l == trapFp ? ICONST_1 : ICONST_0);
            mv.visitVarInsn(ISTORE, XFP);
            leaveAs(K_TRAP);
        }
        mv.visitLabel(leave);
        Label exit = new Label(), trap = new Label(), fault = new Label(), uncached = new Label(), stale = new Label(),
                toLoop = new Label();
        mv.visitVarInsn(ILOAD, XK);
        if (e.timed) {
            mv.visitTableSwitchInsn(K_EXIT, K_TO_LOOP, exit, exit, trap, fault, uncached, stale, toLoop);
        } else {
            mv.visitJumpInsn(IFEQ, exit);
            mv.visitVarInsn(ILOAD, XK);
            mv.visitLdcInsn(K_TRAP);
            mv.visitJumpInsn(IF_ICMPEQ, trap);
            mv.visitJumpInsn(GOTO, toLoop);
        }
        mv.visitLabel(exit);
        regionExit();
        mv.visitInsn(RETURN);
        // A group's bound failed: the loop runs from the instruction the exit names (timed: here; functional:
        // the dispatcher, told by boundMissed).
        mv.visitLabel(toLoop);
        regionExit();
        if (e.timed) {
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitVarInsn(LLOAD, LIMIT);
            mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionBoundMissed", "(J)V", false);
        } else {
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitInsn(ICONST_1);
            mv.visitFieldInsn(PUTFIELD, REGION, "boundMissed", "Z");
        }
        mv.visitInsn(RETURN);
        // Exception entered: Region.trap(core, c, t, n, h, fp), or trapFunctional(c, t, n)
        mv.visitLabel(trap);
        if (e.timed) mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, T);
        e.pushRetired(T);
        if (e.timed) {
            mv.visitVarInsn(LLOAD, H);
            mv.visitVarInsn(ILOAD, XFP);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "trap", "(L" + CORE + ";L" + CPU + ";JJJZ)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "trapFunctional", "(L" + CPU + ";JJ)V", false);
        }
        mv.visitInsn(RETURN);
        if (!e.timed) return;
        // The fetch faulted: the core entered the exception.
        mv.visitLabel(fault);
        flushCounters();
        mv.visitInsn(RETURN);
        // An uncached fetch: the loop runs the instruction, after the registers are back.
        mv.visitLabel(uncached);
        flushCounters();
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, XPC);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionStepUncached", "(L" + CPU + ";J)V", false);
        mv.visitInsn(RETURN);
        // Stale: the cache holds other code. Run the fetched instruction as the loop would, and leave.
        mv.visitLabel(stale);
        flushCounters();
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "finishFetched", "(L" + CPU + ";I)V", false);
        mv.visitInsn(RETURN);
    }

    /** Region.exit (timed) or Region.exitFunctional with the PC state in XPC, XNPC, XSLOT (and XFP). */
    private void regionExit() {
        MethodVisitor mv = mv();
        if (e.timed) mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, XPC);
        mv.visitVarInsn(LLOAD, XNPC);
        mv.visitVarInsn(ILOAD, XSLOT);
        mv.visitVarInsn(LLOAD, CYC);
        e.pushRetired(CYC);
        if (e.timed) {
            mv.visitVarInsn(LLOAD, H);
            mv.visitVarInsn(LLOAD, LAST_T);
            mv.visitVarInsn(ILOAD, XFP);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "exit", "(L" + CORE + ";L" + CPU + ";JJZJJJJZ)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "exitFunctional", "(L" + CPU + ";JJZJJ)V", false);
        }
    }

    /** The bound's exits: the PC state from XIDX, then the shared way out. */
    private void decodeExitIndex() {
        MethodVisitor mv = mv();
        if (retiredUsed) {
            mv.visitLabel(leaveAtRetired);
            e.increment(N);
            mv.visitJumpInsn(GOTO, leaveAt);
            mv.visitLabel(leaveAtToLoopRetired);
            e.increment(N);
            mv.visitJumpInsn(GOTO, leaveAtToLoop);
        }
        mv.visitLabel(leaveAt);
        decodeIndex();
        leaveAs(K_EXIT);
        mv.visitLabel(leaveAtToLoop);
        decodeIndex();
        leaveAs(K_TO_LOOP);
    }

    /**
     * The PC state coded in XIDX (w << 2 | slot << 1 | dual-issue class): XPC = page + 4w; XFP; XSLOT; XNPC =
     * XSLOT ? TGT : XPC + 4.
     */
    private void decodeIndex() {
        MethodVisitor mv = mv();
        mv.visitLdcInsn(e.pageVa);
        mv.visitVarInsn(ILOAD, XIDX);
        mv.visitInsn(ICONST_2);
        mv.visitInsn(ISHR);
        mv.visitInsn(I2L);
        mv.visitInsn(ICONST_2);
        mv.visitInsn(LSHL);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, XPC);
        mv.visitVarInsn(ILOAD, XIDX);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, XFP);
        mv.visitVarInsn(ILOAD, XIDX);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISHR);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, XSLOT);
        Label notSlot = new Label(), npcSet = new Label();
        mv.visitJumpInsn(IFEQ, notSlot);
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitVarInsn(LSTORE, XNPC);
        mv.visitJumpInsn(GOTO, npcSet);
        mv.visitLabel(notSlot);
        mv.visitVarInsn(LLOAD, XPC);
        mv.visitLdcInsn(4L);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, XNPC);
        mv.visitLabel(npcSet);
    }
}
