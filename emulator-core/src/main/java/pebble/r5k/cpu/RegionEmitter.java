package pebble.r5k.cpu;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.lang.reflect.Method;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.cpu.RegionCompiler.*;

/**
 * Emits the class of one {@link Region}: its {@code run} method is the timed loop ({@link TimedCore}) or the
 * functional loop ({@link Interpreter}) unrolled over the region's words, as {@link RegionCompiler} and
 * docs/translator.md describe. One instance per class; {@link #generate} once.
 *
 * <p>The guest registers the region names live in JVM locals ({@link RegionLocals}); the integer rows run
 * inline on them ({@link InlineOps}, {@link InlineMemory}), every other row calls its semantics method
 * with the registers spilled before and reloaded after. Every way out of the method goes through one
 * shared block ({@link #leave}) that spills the locals and then does what the exit kind says.
 */
final class RegionEmitter implements InlineMemory.Host {
    static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region", MEM = "pebble/r5k/cache/MemorySystem",
            SB = "pebble/r5k/timing/Scoreboard", L1 = "pebble/r5k/cache/L1Cache";
    private static final String RUN_DESC = "(L" + CORE + ";L" + CPU + ";J)V";

    // Locals of run().
    // N (instructions retired) and H (same-line I-cache hits) are longs: a region that loops internally can
    // run past 2^31 instructions in one call (functional mode with no event for 2^33 cycles).
    static final int THIS = 0, CORE_L = 1, C = 2, LIMIT = 3, G = 5, MEM_L = 6, CYC = 7, LIM = 9, N = 11,
            H = 13, T = 15, LAST_T = 17, SERIAL = 19, EXPECT = 20, TGT = 21, IDX = 23, S = 24, DS = 26,
            XPC = 27, XNPC = 29, XSLOT = 31, XFP = 32, XK = 33, VA = 34, TA = 36, TB = 37, GPRS = 38, DC = 39, XIDX = 40, SB_L = 41;

    /** Exit kinds (local XK): what {@link #leave} does after spilling the locals. */
    static final int K_EXIT = 0, K_TRAP = 1, K_FETCH_FAULT = 2, K_UNCACHED = 3, K_STALE = 4;

    final long va;
    final int[] words;
    private final int n;
    MethodVisitor mv;
    /** The shared way out: spill, then act on XK. */
    final Label leave = new Label();
    /** The way out before a region instruction coded in XIDX ({@link #exitAt}), then {@link #leave}. */
    private final Label leaveAt = new Label();
    /** The timing table folded in; null for a functional region. */
    final TimingTable t;
    /** Timed regions model the loop in TimedCore; functional ones the loop in Interpreter. */
    final boolean timed;
    final RegionLocals regs;
    private final RegionTiming timing;
    private InlineOps inline;
    private InlineMemory memory;
    /** The instruction being emitted, and whether it is a delay slot (for the helpers' state). */
    private int cur;
    private boolean curSlot;
    /** Size of the generated run() in bytecode bytes, known after {@link #generate}. */
    int codeBytes;

    RegionEmitter(TimingTable t, int maxGprLatency, long va, int[] words) {
        this.t = t;
        this.timed = t != null;
        this.va = va;
        this.words = words;
        this.n = words.length;
        this.regs = new RegionLocals(words, GPRS, G);
        this.timing = new RegionTiming(this, maxGprLatency);
    }

