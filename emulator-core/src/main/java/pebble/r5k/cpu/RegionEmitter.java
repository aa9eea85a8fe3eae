package pebble.r5k.cpu;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.Scoreboard;
import pebble.r5k.timing.TimingTable;

import java.lang.reflect.Method;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionCompiler.*;

/**
 * Emits the class of one {@link Region}: its {@code run} method is the timed loop ({@link TimedCore}) or the
 * functional loop ({@link Interpreter}) unrolled over the region's words, as {@link RegionCompiler} and
 * docs/translator.md describe. One instance per class; {@link #generate} once.
 */
final class RegionEmitter {
    private static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region", MEM = "pebble/r5k/cache/MemorySystem",
            SB = "pebble/r5k/timing/Scoreboard";
    private static final String RUN_DESC = "(L" + CORE + ";L" + CPU + ";J)V";

    // Locals of run().
    // N (instructions retired) and H (same-line I-cache hits) are longs: a region that loops internally can
    // run past 2^31 instructions in one call (functional mode with no event for 2^33 cycles).
    private static final int THIS = 0, CORE_L = 1, C = 2, LIMIT = 3, G = 5, MEM_L = 6, CYC = 7, LIM = 9, N = 11,
            H = 13, T = 15, LAST_T = 17, SERIAL = 19, EXPECT = 20, TGT = 21, IDX = 23, S = 24, DS = 26,
            XPC = 27, XNPC = 29, XSLOT = 31, XFP = 32;

    private final long va;
    private final int[] words;
    private final int n;
    private MethodVisitor mv;
    private final Label exit = new Label();
    /** The timing table folded in; null for a functional region. */
    private final TimingTable t;
    /** Timed regions model the loop in TimedCore; functional ones the loop in Interpreter. */
    private final boolean timed;
    /** The longest latency of any GPR result in the table (RegionCompiler). */
    private final int maxGprLatency;
    /** Per GPR: position (in the current straight run) of the last writer, and its latency. */
    private final int[] writerPos = new int[33], writerLat = new int[33];
    private int pos;
    private int point;
    /**
     * Timed: whether the last instruction issued so far (statically, on the path being emitted) is FP-ALU.
     * False at the region's entry (the dispatcher's condition) and at a loop back to it (only allowed from a
     * non-FP-ALU delay slot).
     */
    private boolean lastFp;
    /** Whether the instruction being emitted may pair with the previous one (then it does not advance pos). */
    private boolean mayPair;
    /** Size of the generated run() in bytecode bytes, known after {@link #generate}. */
    int codeBytes;

    RegionEmitter(TimingTable t, int maxGprLatency, long va, int[] words) {
        this.t = t;
        this.timed = t != null;
        this.maxGprLatency = maxGprLatency;
        this.va = va;
        this.words = words;
        this.n = words.length;
    }

    private long pcOf(int i) { return va + 4L * i; }

