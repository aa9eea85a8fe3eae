package pebble.r5k.cpu;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.TimingClass;
import pebble.r5k.timing.Scoreboard;
import pebble.r5k.timing.TimingTable;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.Set;

import static org.objectweb.asm.Opcodes.*;

/**
 * Compiles a run of guest instructions into a {@link Region}: one hidden JVM class whose {@code run}
 * method is {@link TimedCore}'s loop unrolled over those instructions, with everything that is known at
 * translation time folded in (docs/translator.md):
 * <ul>
 *   <li>the PC of every instruction and its delay-slot state are constants; fields are written only where
 *       something may read them (a memory access, an exception, a helper);</li>
 *   <li>the I-cache is probed only where the PC enters a new line (the loop's fast check would hit on
 *       every other instruction: those are counted as hits);</li>
 *   <li>an interlock that cannot stall is not checked: a source written by an earlier instruction of the
 *       same straight run whose latency has already elapsed, or read so far from the region's start that
 *       no result of the longest GPR latency can still be pending;</li>
 *   <li>semantics are the interpreter's own methods ({@code AluOps.addu(c, word)} with a constant word,
 *       which C2 inlines and folds), or {@link Interpreter#execute} itself.</li>
 * </ul>
 * What stays dynamic is computed exactly as the loop computes it: cache-miss stalls, the remaining
 * interlocks, branch directions, the cycle limit and events, exceptions.
 *
 * <p>A region is straight-line code, continuing past conditional branches that fall through, up to an
 * instruction it does not translate (CP0, CACHE, SYNC, FP-ALU: they may change what the loop itself
 * depends on, or pair), the end of the page, {@link #MAX_INSNS}, or a jump. A branch back to the
 * region's entry loops inside the method.
 */
final class RegionCompiler {
    /** Region length cap: keeps the generated method far below HotSpot's 8000-byte compile limit. */
    static final int MAX_INSNS = 40;

    static final int STOP = 0, PLAIN = 1, CALL = 2, BRANCH = 3;
    /** Per Op ordinal: how the compiler handles it. */
    static final byte[] KIND = new byte[Op.values().length];
    /**
     * Per Op ordinal: an FP-ALU instruction. Timed regions stop at them (they may pair with a neighbour,
     * §1.1, which the loop models); functional regions run them through {@link Interpreter#execute}.
     */
    static final boolean[] FP_ALU = new boolean[Op.values().length];
    /** Per Op ordinal: the semantics method called directly ({@code null}: {@link Interpreter#execute}). */
    static final Method[] DIRECT = new Method[Op.values().length];

    /** ALU ops whose semantics can neither trap nor touch memory nor read the PC. */
    private static final Set<Op> PLAIN_OPS = EnumSet.of(Op.ADDU, Op.ADDIU, Op.SUBU, Op.AND, Op.OR, Op.XOR, Op.NOR,
            Op.SLT, Op.SLTU, Op.SLTI, Op.SLTIU, Op.ANDI, Op.ORI, Op.XORI, Op.LUI, Op.SLL, Op.SRL, Op.SRA, Op.SLLV,
            Op.SRLV, Op.SRAV, Op.MOVZ, Op.MOVN);
    /** Timing classes of the instructions a region may hold (besides branches). */
    private static final Set<TimingClass> CALL_CLASSES = EnumSet.of(TimingClass.ALU, TimingClass.LOAD,
            TimingClass.STORE, TimingClass.MULT, TimingClass.DMULT, TimingClass.DIV, TimingClass.DDIV,
            TimingClass.MFHILO, TimingClass.MTHILO, TimingClass.TRAP, TimingClass.PREF, TimingClass.FP_LOAD,
            TimingClass.FP_STORE, TimingClass.FP_XFER);
    private static final Class<?>[] SEMANTICS = {AluOps.class, ShiftOps.class, LoadStoreOps.class, MulDivOps.class};

    static {
        for (Op op : Op.values()) {
            int i = op.ordinal();
            if (op.kind != OpKind.REAL || op == Op.RESERVED) continue;
            if (TimedCore.isFpAlu(i)) {
                FP_ALU[i] = op.timing != TimingClass.FP_BRANCH;
                continue;
            }
            TimingClass tc = op.timing;
            boolean control = (op.effects & (Effects.BRANCH | Effects.JUMP)) != 0;
            if (control) {
                Method m = find(BranchOps.class, op);
                if ((tc == TimingClass.BRANCH || tc == TimingClass.JUMP) && m != null) {
                    KIND[i] = BRANCH;
                    DIRECT[i] = m;
                }
            } else if (CALL_CLASSES.contains(tc)) {
                Method m = null;
                for (Class<?> k : SEMANTICS) if (m == null) m = find(k, op);
                DIRECT[i] = m;
                KIND[i] = (byte) (PLAIN_OPS.contains(op) && m != null ? PLAIN : CALL);
            }
        }
    }

