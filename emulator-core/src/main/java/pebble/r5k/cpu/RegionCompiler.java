package pebble.r5k.cpu;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.TimingClass;
import pebble.r5k.timing.TimingTable;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.Set;

/**
 * Compiles a run of guest instructions into a {@link Region}: one hidden JVM class (emitted by
 * {@link RegionEmitter}) whose {@code run} method is {@link TimedCore}'s loop, or for the functional mode
 * {@link Interpreter}'s, unrolled over those instructions, with everything that is known at translation
 * time folded in (docs/translator.md):
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
 * <p>A region is a set of blocks in one page ({@link RegionShape}): straight-line code, continuing past
 * conditional branches that fall through, up to an instruction it does not translate (reserved encodings,
 * COP2), the end of the page, a jump, or through a kernel instruction (CP0 writes, TLB, ERET, CACHE, SYNC,
 * WAIT, SYSCALL/BREAK, FP branches: they may change what the loop itself depends on, so the region returns
 * after each, or goes on where the loop would simply go on, see {@link KernelOpEmitter}); the static targets in the page start blocks of their own, and a
 * transfer between blocks is a JVM goto ({@link RegionBranches}). At most about {@link #MAX_INSNS} instructions.
 */
final class RegionCompiler {
    /**
     * Instructions a region may hold (its blocks together); the straight-line {@link #extent} stops there too.
     * Regions whose method would outgrow {@link #METHOD_BYTES_TARGET} are discovered again with fewer.
     */
    static final int MAX_INSNS = 96;
    /**
     * The same for timed regions, whose code is about twice as large per instruction (fetch, issue, retire).
     * Timed regions are one path (RegionShape), as long as before multi-block regions.
     */
    static final int MAX_INSNS_TIMED = 40;

    /**
     * KERNEL: an instruction that may change what the loop itself depends on (CP0 writes, TLB, ERET, CACHE,
     * SYNC, WAIT, SYSCALL/BREAK, FP branches). {@link KernelOpEmitter} runs it exactly as the loop would, then
     * the region returns to the dispatcher, or goes on after the CP0 and TLB writes, CACHE and SYNC when at run
     * time they left the loop's state as any instruction does ({@link KernelOpEmitter#goesOn}).
     */
    static final int STOP = 0, PLAIN = 1, CALL = 2, BRANCH = 3, KERNEL = 4;
    /** Per Op ordinal: how the compiler handles it. */
    static final byte[] KIND = new byte[Op.values().length];
    /**
     * Per Op ordinal: an FP-ALU instruction, run through {@link Interpreter#execute}. In timed regions one
     * may pair with its neighbour of the other class (dual issue, §1.1): the emitter issues every such
     * class change through the loop's own pairing rule ({@link TimedCore#regionIssueMixed}).
     */
    static final boolean[] FP_ALU = new boolean[Op.values().length];
    /** Per Op ordinal: the op may read {@code Cpu.instret} (CP0 Random), so the region's count is added first. */
    static final boolean[] READS_INSTRET = new boolean[Op.values().length];
    /** Per Op ordinal: the semantics method called directly ({@code null}: {@link Interpreter#execute}). */
    static final Method[] DIRECT = new Method[Op.values().length];

    /** ALU ops whose semantics can neither trap nor touch memory nor read the PC. */
    private static final Set<Op> PLAIN_OPS = EnumSet.of(Op.ADDU, Op.ADDIU, Op.SUBU, Op.AND, Op.OR, Op.XOR, Op.NOR,
            Op.SLT, Op.SLTU, Op.SLTI, Op.SLTIU, Op.ANDI, Op.ORI, Op.XORI, Op.LUI, Op.SLL, Op.SRL, Op.SRA, Op.SLLV,
            Op.SRLV, Op.SRAV, Op.MOVZ, Op.MOVN);
    /**
     * Timing classes of the instructions a region may hold, besides branches and the CP0 reads MFC0/DMFC0.
     * The CP0 reads have no side effect. What they read is exact in a region: Count comes from
     * {@code c.cycle}, which is set before every call. Random comes from the instructions retired, which
     * the region adds in before the read (see {@link #READS_INSTRET}).
     */
    private static final Set<TimingClass> CALL_CLASSES = EnumSet.of(TimingClass.ALU, TimingClass.LOAD,
            TimingClass.STORE, TimingClass.MULT, TimingClass.DMULT, TimingClass.DIV, TimingClass.DDIV,
            TimingClass.MFHILO, TimingClass.MTHILO, TimingClass.TRAP, TimingClass.PREF, TimingClass.FP_LOAD,
            TimingClass.FP_STORE, TimingClass.FP_XFER);
    private static final Class<?>[] SEMANTICS = {AluOps.class, ShiftOps.class, LoadStoreOps.class, MulDivOps.class,
            Cp0Ops.class};