    byte[] generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, "pebble/r5k/cpu/GeneratedRegion", null, REGION, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, REGION, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        mv = cw.visitMethod(0, "run", RUN_DESC, null, null);
        mv.visitCode();
        body();
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        codeBytes = end.getOffset();
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void body() {
        // g = core.sb.gprReadyAt; mem = core.mem; cyc = c.cycle; lim = min(limit, c.nextEventAt); ...
        if (timed) {
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "sb", "L" + SB + ";");
            mv.visitFieldInsn(GETFIELD, SB, "gprReadyAt", "[J");
            mv.visitVarInsn(ASTORE, G);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "mem", "L" + MEM + ";");
            mv.visitVarInsn(ASTORE, MEM_L);
        }
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitVarInsn(LLOAD, LIMIT);
        mv.visitVarInsn(LSTORE, LIM);
        refreshLimit();
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, N);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, H);
        if (timed) {
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "lastIssueAt", "J");
            mv.visitVarInsn(LSTORE, LAST_T);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "ic", "Lpebble/r5k/cache/L1Cache;");
            mv.visitFieldInsn(GETFIELD, "pebble/r5k/cache/L1Cache", "serial", "[I");
            mv.visitVarInsn(ASTORE, SERIAL);
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitFieldInsn(GETFIELD, REGION, "expect", "[I");
            mv.visitVarInsn(ASTORE, EXPECT);
        } else {
            mv.visitLdcInsn(0L);
            mv.visitVarInsn(LSTORE, LAST_T);
        }
        mv.visitLdcInsn(0L);
        mv.visitVarInsn(LSTORE, TGT);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, IDX);
        mv.visitLdcInsn(0L);
        mv.visitVarInsn(LSTORE, T);

        Label top = new Label(), afterFetch0 = new Label();
        mv.visitLabel(top);
        resetKnowledge();
        point = 0;
        int i = 0;
        while (i < n) {
            int op = Decoder.decode(words[i]).ordinal();
            if (kindOf(op, timed) == BRANCH) {
                i = branch(i, op, top, afterFetch0);
            } else if (kindOf(op, timed) == KERNEL) { // the region's last instruction (KernelOpEmitter)
                bound(i, false);
                fetch(i, false, i == 0 ? afterFetch0 : null);
                issue(op, words[i]);
                KernelOpEmitter.emit(mv, timed, op, words[i], pcOf(i), CORE_L, C, T, N, H);
                i++;
            } else {
                instruction(i, op, false, i == 0 ? afterFetch0 : null);
                i++;
            }
        }
        // Fell off the end of the region: leave at the next instruction.
        if (n > 0 && !endsWithJump()) {
            exitTo(pcOf(n));
        }
        // The shared exit: Region.exit(core, c, xpc, xnpc, xslot, cyc, n, h, lastT), or exitFunctional.
        mv.visitLabel(exit);
        if (timed) mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, XPC);
        mv.visitVarInsn(LLOAD, XNPC);
        mv.visitVarInsn(ILOAD, XSLOT);
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LLOAD, N);
        if (timed) {
            mv.visitVarInsn(LLOAD, H);
            mv.visitVarInsn(LLOAD, LAST_T);
            mv.visitVarInsn(ILOAD, XFP);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "exit", "(L" + CORE + ";L" + CPU + ";JJZJJJJZ)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "exitFunctional", "(L" + CPU + ";JJZJJ)V", false);
        }
        mv.visitInsn(RETURN);
    }

    private boolean endsWithJump() {
        if (n < 2) return false;
        Op op = Decoder.decode(words[n - 2]);
        return KIND[op.ordinal()] == BRANCH;
    }

    private void resetKnowledge() {
        java.util.Arrays.fill(writerPos, Integer.MIN_VALUE / 2);
        pos = 0;
        lastFp = false;
    }

    // -------------------------------------------------------------- exits

    /** Sets the exit state for "next is {@code pc}, not a delay slot" and jumps to the shared exit. */
    private void exitTo(long pc) {
        exitWith(() -> mv.visitLdcInsn(pc), () -> mv.visitLdcInsn(pc + 4), false);
    }

    /** Exit before the delay slot at {@code slotPc}: the branch target is in TGT. */
    private void exitToSlot(long slotPc) {
        exitWith(() -> mv.visitLdcInsn(slotPc), () -> mv.visitVarInsn(LLOAD, TGT), true);
    }

    /** Exit to the dynamic target in TGT. */
    private void exitToTarget() {
        exitWith(() -> mv.visitVarInsn(LLOAD, TGT), () -> {
            mv.visitVarInsn(LLOAD, TGT);
            mv.visitLdcInsn(4L);
            mv.visitInsn(LADD);
        }, false);
    }

    /** XPC, XNPC, XSLOT from the code each pusher emits (a long each), then to the shared exit. */
    private void exitWith(Runnable pushPc, Runnable pushNpc, boolean slot) {
        pushPc.run();
        mv.visitVarInsn(LSTORE, XPC);
        pushNpc.run();
        mv.visitVarInsn(LSTORE, XNPC);
        mv.visitInsn(slot ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ISTORE, XSLOT);
        mv.visitInsn(lastFp ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ISTORE, XFP);
        mv.visitJumpInsn(GOTO, exit);
    }

    /** The loop's bound: {@code cycle < limit && cycle < nextEventAt}, else leave before instruction i. */
    private void bound(int i, boolean slot) {
        Label ok = new Label();
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, ok);
        if (slot) exitToSlot(pcOf(i)); else exitTo(pcOf(i));
        mv.visitLabel(ok);
    }

    private void refreshLimit() {
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "nextEventAt", "J");
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
        mv.visitVarInsn(LSTORE, LIM);
    }

    /** Writes the PC state of instruction i (and cycle, lastIssueAt) to the fields, for a helper. */
    private void storeState(int i, boolean slot) {
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(pcOf(i));
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "J");
        mv.visitVarInsn(ALOAD, C);
        if (slot) mv.visitVarInsn(LLOAD, TGT); else mv.visitLdcInsn(pcOf(i) + 4);
        mv.visitFieldInsn(PUTFIELD, CPU, "npc", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitInsn(slot ? ICONST_1 : ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitFieldInsn(PUTFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(LLOAD, LAST_T);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastIssueAt", "J");
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitInsn(lastFp ? ICONST_1 : ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastFpAlu", "Z");
    }

    /** Region.flush(core, c, n, h). */
    private void flushCounters() {
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, N);
        mv.visitVarInsn(LLOAD, H);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "flush", "(L" + CORE + ";L" + CPU + ";JJ)V", false);
    }

    // -------------------------------------------------------------- fetch

    /**
     * The fetch of instruction i: a line-entry point probes through the core (exactly the loop's fetch,
     * stalls included) and checks the line's serial; any other instruction is a same-line hit.
     */
    private void fetch(int i, boolean slot, Label afterFetch) {
        if (!timed) { // the functional loop fetches from its page window: nothing to count
            if (afterFetch != null) mv.visitLabel(afterFetch);
            return;
        }
        boolean entry = i == 0 || (pcOf(i) & 31) == 0;
        if (!entry) {
            increment(H);
            return;
        }
        int k = point++;
        storeState(i, slot);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(pcOf(i));
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionFetch", "(L" + CPU + ";J)I", false);
        mv.visitVarInsn(ISTORE, IDX);
        Label fetched = new Label();
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitJumpInsn(IFGE, fetched);
        flushCounters(); // the fetch faulted, or ran the instruction uncached: the core did it all
        mv.visitInsn(RETURN);
        mv.visitLabel(fetched);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        Label valid = new Label();
        mv.visitVarInsn(ALOAD, SERIAL);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitInsn(ICONST_3);
        mv.visitInsn(IUSHR);
        mv.visitInsn(IALOAD);
        mv.visitVarInsn(ALOAD, EXPECT);
        mv.visitLdcInsn(k);
        mv.visitInsn(IALOAD);
        mv.visitJumpInsn(IF_ICMPEQ, valid);
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitLdcInsn(k);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, REGION, "revalidate", "(L" + CORE + ";II)Z", false);
        mv.visitJumpInsn(IFNE, valid);
        // Stale: the cache holds other code. Run the fetched instruction as the loop would, and leave.
        flushCounters();
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(ILOAD, IDX);
        mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "finishFetched", "(L" + CPU + ";I)V", false);
        mv.visitInsn(RETURN);
        mv.visitLabel(valid);
        if (slot) { // the field is true only around a delay slot's own helper calls
            mv.visitVarInsn(ALOAD, C);
            mv.visitInsn(ICONST_0);
            mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        }
        if (afterFetch != null) mv.visitLabel(afterFetch);
    }

    // -------------------------------------------------------------- issue

    /** Issue (TimedCore: issueFast or the scoreboard's issue): leaves the issue cycle in T. */
    private void issue(int op, int word) {
        if (!timed) { // one cycle per instruction: issue now
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitVarInsn(LSTORE, T);
            return;
        }
        boolean fp = FP_ALU[op];
        mayPair = fp != lastFp;
        lastFp = fp;
        if (mayPair) { // a class change: the loop's pairing rule (dual issue, §1.1)
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitLdcInsn(op);
            mv.visitLdcInsn(word);
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitVarInsn(LLOAD, LAST_T);
            mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionIssueMixed", "(IIJJ)J", false);
            mv.visitVarInsn(LSTORE, T);
            recordWrites(op, word);
            return;
        }
        int d = Scoreboard.describe(op, word);
        if (d < 0) { // HI/LO, long-latency units or FP operands: the scoreboard's own issue
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "sb", "L" + SB + ";");
            mv.visitLdcInsn(op);
            mv.visitLdcInsn(word);
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitMethodInsn(INVOKEVIRTUAL, SB, "issue", "(IIJ)J", false);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LSTORE, T);
            recordWrites(op, word);
            return;
        }
        int rs = d & 31, rt = (d >>> 5) & 31, dst = (d >>> 10) & 63;
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LSTORE, T);
        boolean dynamic = false;
        if (mayStall(rs)) { maxReady(rs); dynamic = true; }
        if (rt != rs && mayStall(rt)) { maxReady(rt); dynamic = true; }
        if (dynamic) { // sb.loadUseStalls += t - cyc
            Label none = new Label();
            mv.visitVarInsn(LLOAD, T);
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, none);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "sb", "L" + SB + ";");
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, SB, "loadUseStalls", "J");
            mv.visitVarInsn(LLOAD, T);
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitInsn(LSUB);
            mv.visitInsn(LADD);
            mv.visitFieldInsn(PUTFIELD, SB, "loadUseStalls", "J");
            mv.visitLabel(none);
        }
        int lat = t.latency[Op.values()[op].timing.ordinal()];
        if (dst != 32) { // g[dst] = t + latency
            mv.visitVarInsn(ALOAD, G);
            mv.visitLdcInsn(dst);
            mv.visitVarInsn(LLOAD, T);
            mv.visitLdcInsn((long) lat);
            mv.visitInsn(LADD);
            mv.visitInsn(LASTORE);
            writerPos[dst] = pos;
            writerLat[dst] = lat;
        }
    }

    /** Whether GPR r (0: none) can still be pending at the current position. */
    private boolean mayStall(int r) {
        if (r == 0) return false;
        int wp = writerPos[r];
        if (wp < 0) return maxGprLatency - 1 > pos; // written before this run: issued before its start
        return writerLat[r] > pos - wp;
    }

    private void maxReady(int r) {
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(ALOAD, G);
        mv.visitLdcInsn(r);
        mv.visitInsn(LALOAD);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
        mv.visitVarInsn(LSTORE, T);
    }

    /** Static knowledge of the GPRs an op through the scoreboard's issue writes. */
    private void recordWrites(int op, int word) {
        Op o = Op.values()[op];
        int e = o.effects, lat = t.latency[o.timing.ordinal()];
        if ((e & Effects.WRITES_RD) != 0) note((word >>> 11) & 31, lat);
        if ((e & Effects.WRITES_RT) != 0) note((word >>> 16) & 31, lat);
        if ((e & Effects.WRITES_RA) != 0) note(31, lat);
    }

    private void note(int r, int lat) {
        if (r == 0) return;
        writerPos[r] = pos;
        writerLat[r] = lat;
    }

    // -------------------------------------------------------------- one instruction

    /**
     * Bound, fetch, issue, execute and retire of the non-branch instruction i ({@code slot}: it is a
     * delay slot, the branch target in TGT). Leaves the next issue cycle in CYC.
     */
    private void instruction(int i, int op, boolean slot, Label afterFetch) {
        int word = words[i];
        bound(i, slot);
        fetch(i, slot, afterFetch);
        issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        if (kindOf(op, timed) == PLAIN) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitLdcInsn(word);
            invokeSemantics(op);
            mv.visitInsn(POP);
            next();
        } else {
            mv.visitVarInsn(ALOAD, C);
            mv.visitVarInsn(LLOAD, T);
            mv.visitFieldInsn(PUTFIELD, CPU, "cycle", "J");
            mv.visitVarInsn(ALOAD, C);
            mv.visitLdcInsn(pcOf(i));
            mv.visitFieldInsn(PUTFIELD, CPU, "pc", "J");
            if (slot) {
                mv.visitVarInsn(ALOAD, C);
                mv.visitInsn(ICONST_1);
                mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
            }
            if (READS_INSTRET[op]) { // Region.addRetired(c, n); n = 0
                mv.visitVarInsn(ALOAD, C);
                mv.visitVarInsn(LLOAD, N);
                mv.visitMethodInsn(INVOKESTATIC, REGION, "addRetired", "(L" + CPU + ";J)V", false);
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, N);
            }
            mv.visitVarInsn(ALOAD, C);
            if (DIRECT[op] == null) mv.visitLdcInsn(op);
            mv.visitLdcInsn(word);
            invokeSemantics(op);
            if (slot) {
                mv.visitVarInsn(ALOAD, C);
                mv.visitInsn(ICONST_0);
                mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
            }
            Label ok = new Label();
            mv.visitJumpInsn(IFEQ, ok);
            // Exception entered: Region.trap(core, c, t, n, h), or trapFunctional(c, t, n)
            if (timed) mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitVarInsn(ALOAD, C);
            mv.visitVarInsn(LLOAD, T);
            mv.visitVarInsn(LLOAD, N);
            if (timed) {
                mv.visitVarInsn(LLOAD, H);
                mv.visitInsn(lastFp ? ICONST_1 : ICONST_0); // (already this instruction's class)
                mv.visitMethodInsn(INVOKESTATIC, REGION, "trap", "(L" + CORE + ";L" + CPU + ";JJJZ)V", false);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, REGION, "trapFunctional", "(L" + CPU + ";JJ)V", false);
            }
            mv.visitInsn(RETURN);
            mv.visitLabel(ok);
            next();
            if (timed) memoryStall();
            refreshLimit();
            if (!timed && (Op.values()[op].effects & Effects.STORE) != 0) codeStoreCheck(i, slot);
        }
        increment(N);
        advance();
    }

    /**
     * One more instruction issued: pos counts those that certainly issued a cycle after their predecessor
     * (a paired instruction issues in its predecessor's cycle, so it does not count; see mayStall).
     */
    private void advance() {
        if (!mayPair) pos++;
        mayPair = false;
    }

    /**
     * Functional regions: memory is coherent, so a store into this region's own code ends it at once
     * (after the store retires): the loop then fetches the new word.
     */
    private void codeStoreCheck(int i, boolean slot) {
        Label alive = new Label();
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, REGION, "dead", "Z");
        mv.visitJumpInsn(IFEQ, alive);
        increment(N); // the store itself has retired
        if (slot) exitToTarget(); else exitTo(pcOf(i + 1));
        mv.visitLabel(alive);
    }

    private void invokeSemantics(int op) {
        Method m = DIRECT[op];
        if (m == null) {
            mv.visitMethodInsn(INVOKESTATIC, "pebble/r5k/cpu/Interpreter", "execute", "(L" + CPU + ";II)I", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, m.getDeclaringClass().getName().replace('.', '/'), m.getName(),
                    "(L" + CPU + ";I)I", false);
        }
    }

    /** A long counter local (N, H) += 1. */
    private void increment(int local) {
        mv.visitVarInsn(LLOAD, local);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, local);
    }

    /** cyc = t + 1 */
    private void next() {
        mv.visitVarInsn(LLOAD, T);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, CYC);
    }

    /** if (mem.stall != 0) { cyc += mem.stall; mem.stall = 0; } */
    private void memoryStall() {
        Label none = new Label();
        mv.visitVarInsn(ALOAD, MEM_L);
        mv.visitFieldInsn(GETFIELD, MEM, "stall", "J");
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LSTORE, S);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, none);
        mv.visitVarInsn(ALOAD, MEM_L);
        mv.visitInsn(LCONST_0);
        mv.visitFieldInsn(PUTFIELD, MEM, "stall", "J");
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LLOAD, S);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitLabel(none);
    }

    private void addCycles(int k) {
        if (k == 0 || !timed) return;
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitLdcInsn((long) k);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, CYC);
    }

    // -------------------------------------------------------------- branches

    /** A branch at i and its delay slot at i + 1; returns the index after them. */
    private int branch(int i, int op, Label top, Label afterFetch0) {
        Op o = Op.values()[op];
        boolean likely = (o.effects & Effects.LIKELY) != 0, jump = (o.effects & Effects.JUMP) != 0;
        long p = pcOf(i);
        int word = words[i];
        bound(i, false);
        fetch(i, false, i == 0 ? afterFetch0 : null);
        issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        // Execute: the branch semantics read c.pc and record their decision in the Cpu.
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(p);
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(word);
        invokeSemantics(op);
        mv.visitInsn(POP);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "delaySlotNext", "Z");
        mv.visitVarInsn(ISTORE, DS);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "branchTarget", "J");
        mv.visitVarInsn(LSTORE, TGT);
        mv.visitVarInsn(ALOAD, C);
        mv.visitInsn(ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CPU, "delaySlotNext", "Z");
        next();
        increment(N);
        advance();
        Label taken = new Label();
        mv.visitVarInsn(ILOAD, DS);
        mv.visitJumpInsn(IFNE, taken);
        // Only a branch-likely leaves no delay slot: annulled, and on to p + 8.
        addCycles(timed ? t.branchLikelyAnnulled : 0);
        exitTo(p + 8);
        mv.visitLabel(taken);
        if (timed && t.branchTakenExtra != 0) {
            Label noExtra = new Label();
            mv.visitVarInsn(LLOAD, TGT);
            mv.visitLdcInsn(p + 8);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, noExtra);
            addCycles(t.branchTakenExtra);
            mv.visitLabel(noExtra);
        }
        // The delay slot.
        instruction(i + 1, Decoder.decode(words[i + 1]).ordinal(), true, null);
        boolean more = i + 2 < n && !jump && !likely;
        Label jumped = new Label();
        if (!jump) {
            mv.visitVarInsn(LLOAD, TGT);
            mv.visitLdcInsn(p + 8);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, jumped);
            if (!more) exitTo(p + 8); // fell through; otherwise straight on to i + 2
        }
        Label continueRun = new Label();
        if (!jump) mv.visitJumpInsn(GOTO, continueRun);
        mv.visitLabel(jumped);
        // Taken: back to the region's entry loops in the method; anything else leaves. (Not after an FP-ALU
        // slot: the entry is emitted for a non-FP-ALU predecessor, the dispatcher's condition.)
        Label out = new Label();
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitLdcInsn(va);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, out);
        if (lastFp) mv.visitJumpInsn(GOTO, out);
        Label ok = new Label();
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, ok);
        exitTo(va);
        mv.visitLabel(ok);
        if (!timed || ((pcOf(i + 1) ^ va) & ~31L) == 0) { // the slot and the entry share a line: a hit
            if (timed) increment(H);
            mv.visitJumpInsn(GOTO, afterFetch0);
        } else {
            mv.visitJumpInsn(GOTO, top);
        }
        mv.visitLabel(out);
        exitToTarget();
        mv.visitLabel(continueRun);
        return i + 2;
    }
}
