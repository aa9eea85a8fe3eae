package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * The timed loop's fetch as a region emits it (docs/translator.md, "What is static and what stays dynamic",
 * and "Stale code in timed mode"). At a line-entry point ({@link RegionShape#point}: a block's start, or
 * the first word of a line) the loop's own fast test is inline: is the PC in the core's fetch window? Then
 * it is a hit, counted, and the line's serial is compared with the one last checked there. A point that
 * starts a line but no block is always another line (its predecessor's line is the window), so it skips the
 * test and probes at once with {@link TimedCore#regionFetchHit}: the probe's hit, without the loop state a
 * miss needs. Every other instruction is a same-line hit, only counted. Functional regions fetch nothing.
 *
 * <p>Each point has its own copy of the rare paths (the slow fetch: the loop's probe, refill and stall, or a
 * fault or an uncached fetch, which leave; and the revalidation of a changed serial: same words go on, other
 * words are stale and leave), each going straight back to its point. One copy shared by all the points of a
 * method, returning through a {@code tableswitch} on the point's number, kept methods smaller but made every
 * point a successor of every other in C2's view: the gcc workload ran about a sixth slower timed
 * (docs/translator.md, "Measured effects").
 */
final class RegionFetch {
    private final RegionEmitter e;

    RegionFetch(RegionEmitter e) {
        this.e = e;
    }

    /** The fetch of the instruction at page word w ({@code slot}: a delay slot, the branch target in TGT). */
    void fetch(int w, boolean slot) {
        if (!e.timed) return; // the functional loop fetches from its page window: nothing to count
        MethodVisitor mv = e.mv;
        long pc = e.pcOf(w);
        int k = e.shape.point[w];
        if (k < 0) {
            e.increment(H);
            return;
        }
        Label back = new Label(), ok = new Label(), slow = new Label(), otherLine = new Label();
        if (e.labels[w] != null) { // a block start: any path may lead here, from any line
            // if (((pc ^ core.fetchLineVa) & ~0x1C) == 0) { hits++; idx = core.fetchBase | word } else another line
            mv.visitLdcInsn(pc);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "fetchLineVa", "J");
            mv.visitInsn(LXOR);
            mv.visitLdcInsn(~0x1CL);
            mv.visitInsn(LAND);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, otherLine);
            e.increment(H);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "fetchBase", "I");
            mv.visitLdcInsn((int) (pc >>> 2) & 7);
            mv.visitInsn(IOR);
            mv.visitVarInsn(ISTORE, IDX);
            mv.visitJumpInsn(GOTO, back);
        }
        // Another line. Where w is no block start, only its predecessor w - 1 leads here, and the window is
        // the line that one was fetched from (nothing in a region moves it but its own fetches): the test
        // above would always fail, so it is left out. idx = core.regionFetchHit(pc), or the slow fetch.
        mv.visitLabel(otherLine);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitLdcInsn(pc);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionFetchHit", "(J)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, IDX);
        mv.visitJumpInsn(IFLT, slow);
        mv.visitLabel(back);
        // The line's serial: unchanged since the last check, or the same words (revalidate), or stale.
        mv.visitVarInsn(ALOAD, SERIAL);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(ICONST_3);
        mv.visitInsn(IUSHR);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(ALOAD, EXPECT);
        mv.visitLdcInsn(k);
        mv.visitInsn(IALOAD);
        mv.visitJumpInsn(IF_ICMPEQ, ok);
        toPoint(w, slot);
        revalidate(ok, k);
        mv.visitLabel(slow);
        toPoint(w, slot);
        slowFetch(back);
        mv.visitLabel(ok);
    }

    /** XIDX = the point's PC state, as RegionExits codes it (its exits decode it). */
    private void toPoint(int w, boolean slot) {
        MethodVisitor mv = e.mv;
        mv.visitLdcInsn(w << 2 | (slot ? 2 : 0) | (e.timing.lastFp() ? 1 : 0));
        mv.visitVarInsn(ISTORE, XIDX);
    }

    /** The slow fetch: the loop's state written (PC state, cycle, issue state), then its probe; back to {@code back}. */
    private void slowFetch(Label back) {
        MethodVisitor mv = e.mv;
        e.exits.decodeIndex();
        e.exits.storeDecodedState();
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, XPC);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionFetchSlow", "(L" + CPU + ";J)I", false);
        mv.visitVarInsn(ISTORE, IDX);
        Label probed = new Label(), faulted = new Label();
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitJumpInsn(IFGE, probed);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(IF_ICMPEQ, faulted);
        e.exits.leaveAs(K_UNCACHED); // (XPC is the instruction's)
        mv.visitLabel(faulted);
        e.exits.leaveAs(K_FETCH_FAULT);
        mv.visitLabel(probed);
        mv.visitVarInsn(ALOAD, C); // the flag is true only around a delay slot's own helper calls
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitJumpInsn(GOTO, back);
    }

    /** A changed serial: the same words go on at {@code ok}; other words are stale, and the loop runs the fetched instruction. */
    private void revalidate(Label ok, int k) {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitLdcInsn(k);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "revalidate", "(L" + CORE + ";II)Z", false);
        mv.visitJumpInsn(IFNE, ok);
        e.exits.decodeIndex();
        e.exits.storeDecodedState();
        e.exits.leaveAs(K_STALE);
    }
}