    long pcOf(int i) { return va + 4L * i; }

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
        mv = new CompactConstants(cw.visitMethod(0, "run", RUN_DESC, null, null));
        regs.setVisitor(mv);
        inline = new InlineOps(this);
        memory = new InlineMemory(this);
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
        if (timed) {
            // g = core.sb.gprReadyAt; mem = core.mem; dcache = mem.dcache
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "sb", "L" + SB + ";");
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, SB_L);
            mv.visitFieldInsn(GETFIELD, SB, "gprReadyAt", "[J");
            mv.visitVarInsn(ASTORE, G);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "mem", "L" + MEM + ";");
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, MEM_L);
            mv.visitFieldInsn(GETFIELD, MEM, "dcache", "L" + L1 + ";");
            mv.visitVarInsn(ASTORE, DC);
        }
        regs.loadArrays(C);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitVarInsn(LLOAD, LIMIT);
        mv.visitVarInsn(LSTORE, LIM);
        refreshLimit();
        for (int local : new int[] {N, H, TGT, T, XPC, XNPC, VA}) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, local);
        }
        for (int local : new int[] {IDX, XSLOT, XFP, XK, TA, TB, XIDX}) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, local);
        }
        if (timed) {
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "lastIssueAt", "J");
            mv.visitVarInsn(LSTORE, LAST_T);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitFieldInsn(GETFIELD, CORE, "ic", "L" + L1 + ";");
            mv.visitFieldInsn(GETFIELD, L1, "serial", "[I");
            mv.visitVarInsn(ASTORE, SERIAL);
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitFieldInsn(GETFIELD, REGION, "expect", "[I");
            mv.visitVarInsn(ASTORE, EXPECT);
        } else {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, LAST_T);
        }
        regs.reloadAll();

        Label top = new Label(), afterFetch0 = new Label();
        mv.visitLabel(top);
        timing.resetKnowledge();
        int i = 0;
        while (i < n) {
            int op = Decoder.decode(words[i]).ordinal();
            if (kindOf(op, timed) == BRANCH) {
                i = branch(i, op, top, afterFetch0);
            } else if (kindOf(op, timed) == KERNEL) { // the region's last instruction
                kernelOp(i, op, i == 0 ? afterFetch0 : null);
                i++;
            } else {
                instruction(i, op, false, i == 0 ? afterFetch0 : null);
                i++;
            }
        }
        // Fell off the end of the region: leave at the next instruction.
        if (n > 0 && !endsWithJump()) exitTo(pcOf(n));
        emitLeave();
    }

    /**
     * The shared way out: every local back to the arrays, then by XK: Region.exit (an instruction boundary),
     * Region.trap (an exception entered by instruction issued at T), or the fetch's own ends.
     */
    private void emitLeave() {
        // XIDX (exitAt): XPC = va + 4 * (XIDX >> 2); XSLOT = XIDX >> 1 & 1; XNPC = XSLOT ? TGT : XPC + 4
        mv.visitLabel(leaveAt);
        mv.visitLdcInsn(va);
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
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, XK);
        mv.visitJumpInsn(GOTO, leave);
        for (Label l : new Label[] {trapInt, trapFp}) {
            mv.visitLabel(l);
            mv.visitInsn(l == trapFp ? ICONST_1 : ICONST_0);
            mv.visitVarInsn(ISTORE, XFP);
            leaveAs(K_TRAP);
        }
        mv.visitLabel(leave);
        regs.spillAll();
        Label exit = new Label(), trap = new Label(), fault = new Label(), uncached = new Label(), stale = new Label();
        mv.visitVarInsn(ILOAD, XK);
        if (timed) {
            mv.visitTableSwitchInsn(K_EXIT, K_STALE, exit, exit, trap, fault, uncached, stale);
        } else {
            mv.visitJumpInsn(IFEQ, exit);
            mv.visitJumpInsn(GOTO, trap);
        }
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
        // Exception entered: Region.trap(core, c, t, n, h, fp), or trapFunctional(c, t, n)
        mv.visitLabel(trap);
        if (timed) mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LLOAD, N);
        if (timed) {
            mv.visitVarInsn(LLOAD, H);
            mv.visitVarInsn(ILOAD, XFP);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "trap", "(L" + CORE + ";L" + CPU + ";JJJZ)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "trapFunctional", "(L" + CPU + ";JJ)V", false);
        }
        mv.visitInsn(RETURN);
        if (!timed) return;
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

    /** Small constants as ICONST/BIPUSH/SIPUSH/LCONST instead of LDC: every byte counts toward the compile limit. */
    private static final class CompactConstants extends MethodVisitor {
        CompactConstants(MethodVisitor to) {
            super(org.objectweb.asm.Opcodes.ASM9, to);
        }

        @Override
        public void visitLdcInsn(Object v) {
            if (v instanceof Integer k) {
                int x = k;
                if (x >= -1 && x <= 5) super.visitInsn(ICONST_0 + x);
                else if (x == (byte) x) super.visitIntInsn(BIPUSH, x);
                else if (x == (short) x) super.visitIntInsn(SIPUSH, x);
                else super.visitLdcInsn(v);
            } else if (v instanceof Long k && (k == 0 || k == 1)) {
                super.visitInsn(k == 0 ? LCONST_0 : LCONST_1);
            } else {
                super.visitLdcInsn(v);
            }
        }
    }

    private boolean endsWithJump() {
        if (n < 2) return false;
        Op op = Decoder.decode(words[n - 2]);
        return KIND[op.ordinal()] == BRANCH;
    }

    // -------------------------------------------------------------- exits

    /** Leaves by {@link #leave} with exit kind {@code kind}. */
    void leaveAs(int kind) {
        mv.visitLdcInsn(kind);
        mv.visitVarInsn(ISTORE, XK);
        mv.visitJumpInsn(GOTO, leave);
    }

    /**
     * Leaves with "next is {@code pc}, not a delay slot": the way out after a branch, taken every time the
     * region is left there, so its state is constants (the bound's exits, rare, are coded: {@link #exitAt}).
     */
    void exitTo(long pc) {
        mv.visitLdcInsn(pc);
        mv.visitVarInsn(LSTORE, XPC);
        mv.visitLdcInsn(pc + 4);
        mv.visitVarInsn(LSTORE, XNPC);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, XSLOT);
        fpClass();
        leaveAs(K_EXIT);
    }

    /**
     * The bound's way out, before instruction i (a delay slot when {@code slot}: the branch target in TGT):
     * XIDX = i << 2 | slot << 1 | the current dual-issue class, and the shared block {@link #emitLeave}
     * sets XPC, XNPC, XSLOT and XFP from it. A few bytes per instruction instead of about twenty: every
     * instruction has one, and they run only when an event or the limit falls inside the region.
     */
    private void exitAt(int i, boolean slot) {
        mv.visitLdcInsn(i << 2 | (slot ? 2 : 0) | (timing.lastFp() ? 1 : 0));
        mv.visitVarInsn(ISTORE, XIDX);
        mv.visitJumpInsn(GOTO, leaveAt);
    }

    /** Exit to the dynamic target in TGT. */
    private void exitToTarget() {
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitVarInsn(LSTORE, XPC);
        mv.visitVarInsn(LLOAD, TGT);
        mv.visitLdcInsn(4L);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, XNPC);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, XSLOT);
        fpClass();
        leaveAs(K_EXIT);
    }

    /** XFP = the dual-issue class of the last instruction issued on this path. */
    void fpClass() {
        mv.visitInsn(timing.lastFp() ? ICONST_1 : ICONST_0);
        mv.visitVarInsn(ISTORE, XFP);
    }

    /** The current instruction (issued at T) has entered an exception: leave through Region.trap. */
    private void trapExit() {
        mv.visitJumpInsn(GOTO, timing.lastFp() ? trapFp : trapInt); // (already this instruction's class)
    }

    /** The shared trap exits, one per dual-issue class of the trapping instruction. */
    private final Label trapInt = new Label(), trapFp = new Label();

    /**
     * For an emitter of instructions that may change anything (a kernel instruction, say): leave the region
     * before instruction {@code i} and let {@code helper} run it. The state is exactly the loop's before
     * that instruction: PC state and c.cycle written, the issue state in the core, every register spilled
     * and the counters added. {@code helper} emits a call that leaves the stack as it found it; run()
     * returns after it.
     */
    void leaveThrough(int i, boolean slot, Runnable helper) {
        storeState(i, slot);
        regs.spillAll();
        if (timed) flushCounters(); else flushFunctional();
        helper.run();
        mv.visitInsn(RETURN);
    }

    /** The loop's bound: {@code cycle < limit && cycle < nextEventAt}, else leave before instruction i. */
    private void bound(int i, boolean slot) {
        Label ok = new Label();
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, ok);
        exitAt(i, slot);
        mv.visitLabel(ok);
    }

    void refreshLimit() {
        mv.visitVarInsn(LLOAD, LIM);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "nextEventAt", "J");
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
        mv.visitVarInsn(LSTORE, LIM);
    }

    /** Writes the PC state of instruction i (and cycle, lastIssueAt) to the fields, for a helper. */
    void storeState(int i, boolean slot) {
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
        if (!timed) return;
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(LLOAD, LAST_T);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastIssueAt", "J");
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitInsn(timing.lastFp() ? ICONST_1 : ICONST_0);
        mv.visitFieldInsn(PUTFIELD, CORE, "lastFpAlu", "Z");
    }

    /** Region.flush(core, c, n, h). */
    void flushCounters() {
        mv.visitVarInsn(ALOAD, CORE_L);
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, N);
        mv.visitVarInsn(LLOAD, H);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "flush", "(L" + CORE + ";L" + CPU + ";JJ)V", false);
    }

    /** Region.addRetired(c, n): instret and the translated count (functional regions count nothing else). */
    private void flushFunctional() {
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, N);
        mv.visitMethodInsn(INVOKESTATIC, REGION, "addRetired", "(L" + CPU + ";J)V", false);
    }

    // -------------------------------------------------------------- InlineMemory.Host

    @Override public MethodVisitor mv() { return mv; }
    @Override public RegionLocals regs() { return regs; }
    @Override public int cpu() { return C; }
    @Override public int tmpA() { return TA; }
    @Override public int tmpB() { return TB; }
    @Override public int dcache() { return timed ? DC : -1; }
    @Override public int va() { return VA; }

    @Override
    public void raise(int excCode) {
        beforeCall();
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(excCode);
        mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "raise", "(I)I", false);
        mv.visitInsn(POP);
        trapExit();
    }

    /** c.cycle = t; c.pc = the instruction's; inDelaySlot while a delay slot calls out. */
    @Override
    public void beforeCall() {
        mv.visitVarInsn(ALOAD, C);
        mv.visitVarInsn(LLOAD, T);
        mv.visitFieldInsn(PUTFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(ALOAD, C);
        mv.visitLdcInsn(pcOf(cur));
        mv.visitFieldInsn(PUTFIELD, CPU, "pc", "J");
        if (curSlot) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitInsn(ICONST_1);
            mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        }
    }

    @Override
    public void afterCall() {
        if (curSlot) { // the field is true only around a delay slot's own calls
            mv.visitVarInsn(ALOAD, C);
            mv.visitInsn(ICONST_0);
            mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        }
        Label ok = new Label();
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "memFault", "Z");
        mv.visitJumpInsn(IFEQ, ok);
        trapExit();
        mv.visitLabel(ok);
    }

    @Override
    public void afterDeviceAccess() {
        if (timed) timing.memoryStall();
        refreshLimit();
        Op op = Decoder.decode(words[cur]);
        if (!timed && (op.effects & Effects.STORE) != 0) codeStoreCheck(cur, curSlot);
    }

    // -------------------------------------------------------------- one instruction

    /**
     * Bound, fetch, issue, execute and retire of the non-branch instruction i ({@code slot}: it is a
     * delay slot, the branch target in TGT). Leaves the next issue cycle in CYC.
     */
    private void instruction(int i, int op, boolean slot, Label afterFetch) {
        int word = words[i];
        cur = i;
        curSlot = slot;
        bound(i, slot);
        timing.fetch(i, slot, afterFetch);
        timing.issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        next(); // nothing below reads CYC before the memory stall is added to it
        Op o = Op.values()[op];
        if (InlineOps.handles(o)) {
            inline.emit(o, word);
        } else if (InlineMemory.handles(o)) {
            memory.emit(o, word);
        } else {
            callSemantics(op, word);
        }
        increment(N);
        timing.advance();
    }

    /**
     * The kernel instruction i ends the region (never a delay slot): bound, fetch and issue as any other, then
     * {@link KernelOpEmitter}'s call, which hands the counters and PC state back and runs it through the loop's
     * own execute and retire. It reads and writes {@code c.gpr} and may change anything, so the register
     * locals are written back first (the write-back of {@link #leaveThrough}); nothing is reloaded: run()
     * returns after it.
     */
    private void kernelOp(int i, int op, Label afterFetch) {
        cur = i;
        curSlot = false;
        bound(i, false);
        timing.fetch(i, false, afterFetch);
        timing.issue(op, words[i]);
        regs.spillAll();
        KernelOpEmitter.emit(mv, timed, op, words[i], pcOf(i), CORE_L, C, T, N, H);
    }

    /** Any other row: its semantics method (or Interpreter.execute) on Cpu.gpr, the registers spilled around it. */
    private void callSemantics(int op, int word) {
        beforeCall();
        if (READS_INSTRET[op]) { // Region.addRetired(c, n); n = 0
            flushFunctional();
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, N);
        }
        regs.spillAll();
        mv.visitVarInsn(ALOAD, C);
        if (DIRECT[op] == null) mv.visitLdcInsn(op);
        mv.visitLdcInsn(word);
        invokeSemantics(op);
        mv.visitVarInsn(ISTORE, TA);
        regs.reloadAll();
        if (curSlot) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitInsn(ICONST_0);
            mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        }
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, TA);
        mv.visitJumpInsn(IFEQ, ok);
        trapExit();
        mv.visitLabel(ok);
        afterDeviceAccess();
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
    void increment(int local) {
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
        cur = i;
        curSlot = false;
        bound(i, false);
        timing.fetch(i, false, i == 0 ? afterFetch0 : null);
        timing.issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        next();
        increment(N);
        timing.advance();
        // Execute (BranchOps on the locals): the condition reads the registers before any link is written.
        Label taken = new Label(), slot = new Label();
        boolean links = (o.effects & Effects.WRITES_RA) != 0;
        if (InlineOps.hasCondition(o)) {
            if (links) { // DS = condition; link; then decide
                Label yes = new Label(), decided = new Label();
                inline.condition(o, word, yes);
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
                inline.condition(o, word, taken);
            }
            // Not taken.
            if (likely) { // the delay slot is annulled: on to p + 8
                addCycles(timed ? t.branchLikelyAnnulled : 0);
                exitTo(p + 8);
            } else {
                mv.visitLdcInsn(p + 8);
                mv.visitVarInsn(LSTORE, TGT);
                mv.visitJumpInsn(GOTO, slot);
            }
            mv.visitLabel(taken);
            long target = p + 4 + ((long) (short) word << 2);
            mv.visitLdcInsn(target);
            mv.visitVarInsn(LSTORE, TGT);
            if (target != p + 8) addCycles(timed ? t.branchTakenExtra : 0);
        } else if (o == Op.J || o == Op.JAL) {
            if (o == Op.JAL) link(31, p);
            long target = ((p + 4) & ~0x0FFFFFFFL) | ((long) (word & 0x03FFFFFF) << 2);
            mv.visitLdcInsn(target);
            mv.visitVarInsn(LSTORE, TGT);
            if (target != p + 8) addCycles(timed ? t.branchTakenExtra : 0);
        } else { // JR, JALR: the target is read before the link (rd may equal rs)
            regs.load((word >>> 21) & 31);
            mv.visitVarInsn(LSTORE, TGT);
            if (o == Op.JALR) link((word >>> 11) & 31, p);
            if (timed && t.branchTakenExtra != 0) {
                Label noExtra = new Label();
                mv.visitVarInsn(LLOAD, TGT);
                mv.visitLdcInsn(p + 8);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, noExtra);
                addCycles(t.branchTakenExtra);
                mv.visitLabel(noExtra);
            }
        }
        mv.visitLabel(slot);
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
        if (timing.lastFp()) mv.visitJumpInsn(GOTO, out);
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

    /** GPR r = p + 8, the return address of the branch at p. */
    private void link(int r, long p) {
        mv.visitLdcInsn(p + 8);
        regs.store(r);
    }
}