    /** The semantics method of {@code op} in {@code k}, named after it ({@code static int addu(Cpu, int)}). */
    private static Method find(Class<?> k, Op op) {
        try {
            Method m = k.getDeclaredMethod(op.name().toLowerCase(java.util.Locale.ROOT), Cpu.class, int.class);
            return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == int.class ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region", MEM = "pebble/r5k/cache/MemorySystem",
            SB = "pebble/r5k/timing/Scoreboard";
    private static final String RUN_DESC = "(L" + CORE + ";L" + CPU + ";J)V";

    // Locals of run().
    private static final int THIS = 0, CORE_L = 1, C = 2, LIMIT = 3, G = 5, MEM_L = 6, CYC = 7, LIM = 9, N = 11,
            H = 12, T = 13, LAST_T = 15, SERIAL = 17, EXPECT = 18, TGT = 19, IDX = 21, S = 22, DS = 24,
            XPC = 25, XNPC = 27, XSLOT = 29;

    /**
     * Generated classes shared by every machine in this JVM, keyed by what the code depends on: the entry
     * address, the words and the timing parameters. A new machine running the same image (tests, the
     * benchmark, the table reproductions) reuses the classes, and with them HotSpot's compiled code.
     * Bounded: cleared when full (the classes become unreachable and are unloaded).
     */
    private static final java.util.concurrent.ConcurrentHashMap<Key, Class<?>> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SHARED_MAX = 8192;

    private record Key(long va, String timing, int hash, int[] words) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.va == va && k.hash == hash && k.timing.equals(timing)
                    && java.util.Arrays.equals(k.words, words);
        }

        @Override
        public int hashCode() { return hash; }
    }

    /** The timing table; null for functional regions. */
    private final TimingTable t;
    /** The timing parameters the generated code folds in, as a key for {@link #SHARED}. */
    private final String timingKey;
    /** The longest latency of any GPR result in this table: how far back a pending interlock can reach. */
    private final int maxGprLatency;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /**
     * A compiler for the timed loop ({@code t} non-null: the timing parameters folded in) or for the
     * functional loop ({@code t} null: one cycle per instruction, no caches, coherent code).
     */
    RegionCompiler(TimingTable t) {
        this.t = t;
        if (t == null) {
            maxGprLatency = 1;
            timingKey = "functional";
            return;
        }
        int max = 1;
        for (Op op : Op.values()) {
            if (op.kind == OpKind.REAL && (op.effects & (Effects.WRITES_RD | Effects.WRITES_RT | Effects.WRITES_RA)) != 0) {
                max = Math.max(max, t.latency[op.timing.ordinal()]);
            }
        }
        maxGprLatency = max;
        timingKey = java.util.Arrays.toString(t.latency) + "/" + t.branchTakenExtra + "/" + t.branchLikelyAnnulled;
    }

    /**
     * How many of {@code words} (the instructions from {@code va} to the end of its page, or fewer) a region
     * starting at {@code va} would hold; 0 when the first one cannot start a region.
     */
    static int extent(long va, int[] words) {
        return extent(va, words, MAX_INSNS, true);
    }

    /** How regions of the given mode handle the Op with ordinal {@code op} ({@link #KIND}, plus FP-ALU when functional). */
    private static int kindOf(int op, boolean timed) {
        int k = KIND[op];
        return k == STOP && !timed && FP_ALU[op] ? CALL : k;
    }

    /** {@link #extent(long, int[])} for this compiler's mode. */
    int extentFor(long va, int[] words) {
        return extent(va, words, MAX_INSNS, t != null);
    }

    /**
     * {@link #extent(long, int[])} with at most about {@code cap} instructions (a branch keeps its slot), for
     * timed or functional regions.
     */
    static int extent(long va, int[] words, int cap, boolean timed) {
        int n = 0;
        int max = Math.min(words.length, cap);
        while (n < max) {
            int op = Decoder.decode(words[n]).ordinal();
            int k = kindOf(op, timed);
            if (k == STOP) break;
            if (k == BRANCH) {
                if (n + 1 >= words.length) break; // the slot is on the next page
                int slot = kindOf(Decoder.decode(words[n + 1]).ordinal(), timed);
                if (slot != PLAIN && slot != CALL) break;
                n += 2;
                if ((Op.values()[op].effects & (Effects.JUMP | Effects.LIKELY)) != 0) break;
                continue;
            }
            n++;
        }
        return n;
    }

    /** Bytecode bytes a method may have and still be compiled by C2 (HotSpot's HugeMethodLimit is 8000). */
    static final int METHOD_BYTES_LIMIT = 7_900;

    /**
     * Translates {@code words} (already cut to {@link #extent}) at {@code va}/{@code pa}. Should the method
     * outgrow {@link #METHOD_BYTES_LIMIT} (it does not at {@link #MAX_INSNS}; this is the safety net), a
     * shorter prefix is translated instead.
     */
    Region compile(long va, long pa, int[] words) {
        byte[] bytes = null;
        while (!SHARED.containsKey(keyOf(va, words))) {
            Emitter e = new Emitter(va, words);
            bytes = e.generate();
            if (e.codeBytes <= METHOD_BYTES_LIMIT || words.length <= 2) break;
            words = java.util.Arrays.copyOf(words, extent(va, words, words.length / 2, t != null));
            bytes = null;
        }
        return define(va, pa, words, bytes);
    }

