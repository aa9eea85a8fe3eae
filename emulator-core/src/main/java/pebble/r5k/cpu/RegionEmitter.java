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
 * functional loop ({@link Interpreter}) unrolled over the region's blocks ({@link RegionShape}), as
 * {@link RegionCompiler} and docs/translator.md describe. One instance per class; {@link #generate} once.
 *
 * <p>The blocks are emitted in page order, each at its label, where the interlock knowledge starts over
 * ({@link RegionTiming#resetKnowledge}); the method starts with a goto to the entry's block. Branches and the
 * transfers between blocks are {@link RegionBranches}'; every way out of the method is {@link RegionExits}'.
 * The guest registers stay in {@code Cpu.gpr} ({@link RegionRegisters}); the integer rows run inline on
 * them ({@link InlineOps}, {@link InlineMemory}), every other row calls its semantics method, which reads the
 * same array.
 */
final class RegionEmitter implements InlineMemory.Host {
    static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region", MEM = "pebble/r5k/cache/MemorySystem",
            SB = "pebble/r5k/timing/Scoreboard", L1 = "pebble/r5k/cache/L1Cache";
    private static final String RUN_DESC = "(L" + CORE + ";L" + CPU + ";J)V";

    // Locals of run().
    // N (instructions retired) and H (same-line I-cache hits) are longs: a region that loops internally can
    // run past 2^31 instructions in one call (functional mode with no event for 2^33 cycles). A functional
    // region counts no instructions: there N holds the cycle its count starts from (see pushRetired).
    static final int THIS = 0, CORE_L = 1, C = 2, LIMIT = 3, G = 5, MEM_L = 6, CYC = 7, LIM = 9, N = 11,
            H = 13, T = 15, LAST_T = 17, TGT = 21, IDX = 23, S = 24, DS = 26,
            XPC = 27, XNPC = 29, XSLOT = 31, XFP = 32, XK = 33, VA = 34, TA = 36, TB = 37, GPRS = 38, DC = 39, XIDX = 40, SB_L = 41;

    /** Exit kinds (local XK): what {@link RegionExits#emitLeave} does. */
    static final int K_EXIT = 0, K_TRAP = 1, K_FETCH_FAULT = 2, K_UNCACHED = 3, K_STALE = 4, K_TO_LOOP = 5;

    /** Virtual address of the region's page: page word w is at {@code pageVa + 4w}. */
    final long pageVa;
    final RegionShape shape;
    MethodVisitor mv;
    /** Per page word: the label of the block starting there (null: not a block start of this region). */
    final Label[] labels = new Label[1024];
    /**
     * Timed: per block start, the point just after its fetch. A transfer from the same I-cache line goes there
     * (after its own bound check): the loop's fetch would hit the window, and nothing in a region changes the
     * line, so the hit is only counted (the window test and the serial check would cost every loop iteration).
     */
    final Label[] fetched = new Label[1024];
    /** The timing table folded in; null for a functional region. */
    final TimingTable t;
    /** Timed regions model the loop in TimedCore; functional ones the loop in Interpreter. */
    final boolean timed;
    final RegionRegisters regs;
    final RegionTiming timing;
    final RegionExits exits;
    private final RegionFetch fetch;
    InlineOps inline;
    private InlineMemory memory;
    private RegionBranches branches;
    /** The instruction being emitted, and whether it is a delay slot (for the helpers' state). */
    int cur;
    private boolean curSlot;
    /** Size of the generated run() in bytecode bytes, known after {@link #generate}. */
    int codeBytes;
    /** The part of it that is not the instructions' (the prologue and the shared ways out), after generate. */
    int fixedBytes;

    RegionEmitter(TimingTable t, int maxGprLatency, long pageVa, RegionShape shape) {
        this.t = t;
        this.timed = t != null;
        this.pageVa = pageVa;
        this.shape = shape;
        this.regs = new RegionRegisters(GPRS, G);
        this.timing = new RegionTiming(this, maxGprLatency);
        this.exits = new RegionExits(this);
        this.fetch = new RegionFetch(this);
        for (int w = 0; w < 1024; w++) {
            if (!shape.in[w] || !shape.leader[w]) continue;
            labels[w] = new Label();
            if (timed) fetched[w] = new Label();
        }
    }

    long pcOf(int w) { return pageVa + 4L * w; }

    byte[] generate() {
        // A Java 5 class file: no stack-map frames to compute (ASM's COMPUTE_FRAMES was about a fifth of
        // generation, and CoreMark's 219 regions made C2 compile ASM's Frame.execute twice); the JVM's older
        // verifier infers the types itself. Measured not slower, usually faster (docs/translator.md, Warm-up).
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_5, ACC_FINAL | ACC_SUPER, "pebble/r5k/cpu/GeneratedRegion", null, REGION, null);
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
        branches = new RegionBranches(this);
        mv.visitCode();
        prologue();
        Label body = new Label(), leave = new Label(), end = new Label();
        mv.visitLabel(body);
        blocks();
        mv.visitLabel(leave);
        exits.emitLeave();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        codeBytes = end.getOffset();
        fixedBytes = body.getOffset() + end.getOffset() - leave.getOffset();
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The locals: arrays and fields read once, the counters at zero, the registers from Cpu.gpr. */
    private void prologue() {
        if (timed) {
            // The region runs only on lines it has checked (Region.linesValid); else the loop runs the block.
            Label valid = new Label();
            mv.visitVarInsn(ALOAD, THIS);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "linesValid", "(L" + REGION + ";L" + CORE + ";)Z", false);
            mv.visitJumpInsn(IFNE, valid);
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitVarInsn(LLOAD, LIMIT);
            mv.visitMethodInsn(INVOKEVIRTUAL, CORE, "regionRefused", "(J)V", false);
            mv.visitInsn(RETURN);
            mv.visitLabel(valid);
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
        // A host-side count of region calls (never in the statistics): instructions per call for the benchmarks.
        mv.visitVarInsn(ALOAD, C);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CPU, "regionCalls", "J");
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, CPU, "regionCalls", "J");
        regs.loadArrays(C);
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        mv.visitVarInsn(LLOAD, LIMIT);
        mv.visitVarInsn(LSTORE, LIM);
        exits.refreshLimit();
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
        } else {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, LAST_T);
            restartCount(CYC);
        }
        if (shape.entry != shape.base) mv.visitJumpInsn(GOTO, labels[shape.entry]);
    }

    /**
     * The blocks in page order. Each instruction falls through to the next one of its block; where the next
     * word starts a block, the code flows into its label (or leaves, after an FP-ALU instruction:
     * {@link RegionBranches#transfer}); where the region holds no next word, it leaves to it.
     */
    private void blocks() {
        RegionShape s = shape;
        for (int w = s.base; w < s.base + s.words.length; ) {
            if (!s.in[w]) {
                w++;
                continue;
            }
            if (labels[w] != null) {
                mv.visitLabel(labels[w]);
                timing.resetKnowledge();
            }
            int op = Decoder.decode(s.word(w)).ordinal();
            int k = kindOf(op, s.word(w), timed);
            if (k == BRANCH) {
                boolean onward = branches.branch(w, op);
                w += 2;
                if (onward) branches.transfer(w, true);
            } else if (k == KERNEL) { // the region returns after it, or goes on at the next word
                kernelOp(w, op);
                w++;
            } else {
                instruction(w, op, false);
                w++;
                branches.transfer(w, true);
            }
        }
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

    // -------------------------------------------------------------- InlineMemory.Host

    @Override public MethodVisitor mv() { return mv; }
    @Override public RegionRegisters regs() { return regs; }
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
        exits.trapExit();
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
        exits.trapExit();
        mv.visitLabel(ok);
    }

    @Override
    public void afterDeviceAccess() {
        if (timed) timing.memoryStall();
        exits.refreshLimit();
        Op op = Decoder.decode(shape.word(cur));
        if (!timed && (op.effects & Effects.STORE) != 0) codeStoreCheck(cur, curSlot);
        exits.groupRecheck(cur); // functional: the rest of the group with the LIM just read
    }

    // -------------------------------------------------------------- one instruction

    /**
     * Bound, fetch, issue, execute and retire of the non-branch instruction at page word w ({@code slot}: it
     * is a delay slot, the branch target in TGT). Leaves the next issue cycle in CYC.
     */
    void instruction(int w, int op, boolean slot) {
        int word = shape.word(w);
        instructionStart(w, slot);
        timing.issue(op, word);
        mv.visitVarInsn(LLOAD, T);
        mv.visitVarInsn(LSTORE, LAST_T);
        next(); // nothing below reads CYC before the memory stall is added to it
        Op o = Op.all()[op];
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
     * The kernel instruction at page word w (never a delay slot): bound, fetch and issue as any other, then
     * {@link KernelOpEmitter}'s call, which hands the counters and PC state back and runs it through the loop's
     * own execute and retire (it reads and writes {@code c.gpr}, where the region keeps the registers anyway:
     * {@link RegionRegisters}). Then run() returns, or, where the
     * region holds the next word (RegionShape: {@link KernelOpEmitter#goesOn}) and the call says the loop would
     * go on there with the same fetch window, the region goes on: {@link #resumeAfterKernelOp}.
     */
    private void kernelOp(int w, int op) {
        instructionStart(w, false);
        timing.issue(op, shape.word(w));
        boolean goesOn = shape.cont[w] && w + 1 < 1024 && shape.in[w + 1];
        KernelOpEmitter.emit(mv, timed, op, shape.word(w), pcOf(w), CORE_L, C, T, () -> pushRetired(T), H,
                goesOn ? this::resumeAfterKernelOp : null);
    }

    /**
     * The region's state after a kernel instruction the machine executed and retired, as after any instruction:
     * the next issue cycle from the machine (a SYNC's drain or a CACHE op's stall is in it), the instruction's
     * issue cycle as the last one, the counters at zero (the call added them), and the bound reading
     * {@code nextEventAt} again (an event the instruction requested then leaves before the next one, as the
     * loop's bound does). What is known of the interlocks still holds: the instruction wrote no GPR and changed
     * no ready cycle, and the next one issues at least a cycle later. No such instruction writes a GPR
     * ({@link KernelOpEmitter#GOES_ON}). The fetch window is still this line (the call
     * said so), so the next word's fetch is what it would be after any instruction.
     */
    private void resumeAfterKernelOp() {
        mv.visitVarInsn(ALOAD, C);
        mv.visitFieldInsn(GETFIELD, CPU, "cycle", "J");
        mv.visitVarInsn(LSTORE, CYC);
        restartCount(CYC);
        if (timed) {
            mv.visitVarInsn(LLOAD, T);
            mv.visitVarInsn(LSTORE, LAST_T);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, H);
        }
        exits.refreshLimit();
        timing.advance();
    }

    /**
     * Whether the instruction issued after the current one (at its issue cycle T or later) is known here to
     * read no ready cycle at T: it is the next page word, always the next on this path (not after a delay
     * slot, a branch-likely that may annul its slot, or a kernel instruction, after which the region
     * returns), fetched from the same line without a point (so it is the word translated, never a stale
     * one), and not FP-ALU. Only an FP-ALU instruction right after an integer one compares ready cycles
     * with the previous issue cycle ({@code TimedCore.issueMixed}); every later comparison is at T + 1 or
     * later. RegionTiming uses this to leave out ready cycles that cannot matter.
     */
    boolean successorReadsNothingAtT() {
        if (curSlot) return false;
        int op = Decoder.decode(shape.word(cur)).ordinal();
        int k = kindOf(op, shape.word(cur), timed);
        if (k == KERNEL) return false;
        if (k == BRANCH && (Op.all()[op].effects & Effects.LIKELY) != 0) return false;
        int n = cur + 1;
        if (n >= 1024 || !shape.in[n] || shape.point[n] >= 0) return false;
        return !TimedCore.isFpAlu(Decoder.decode(shape.word(n)).ordinal());
    }

    /** The instruction at page word w begins: the loop's bound (checked per group), then its fetch. */
    void instructionStart(int w, boolean slot) {
        cur = w;
        curSlot = slot;
        exits.groupBound(w, slot);
        fetch.fetch(w, slot);
        if (fetched[w] != null && !slot) mv.visitLabel(fetched[w]);
    }

    /** Any other row: its semantics method (or Interpreter.execute) on Cpu.gpr. */
    private void callSemantics(int op, int word) {
        beforeCall();
        if (READS_INSTRET[op]) { // Region.addRetired(c, the count before this instruction); the count from 0
            exits.flushFunctional(T);
            restartCount(T);
        }
        mv.visitVarInsn(ALOAD, C);
        if (DIRECT[op] == null) mv.visitLdcInsn(op);
        mv.visitLdcInsn(word);
        invokeSemantics(op);
        mv.visitVarInsn(ISTORE, TA);
        if (curSlot) {
            mv.visitVarInsn(ALOAD, C);
            mv.visitInsn(ICONST_0);
            mv.visitFieldInsn(PUTFIELD, CPU, "inDelaySlot", "Z");
        }
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, TA);
        mv.visitJumpInsn(IFEQ, ok);
        exits.trapExit();
        mv.visitLabel(ok);
        afterDeviceAccess();
    }

    /**
     * Functional regions: memory is coherent, so a store into this region's own code ends it at once
     * (after the store retires): the loop then fetches the new word.
     */
    private void codeStoreCheck(int w, boolean slot) {
        Label alive = new Label();
        mv.visitVarInsn(ALOAD, THIS);
        mv.visitFieldInsn(GETFIELD, REGION, "dead", "Z");
        mv.visitJumpInsn(IFEQ, alive);
        increment(N); // the store itself has retired
        if (slot) exits.exitToTarget(); else exits.exitTo(pcOf(w + 1));
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

    /**
     * Pushes the instructions retired since the count last started, up to the one issued at the cycle in
     * {@code clock} (T: before it; CYC after an instruction: up to the last one). Timed: N. Functional: {@code
     * clock - N}. Every functional instruction adds exactly one cycle to CYC, trapping or not (the loop's
     * retire, {@code Interpreter.retire}: one cycle, and an instruction only when it raised nothing; a trap
     * leaves the region, with T its cycle), so the count is the cycles since the cycle in N, and no counter is
     * kept per instruction.
     */
    void pushRetired(int clock) {
        if (!timed) mv.visitVarInsn(LLOAD, clock);
        mv.visitVarInsn(LLOAD, N);
        if (!timed) mv.visitInsn(LSUB);
    }

    /** The count of retired instructions starts over from zero at the cycle in {@code clock} (pushRetired). */
    void restartCount(int clock) {
        if (timed) mv.visitInsn(LCONST_0); else mv.visitVarInsn(LLOAD, clock);
        mv.visitVarInsn(LSTORE, N);
    }

    /** A long counter local (N, H) += 1; a functional region counts no instructions in N (pushRetired). */
    void increment(int local) {
        if (local == N && !timed) return;
        mv.visitVarInsn(LLOAD, local);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, local);
    }

    /** cyc = t + 1 */
    void next() {
        mv.visitVarInsn(LLOAD, T);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, CYC);
    }

    void addCycles(int k) {
        if (k == 0 || !timed) return;
        mv.visitVarInsn(LLOAD, CYC);
        mv.visitLdcInsn((long) k);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, CYC);
    }
}
