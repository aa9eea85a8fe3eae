package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionEmitter.*;

/**
 * The timed loop's fetch as a region emits it (docs/translator.md, "What is static and what stays dynamic",
 * and "Stale code in timed mode"). At a line-entry point ({@link RegionShape#point}: a block's start, or
 * the first word of a line) the loop's own fast test is inline: is the PC in the core's fetch window? Then
 * it is a hit, counted. A point that starts a line but no block is always another line (its predecessor's
 * line is the window), so it skips the test and probes at once with {@link TimedCore#regionFetchHit}: the
 * probe's hit, without the loop state a miss needs. Every other instruction is a same-line hit, only
 * counted. Functional regions fetch nothing.
 *
 * <p>A hit compares no serial: the region checked at entry that every line it has in the cache holds its
 * words ({@link Region#linesValid}). A miss at a point that starts no block leaves to the loop (rare: the
 * next line of a straight run is almost always in the cache). At a block start, the slow fetch (the loop's
 * probe, refill and stall; a fault or an uncached fetch leave) checks the line it found. Each block start
 * has its own copy of it, going straight back
 * to its point. One copy shared by all the points of a method, returning through a {@code tableswitch} on
 * the point's number, kept methods smaller but made every point a successor of every other in C2's view:
 * the gcc workload ran about a sixth slower timed (docs/translator.md, "Measured effects").
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
        Label ok = new Label(), otherLine = new Label();
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
            mv.visitJumpInsn(GOTO, ok);
        }
        // Another line. Where w is no block start, only its predecessor w - 1 leads here, and the window is
        // the line that one was fetched from (nothing in a region moves it but its own fetches): the test
        // above would always fail, so it is left out. idx = core.regionFetchHit(pc), or else the slow fetch.
        mv.visitLabel(otherLine);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitLdcInsn(pc);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionFetchHit", "(J)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, IDX);
        mv.visitJumpInsn(IFGE, ok);
        if (e.labels[w] != null) {
            slowFetch(w, slot, k, ok);
        } else {
            // A miss in the middle of a straight run: its line was not in the cache when the region reached it
            // (its first run, an eviction, a CACHE op). Rare (none in the kernel traces, 10 in a run of the gcc
            // workload, against about 20,000 at block starts in the kernel traces): the loop takes this fetch and
            // the rest of the block, as after a failed group bound (the miss changed nothing: the state is this
            // instruction's start). A block start keeps the slow fetch in the region. Two calls and three exits
            // fewer per point: less for C2 to compile.
            e.exits.leaveToLoop(w, slot);
        }
        mv.visitLabel(ok);
    }

    /**
     * The slow fetch: the loop's state written (PC state, cycle, issue state; the point's PC state and class are
     * constants, as each point has its own copy), then its probe, refill and stall; on to {@code ok}. A fault or
     * an uncached fetch leaves as the loop would have it (no guest code reaches them: a region is entered only in
     * the core's fetch page and goes on after a kernel instruction only while the fetch window, and so that page,
     * stays, so regionFetchSlow probes that page; RegionFetchExitTest changes the page under a running region
     * from outside to reach them). The line may have just
     * been filled, so its words are compared ({@link Region#revalidate}): other words are stale, and the loop
     * runs the fetched instruction ({@code TimedCore.finishFetched}); the region is dead. (A fill changes
     * only its own line and evicts another, whose probe will then miss: the other points' lines, checked at
     * entry by Region.linesValid, stay as checked.)
     */
    private void slowFetch(int w, boolean slot, int k, Label ok) {
        MethodVisitor mv = e.mv;
        long pc = e.pcOf(w);
        e.exits.storeState(w, slot);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(pc);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionFetchSlow", "(L" + CPU + ";J)I", false);
        mv.visitVarInsn(ISTORE, IDX);
        Label probed = new Label(), faulted = new Label();
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitJumpInsn(IFGE, probed);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(IF_ICMPEQ, faulted);
        mv.visitLdcInsn(pc); // the one local the uncached exit reads (the fault and stale exits read none)
        mv.visitVarInsn(LSTORE, XPC);
        e.exits.leaveAs(K_UNCACHED);
        mv.visitLabel(faulted);
        e.exits.leaveAs(K_FETCH_FAULT);
        mv.visitLabel(probed);
        mv.visitVarInsn(ALOAD, C); // the flag is true only around a delay slot's own helper calls
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitLdcInsn(k);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "revalidate", "(L" + CORE + ";II)Z", false);
        Label same = new Label();
        mv.visitJumpInsn(IFNE, same);
        e.exits.storeState(w, slot); // the cycle after the stall, and the PC state again (inDelaySlot)
        e.exits.leaveAs(K_STALE);
        mv.visitLabel(same);
        e.exits.fetchRecheck(w, slot); // the group's check at w did not know of the stall
        mv.visitJumpInsn(GOTO, ok);
    }
}