    private Key keyOf(long va, int[] words) {
        return new Key(va, timingKey, Long.hashCode(va) * 31 + java.util.Arrays.hashCode(words), words);
    }

    /** Bytecode size of the method a region of {@code words} at {@code va} would get (tests). */
    int methodBytes(long va, int[] words) {
        Emitter e = new Emitter(va, words);
        e.generate();
        return e.codeBytes;
    }

    private Region define(long va, long pa, int[] words, byte[] generated) {
        int n = words.length;
        // Line-entry points: the first instruction, and each one that starts a 32-byte line.
        int points = 0;
        for (int i = 0; i < n; i++) if (i == 0 || ((va + 4L * i) & 31) == 0) points++;
        int[] from = new int[points], to = new int[points];
        for (int i = 0, k = 0; i < n; i++) {
            if (i == 0 || ((va + 4L * i) & 31) == 0) {
                from[k] = i;
                int j = i + 1;
                while (j < n && ((va + 4L * j) & 31) != 0) j++;
                to[k++] = j;
            }
        }
        Key key = keyOf(va, words);
        try {
            Class<?> cls = SHARED.get(key);
            if (cls == null) {
                byte[] bytes = generated != null ? generated : new Emitter(va, words).generate();
                cls = LOOKUP.defineHiddenClass(bytes, true).lookupClass();
                if (SHARED.size() >= SHARED_MAX) SHARED.clear();
                SHARED.put(key, cls);
            }
            Region r = (Region) cls.getDeclaredConstructor().newInstance();
            r.init(va, pa, words, from, to);
            return r;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("region translation failed at 0x" + Long.toHexString(va), e);
        }
    }

    /** Emits one region class. */
    private final class Emitter {
        private final long va;
        private final int[] words;
        private final int n;
        private MethodVisitor mv;
        private final Label exit = new Label();
        /** Timed regions model the loop in TimedCore; functional ones the loop in Interpreter. */
        private final boolean timed = t != null;
        /** Per GPR: position (in the current straight run) of the last writer, and its latency. */
        private final int[] writerPos = new int[33], writerLat = new int[33];
        private int pos;
        private int point;
        /** Size of the generated run() in bytecode bytes, known after {@link #generate}. */
        int codeBytes;

        Emitter(long va, int[] words) {
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
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, N);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, H);
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
            mv.visitVarInsn(ILOAD, N);
            if (timed) {
                mv.visitVarInsn(ILOAD, H);
                mv.visitVarInsn(LLOAD, LAST_T);
                mv.visitMethodInsn(INVOKESTATIC, REGION, "exit", "(L" + CORE + ";L" + CPU + ";JJZJIIJ)V", false);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, REGION, "exitFunctional", "(L" + CPU + ";JJZJI)V", false);
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
        }

        /** Region.flush(core, c, n, h). */
        private void flushCounters() {
            mv.visitVarInsn(ALOAD, CORE_L);
            mv.visitVarInsn(ALOAD, C);
            mv.visitVarInsn(ILOAD, N);
            mv.visitVarInsn(ILOAD, H);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "flush", "(L" + CORE + ";L" + CPU + ";II)V", false);
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
                mv.visitIincInsn(H, 1);
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
                mv.visitVarInsn(ILOAD, N);
                if (timed) {
                    mv.visitVarInsn(ILOAD, H);
                    mv.visitMethodInsn(INVOKESTATIC, REGION, "trap", "(L" + CORE + ";L" + CPU + ";JII)V", false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, REGION, "trapFunctional", "(L" + CPU + ";JI)V", false);
                }
                mv.visitInsn(RETURN);
                mv.visitLabel(ok);
                next();
                if (timed) memoryStall();
                refreshLimit();
                if (!timed && (Op.values()[op].effects & Effects.STORE) != 0) codeStoreCheck(i, slot);
            }
            mv.visitIincInsn(N, 1);
            pos++;
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
            mv.visitIincInsn(N, 1); // the store itself has retired
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
            mv.visitIincInsn(N, 1);
            pos++;
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
            // Taken: back to the region's entry loops in the method; anything else leaves.
            Label out = new Label();
            mv.visitVarInsn(LLOAD, TGT);
            mv.visitLdcInsn(va);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, out);
            Label ok = new Label();
            mv.visitVarInsn(LLOAD, CYC);
            mv.visitVarInsn(LLOAD, LIM);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLT, ok);
            exitTo(va);
            mv.visitLabel(ok);
            if (!timed || ((pcOf(i + 1) ^ va) & ~31L) == 0) { // the slot and the entry share a line: a hit
                if (timed) mv.visitIincInsn(H, 1);
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
}
