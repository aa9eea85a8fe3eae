package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * A region's branches and jumps with their delay slots, for {@link RegionEmitter}: the condition and link
 * on the registers, the branch costs on the paths where they apply, and where control goes next.
 * A transfer to a block of the same region ({@link RegionShape}) is a JVM goto to that block's label; the
 * block's first instruction checks the bound as every instruction does, so an event or the limit still
 * lands exactly there. A JR/JALR compares its target with the region's blocks (an inline cache: a page
 * check, then a {@code lookupswitch} on the offset). Every other transfer leaves the region.
 *
 * <p>A block is emitted for a predecessor that is not FP-ALU (as the dispatcher enters a region only then:
 * the dual-issue class at a block's first instruction must be known statically), so a transfer after an
 * FP-ALU delay slot leaves through the ordinary exit instead.
 */
final class RegionBranches {
    private final RegionEmitter e;
    private final RegionShape s;
    private final RegionExits x;

    RegionBranches(RegionEmitter e) {
        this.e = e;
        this.s = e.shape;
        this.x = e.exits;
    }

    /**
     * Control moves on to page word {@code w} (a transfer, or straight on): a goto to its block when the
     * region holds one and the last instruction issued is not FP-ALU, else the exit to it. {@code fallsInto}:
     * the code for {@code w} comes next, so only the exit, if any, needs emitting.
     */
    void transfer(int w, boolean fallsInto) {
        boolean inside = w >= 0 && w < 1024 && s.in[w] && (fallsInto || s.leader[w]);
        if (inside && (!s.leader[w] || !e.timing.lastFp())) {
            if (fallsInto) return;
            if (e.fetched[w] != null && ((e.pcOf(e.cur) ^ e.pcOf(w)) & ~31L) == 0) { // same line: a counted hit
                e.exits.blockBound(w);
                e.increment(H);
                e.mv.visitJumpInsn(GOTO, e.fetched[w]);
            } else {
                e.mv.visitJumpInsn(GOTO, e.labels[w]);
            }
            return;
        }
        x.exitTo(e.pcOf(w));
    }

    /** A branch at w and its delay slot at w + 1; returns whether the not-taken path goes on at w + 2. */
    boolean branch(int w, int op) {
        MethodVisitor mv = e.mv;
        Op o = Op.all()[op];
        boolean likely = (o.effects & Effects.LIKELY) != 0, jump = (o.effects & Effects.JUMP) != 0;
        long p = e.pcOf(w);
        int word = s.word(w);
        e.instructionStart(w, false);
        e.timing.issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        e.next();
        e.increment(N);
        e.timing.advance();
        // Execute (BranchOps on the locals): the condition reads the registers before any link is written.
        Label taken = new Label(), slot = new Label();
        boolean links = (o.effects & Effects.WRITES_RA) != 0;
        if (InlineOps.hasCondition(o)) {
            if (links) { // DS = condition; link; then decide
                Label yes = new Label(), decided = new Label();
                e.inline.condition(o, word, yes);
                mv.visitInsn(ICONST_0);
                mv.visitJumpInsn(GOTO, decided);
                mv.visitLabel(yes);
                mv.visitInsn(ICONST_1);
                mv.visitLabel(decided);
                mv.visitVarInsn(ISTORE, DS);
                link(31, p);
                mv.visitVarInsn(ILOAD, DS);
                mv.visitJumpInsn(IFNE, taken);
            } else {
                e.inline.condition(o, word, taken);
            }
            // Not taken.
            if (likely) { // the delay slot is annulled: on to p + 8
                e.addCycles(e.timed ? e.t.branchLikelyAnnulled : 0);
                transfer(w + 2, false);
            } else {
                mv.visitLdcInsn(p + 8);
                mv.visitVarInsn(LSTORE, TGT);
                mv.visitJumpInsn(GOTO, slot);
            }
            mv.visitLabel(taken);
            long target = p + 4 + ((long) (short) word << 2);
            mv.visitLdcInsn(target);
            mv.visitVarInsn(LSTORE, TGT);
            if (target != p + 8) e.addCycles(e.timed ? e.t.branchTakenExtra : 0);
        } else if (o == Op.J || o == Op.JAL) {
            if (o == Op.JAL) link(31, p);
            long target = ((p + 4) & ~0x0FFFFFFFL) | ((long) (word & 0x03FFFFFF) << 2);
            mv.visitLdcInsn(target);
            mv.visitVarInsn(LSTORE, TGT);
            if (target != p + 8) e.addCycles(e.timed ? e.t.branchTakenExtra : 0);
        } else { // JR, JALR: the target is read before the link (rd may equal rs)
            e.regs.load((word >>> 21) & 31);
            mv.visitVarInsn(LSTORE, TGT);
            if (o == Op.JALR) link((word >>> 11) & 31, p);
            if (e.timed && e.t.branchTakenExtra != 0) {
                Label noExtra = new Label();
                mv.visitVarInsn(LLOAD, TGT);
                mv.visitLdcInsn(p + 8);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, noExtra);
                e.addCycles(e.t.branchTakenExtra);
                mv.visitLabel(noExtra);
            }
        }
        mv.visitLabel(slot);
        e.instruction(w + 1, Decoder.decode(s.word(w + 1)).ordinal(), true);
        if (o == Op.JR || o == Op.JALR) {
            inlineCache();
            x.exitToTarget();
            return false;
        }
        int target = RegionShape.staticTarget(w, word, o, e.pageVa);
        long targetPc = jump ? ((p + 4) & ~0x0FFFFFFFL) | ((long) (word & 0x03FFFFFF) << 2)
                : p + 4 + ((long) (short) word << 2);
        if (jump) {
            jumpTo(target, targetPc);
            return false;
        }
        // TGT is p + 8 when the branch fell through (or was taken to p + 8: the same place).
        Label jumped = new Label();
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitLdcInsn(p + 8);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, jumped);
        if (likely) { // taken to p + 8
            transfer(w + 2, false);
        } else {
            Label onward = new Label();
            mv.visitJumpInsn(GOTO, onward);
            mv.visitLabel(jumped);
            jumpTo(target, targetPc);
            mv.visitLabel(onward);
            return true;
        }
        mv.visitLabel(jumped);
        jumpTo(target, targetPc);
        return false;
    }

    /** The taken side: to the block at page word {@code target} if the region holds it, else out to {@code pc}. */
    private void jumpTo(int target, long pc) {
        if (target >= 0) transfer(target, false); else x.exitTo(pc);
    }

    /**
     * JR/JALR, after the slot: a target that starts one of the region's blocks is a goto (page check, then a
     * lookupswitch on the offset in the page); any other leaves through the exit that follows.
     */
    private void inlineCache() {
        if (!s.hasIndirect || e.timing.lastFp()) return;
        int blocks = 0;
        for (int w = 0; w < 1024; w++) if (s.leader[w] && s.in[w]) blocks++;
        int[] keys = new int[blocks];
        Label[] to = new Label[blocks];
        for (int w = 0, k = 0; w < 1024; w++) {
            if (!s.leader[w] || !s.in[w]) continue;
            keys[k] = w << 2;
            to[k++] = e.labels[w];
        }
        MethodVisitor mv = e.mv;
        Label miss = new Label();
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitLdcInsn(e.pageVa);
        mv.visitInsn(LXOR);
        mv.visitLdcInsn(~0xFFCL); // the same page, and word-aligned
        mv.visitInsn(LAND);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitInsn(L2I);
        mv.visitLdcInsn(0xFFC);
        mv.visitInsn(IAND);
        mv.visitLookupSwitchInsn(miss, keys, to);
        mv.visitLabel(miss);
    }

    /** GPR r = p + 8, the return address of the branch at p. */
    private void link(int r, long p) {
        e.mv.visitLdcInsn(p + 8);
        e.regs.store(r);
    }
}
