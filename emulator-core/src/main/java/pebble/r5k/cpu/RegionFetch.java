package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.ArrayList;
import java.util.List;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * The timed loop's fetch as a region emits it (docs/translator.md, "What is static and what stays dynamic",
 * and "Stale code in timed mode"). At a line-entry point ({@link RegionShape#point}: a block's start, or
 * the first word of a line) the loop's own fast test is inline: is the PC in the core's fetch window? Then
 * it is a hit, counted, and the line's serial is compared with the one last checked there. Every other
 * instruction is a same-line hit, only counted. Functional regions fetch nothing.
 *
 * <p>The rare paths are shared by all the points of a method, to keep it small (a region of many short blocks
 * has a point in each): the slow fetch (the loop's probe, refill and stall, or a fault or an uncached fetch,
 * which leave) and the revalidation of a changed serial (same words: go on; other words: stale, leave). The
 * point records its PC state coded as the bound's exits code it (XIDX) and its number (PT); the shared code
 * writes the loop's state from them and comes back through a {@code tableswitch} on the number.
 */
final class RegionFetch {
    private final RegionEmitter e;
    /** Per point number: where the shared paths come back to. */
    private final List<Label> fetched = new ArrayList<>(), valid = new ArrayList<>();
    private final Label slowShared = new Label(), revalidateShared = new Label();

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
        while (fetched.size() <= k) {
            fetched.add(null);
            valid.add(null);
        }
        Label back = new Label(), ok = new Label(), slow = new Label();
        fetched.set(k, back);
        valid.set(k, ok);
        // if (((pc ^ core.fetchLineVa) & ~0x1C) == 0) { hits++; idx = core.fetchBase | word } else the slow fetch
        mv.visitLdcInsn(pc);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitFieldInsn(GETFIELD, CORE, "fetchLineVa", "J");
        mv.visitInsn(LXOR);
        mv.visitLdcInsn(~0x1CL);
        mv.visitInsn(LAND);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        e.increment(H);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitFieldInsn(GETFIELD, CORE, "fetchBase", "I");
        mv.visitLdcInsn((int) (pc >>> 2) & 7);
        mv.visitInsn(IOR);
        mv.visitVarInsn(ISTORE, IDX);
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
        toShared(w, slot, k, revalidateShared);
        mv.visitLabel(slow);
        toShared(w, slot, k, slowShared);
        mv.visitLabel(ok);
    }

    /** XIDX = the point's PC state (as RegionExits codes it), PT = its number; then the shared path. */
    private void toShared(int w, boolean slot, int k, Label shared) {
        MethodVisitor mv = e.mv;
        mv.visitLdcInsn(w << 2 | (slot ? 2 : 0) | (e.timing.lastFp() ? 1 : 0));
        mv.visitVarInsn(ISTORE, XIDX);
        mv.visitLdcInsn(k);
        mv.visitVarInsn(ISTORE, PT);
        mv.visitJumpInsn(GOTO, shared);
    }

    /** The shared slow fetch and revalidation, once per method (timed, with at least one point). */
    void emitShared() {
        if (!e.timed || fetched.isEmpty()) return;
        MethodVisitor mv = e.mv;
        // The slow fetch: the loop's state written (PC state, cycle, issue state), then its probe.
        mv.visitLabel(slowShared);
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
        backTo(fetched);
        // A changed serial: the same words go on; other words are stale, and the loop runs the fetched
        // instruction from the point's state.
        mv.visitLabel(revalidateShared);
        Label stale = new Label();
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ILOAD, PT);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "revalidate", "(L" + CORE + ";II)Z", false);
        mv.visitJumpInsn(IFEQ, stale);
        backTo(valid);
        mv.visitLabel(stale);
        e.exits.decodeIndex();
        e.exits.storeDecodedState();
        e.exits.leaveAs(K_STALE);
    }

    /** Back to the point numbered PT. */
    private void backTo(List<Label> to) {
        MethodVisitor mv = e.mv;
        Label[] labels = to.toArray(new Label[0]);
        Label none = labels[0];
        for (int i = 0; i < labels.length; i++) if (labels[i] == null) labels[i] = none; // (never emitted: unused)
        mv.visitVarInsn(ILOAD, PT);
        mv.visitTableSwitchInsn(0, labels.length - 1, none, labels);
    }
}