    static {
        for (Op op : KernelOpEmitter.OPS) KIND[op.ordinal()] = KERNEL;
        READS_INSTRET[Op.MFC0.ordinal()] = READS_INSTRET[Op.DMFC0.ordinal()] = true;
        // A CP0 write to a register that changes nothing else is a call of its method (kindOf(op, word, timed)).
        DIRECT[Op.MTC0.ordinal()] = find(Cp0Ops.class, Op.MTC0);
        DIRECT[Op.DMTC0.ordinal()] = find(Cp0Ops.class, Op.DMTC0);
        for (Op op : Op.values()) {
            int i = op.ordinal();
            if (op.kind != OpKind.REAL || op == Op.RESERVED) continue;
            if (KIND[i] == KERNEL) continue;
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
            } else if (CALL_CLASSES.contains(tc) || op == Op.MFC0 || op == Op.DMFC0) {
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


    /**
     * Generated classes shared by every machine in this JVM, keyed by what the code depends on: the entry
     * address, the words and the timing parameters. A new machine running the same image (tests, the
     * benchmark, the table reproductions) reuses the classes, and with them HotSpot's compiled code.
     * Bounded: cleared when full (the classes become unreachable and are unloaded).
     */
    private static final java.util.concurrent.ConcurrentHashMap<Key, Compiled> SHARED =
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
    static int kindOf(int op, boolean timed) {
        int k = KIND[op];
        return k == STOP && FP_ALU[op] ? CALL : k;
    }

    /**
     * {@link #kindOf(int, boolean)} for the instruction {@code word} (Op ordinal {@code op}): a CP0 write to a
     * register whose write changes nothing else (EPC, EntryLo0/1, Index, PageMask, ...:
     * {@link Cp0#writeTouchesOnlyTheRegister}) is an ordinary call of its semantics method, not a kernel
     * instruction. It can trap (Coprocessor Unusable in user mode, DMTC0's Reserved Instruction), as other
     * calls can; otherwise it leaves the loop going on to the next word with everything it depends on
     * unchanged, so the region has nothing to hand back and nothing to check.
     */
    static int kindOf(int op, int word, boolean timed) {
        Op o = Op.all()[op];
        if ((o == Op.MTC0 || o == Op.DMTC0) && Cp0.writeTouchesOnlyTheRegister(Fields.rd(word))) {
            return CALL;
        }
        return kindOf(op, timed);
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
            int k = kindOf(op, words[n], timed);
            if (k == STOP) break;
            if (k == KERNEL) { // ends the region after it (never in a delay slot: see below)
                n++;
                break;
            }
            if (k == BRANCH) {
                if (n + 1 >= words.length) break; // the slot is on the next page
                int slot = kindOf(Decoder.decode(words[n + 1]).ordinal(), words[n + 1], timed);
                if (slot != PLAIN && slot != CALL) break;
                n += 2;
                if ((Op.all()[op].effects & (Effects.JUMP | Effects.LIKELY)) != 0) break;
                if (RegionShape.alwaysTaken(Op.all()[op], words[n - 2])) break;
                continue;
            }
            n++;
        }
        return n;
    }

    /**
     * The size a region's method is kept to. Above about 4,300 bytes, C1 gave up on some timed regions ("too
     * many stack slots used": their many calls each spilled the register locals they then kept), so they ran in
     * the bytecode interpreter until C2 compiled them; at 4,500 four of about 60 still did, against eleven at
     * 7,900 (PrintCompilation over the workload and the kernel traces). Functional regions are kept to it too:
     * they compiled up to HotSpot's limit, but C2's time on those large methods made the 455 M-instruction
     * workload take 2.5–2.7 s wall with --no-timing against 1.9–2.1 s at this size (whole process, in turn;
     * docs/translator.md).
     */
    static final int METHOD_BYTES_TARGET = 4_500;

    /**
     * Translates the region entered at {@code va} (physical {@code pa}) from its page's words: {@code page[w]}
     * is page word w, and only words in [{@code from}, {@code to}) may be translated. {@code seeds}: the
     * page's block starts seen so far ({@link RegionShape}). Should the method outgrow
     * {@link #METHOD_BYTES_TARGET} (HotSpot's HugeMethodLimit is 8000), the region is discovered again with
     * fewer instructions, in proportion.
     */
    Region compile(long va, long pa, int[] page, int from, int to, int[] seeds) {
        long pageVa = va & ~0xFFFL;
        int entry = (int) (va >>> 2) & 1023, cap = t == null ? MAX_INSNS : MAX_INSNS_TIMED;
        while (true) {
            RegionShape shape = RegionShape.discover(pageVa, page, from, to, entry, seeds, cap, t != null);
            Key key = keyOf(va, shape);
            Compiled known = SHARED.get(key);
            if (known != null) return define(va, pa, shape, known);
            RegionEmitter e = new RegionEmitter(t, maxGprLatency, pageVa, shape);
            byte[] bytes = e.generate();
            int target = METHOD_BYTES_TARGET;
            if (e.codeBytes <= target || shape.count <= 2 || cap <= 2) {
                Compiled c = new Compiled(defineClass(bytes), e.codeBytes);
                if (SHARED.size() >= SHARED_MAX) SHARED.clear();
                SHARED.put(key, c);
                return define(va, pa, shape, c);
            }
            cap = nextCap(cap, shape.count, e.codeBytes, e.fixedBytes, target);
        }
    }

    /**
     * The next instruction cap for a region of {@code count} instructions (found with {@code cap}) whose method
     * took {@code codeBytes}, {@code fixedBytes} of them not the instructions' (the prologue and the ways out):
     * in proportion to the instructions' own bytes, and always below {@code cap} (a branch keeps its slot, so
     * a region can hold one instruction more than its cap), so the cuts end; at least 2. Should the result still
     * be too large, the next round cuts again.
     */
    static int nextCap(int cap, int count, int codeBytes, int fixedBytes, int target) {
        int fixed = Math.min(fixedBytes, target / 2);
        long estimate = (long) count * (target - fixed) / Math.max(1, codeBytes - fixed);
        return (int) Math.max(2, Math.min(Math.min(cap, count) - 1, estimate));
    }

    /** {@link #compile(long, long, int[], int, int, int[])} from the words at {@code va} on (tests). */
    Region compile(long va, long pa, int[] words) {
        int entry = (int) (va >>> 2) & 1023;
        int[] page = new int[1024];
        int n = Math.min(words.length, 1024 - entry);
        System.arraycopy(words, 0, page, entry, n);
        return compile(va, pa, page, entry, entry + n, new int[0]);
    }

    /** A generated class, and the size of its run() in bytecode bytes. */
    private record Compiled(Class<?> cls, int methodBytes) {}

    private static Class<?> defineClass(byte[] bytes) {
        try {
            return LOOKUP.defineHiddenClass(bytes, true).lookupClass();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("region class definition refused", e);
        }
    }

    /** The key of a shape: the entry, the words and which of them the region runs and where its blocks start. */
    private Key keyOf(long va, RegionShape s) {
        int n = s.words.length;
        int[] k = java.util.Arrays.copyOf(s.words, n + (n + 15) / 16 + 1);
        k[n + (n + 15) / 16] = s.base;
        for (int i = 0; i < n; i++) {
            int w = s.base + i;
            k[n + i / 16] |= (s.in[w] ? 1 : 0) << 2 * (i % 16) | (s.leader[w] ? 2 : 0) << 2 * (i % 16);
        }
        return new Key(va, timingKey, Long.hashCode(va) * 31 + java.util.Arrays.hashCode(k), k);
    }

    /** Bytecode size of the method of a region (tests). */
    static int methodBytes(Region r) {
        return r.methodBytes;
    }

    private Region define(long va, long pa, RegionShape shape, Compiled c) {
        try {
            Region r = (Region) c.cls.getDeclaredConstructor().newInstance();
            r.init(va, pa, shape);
            r.methodBytes = c.methodBytes;
            return r;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("region translation failed at 0x" + Long.toHexString(va), e);
        }
    }
}
