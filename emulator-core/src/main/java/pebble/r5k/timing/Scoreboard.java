package pebble.r5k.timing;

import pebble.r5k.isa.Op;
import pebble.r5k.isa.TimingClass;

import static pebble.r5k.isa.Effects.*;

/**
 * The in-order issue model of the R5000 (hardware reference §1.1-§1.3): one instruction per cycle, held
 * back until its source registers are ready, HI/LO are ready, and a busy long-latency unit (integer
 * multiply/divide; FP divide/sqrt) is free. All times are absolute pipeline cycles; a stall is
 * {@code max(0, readyAt - cycle)} (architecture guide §4). Allocation-free.
 *
 * <p>Protocol: for each instruction the interpreter calls {@link #issue(Op, int, long)} with the cycle the
 * instruction would issue at without stalls; it returns the stall, and the instruction issues at
 * {@code cycle + stall} (its results become ready {@code latency} cycles after that). The write buffer
 * (uncached and write-through stores, §1.3) is modelled by {@link #postWrite} and {@link #drainWrites}.
 */
public final class Scoreboard {
    private static final int GPR_READS = READS_RS | READS_RT;
    private static final int GPR_WRITES = WRITES_RD | WRITES_RT | WRITES_RA;
    private static final int HILO = READS_HI | READS_LO | WRITES_HI | WRITES_LO;
    private static final int FP_EFFECTS = READS_FS | READS_FT | READS_FR | WRITES_FD | WRITES_FS | WRITES_FT
            | READS_FCC | WRITES_FCC;

    /** Per timing class: 1 = uses the integer multiply/divide unit, 2 = uses the FP divide/sqrt unit. */
    private static final byte[] UNIT = new byte[TimingClass.values().length];
    private static final int MULDIV_UNIT = 1, FPDIV_UNIT = 2;

    static {
        for (TimingClass c : new TimingClass[] {TimingClass.MULT, TimingClass.DMULT, TimingClass.DIV,
                TimingClass.DDIV, TimingClass.MTHILO}) {
            UNIT[c.ordinal()] = MULDIV_UNIT;
        }
        for (TimingClass c : TimingClass.values()) {
            String n = c.name();
            if (n.startsWith("FP_DIV") || n.startsWith("FP_SQRT") || n.startsWith("FP_RECIP") || n.startsWith("FP_RSQRT")) {
                UNIT[c.ordinal()] = FPDIV_UNIT;
            }
        }
    }

    private static final Op[] OPS = Op.values();
    /**
     * Extra flag in {@link #EFFECTS}: the op reads or writes HI/LO, uses a long-latency unit or has FP
     * operands, so it takes {@link #issueSlow}; the integer path tests this one bit.
     */
    private static final int SLOW = 1 << 30;
    /** Per Op ordinal: its effect flags (plus {@link #SLOW}) and timing-class ordinal. */
    private static final int[] EFFECTS = new int[OPS.length], CLASS = new int[OPS.length];

    static {
        for (Op op : OPS) {
            int e = op.effects;
            if ((e & (HILO | FP_EFFECTS)) != 0 || UNIT[op.timing.ordinal()] != 0) e |= SLOW;
            EFFECTS[op.ordinal()] = e;
            CLASS[op.ordinal()] = op.timing.ordinal();
        }
    }

    private final int[] latency;
    private final int[] repeat;
    private final int writeCycles;
    /** Per Op ordinal: the latency of its timing class in this table. */
    private final int[] opLatency = new int[OPS.length];

    /**
     * Ready cycle per GPR. Entry 32 is a write sink: a {@link #describe descriptor} sends results for $0
     * (and "no result") there, so entry 0 stays 0 and the fast path needs no branch.
     */
    public final long[] gprReadyAt = new long[33];
    public long hiloReadyAt;
    public long mulDivBusyUntil;
    public final long[] fprReadyAt = new long[32];
    public long fccReadyAt;
    public long fpDivBusyUntil;
    /** Completion cycles of the posted writes in the SysAD write buffer, a ring of writeBuffer.entries. */
    private final long[] writeDoneAt;
    private int writeHead;
    private long lastWriteDoneAt;

    // Stall accounting by cause (read by Stats).
    public long loadUseStalls, mulDivStalls, fpStalls, writeBufferStalls;

    public Scoreboard(TimingTable t) {
        this.latency = t.latency;
        this.repeat = t.repeat;
        this.writeCycles = t.writeCycles;
        this.writeDoneAt = new long[t.writeBufferEntries];
        for (Op op : OPS) opLatency[op.ordinal()] = latency[op.timing.ordinal()];
    }

    public void reset() {
        java.util.Arrays.fill(gprReadyAt, 0);
        java.util.Arrays.fill(fprReadyAt, 0);
        java.util.Arrays.fill(writeDoneAt, 0);
        hiloReadyAt = mulDivBusyUntil = fccReadyAt = fpDivBusyUntil = lastWriteDoneAt = 0;
        writeHead = 0;
        loadUseStalls = mulDivStalls = fpStalls = writeBufferStalls = 0;
    }

    /** Stall cycles before {@code op} (encoded as {@code word}) can issue at {@code cycle}; records its results. */
    public long issue(Op op, int word, long cycle) {
        return issue(op.ordinal(), word, cycle);
    }

    /** {@link #issue(Op, int, long)} by Op ordinal (the timed core's predecoded form). */
    public long issue(int op, int word, long cycle) {
        int e = EFFECTS[op];
        long t = cycle;
        if ((e & READS_RS) != 0) t = Math.max(t, gprReadyAt[(word >>> 21) & 31]);
        if ((e & READS_RT) != 0) t = Math.max(t, gprReadyAt[(word >>> 16) & 31]);
        if (t != cycle) loadUseStalls += t - cycle;
        if ((e & SLOW) != 0) return issueSlow(op, e, word, cycle, t);
        long done = t + opLatency[op];
        if ((e & WRITES_RD) != 0) gprReadyAt[(word >>> 11) & 31] = done;
        else if ((e & WRITES_RT) != 0) gprReadyAt[(word >>> 16) & 31] = done;
        else if ((e & WRITES_RA) != 0) gprReadyAt[31] = done;
        gprReadyAt[0] = 0; // $0 is always ready
        return t - cycle;
    }

    // ------------------------------------------------------------------ predecoded descriptors

    /** Descriptor bits: the op takes {@link #issue(int, int, long)} (sign bit). */
    public static final int D_SLOW = 1 << 31;
    /** Descriptor bit: dual-issue class "floating-point ALU" (§1.1); kept here for the timed core. */
    public static final int D_FP_ALU = 1 << 16;
    /** Descriptor bits 17-18: free for the timed core (branch kind), set by its {@code describe}. */
    public static final int D_USER_SHIFT = 17;

    /**
     * The issue descriptor of {@code op} encoded as {@code word}, computed once when the I-cache line is
     * filled: bits 0-4 and 5-9 the two GPR sources (0 = none; $0 is always ready), bits 10-15 the GPR
     * destination (32 = none or $0), {@link #D_SLOW} for ops {@link #issueFast} cannot handle. The other bits
     * are 0 (the caller's to use).
     */
    public static int describe(int op, int word) {
        int e = EFFECTS[op];
        if ((e & SLOW) != 0) return D_SLOW;
        int rs = (e & READS_RS) != 0 ? (word >>> 21) & 31 : 0;
        int rt = (e & READS_RT) != 0 ? (word >>> 16) & 31 : 0;
        int dst;
        if ((e & WRITES_RD) != 0) dst = (word >>> 11) & 31;
        else if ((e & WRITES_RT) != 0) dst = (word >>> 16) & 31;
        else if ((e & WRITES_RA) != 0) dst = 31;
        else dst = 32;
        if (dst == 0) dst = 32;
        return rs | rt << 5 | dst << 10;
    }

    /**
     * {@link #issue(int, int, long)} for an op whose descriptor {@code d} is not {@link #D_SLOW}: returns
     * the issue cycle (not the stall). Two loads, two compares, one store.
     */
    public long issueFast(int op, int d, long cycle) {
        long[] g = gprReadyAt;
        long t = Math.max(cycle, Math.max(g[d & 31], g[(d >>> 5) & 31]));
        if (t != cycle) loadUseStalls += t - cycle;
        g[(d >>> 10) & 63] = t + opLatency[op];
        return t;
    }

    /** The rest of {@link #issue} for HI/LO, long-latency units and FP operands (GPR sources gave {@code t}). */
    private long issueSlow(int op, int e, int word, long cycle, long t) {
        int tc = CLASS[op];
        int unit = UNIT[tc];
        if (((e & (READS_HI | READS_LO)) | unit) != 0) t = hiloAndUnits(t, e, unit);
        if ((e & FP_EFFECTS) != 0) {
            t = fpOperands(t, e, word);
            fpResults(e, word, t + latency[tc]);
        }
        long done = t + latency[tc];
        if ((e & GPR_WRITES) != 0) {
            if ((e & WRITES_RD) != 0) gprReadyAt[(word >>> 11) & 31] = done;
            if ((e & WRITES_RT) != 0) gprReadyAt[(word >>> 16) & 31] = done;
            if ((e & WRITES_RA) != 0) gprReadyAt[31] = done;
            gprReadyAt[0] = 0; // $0 is always ready
        }
        if ((e & (WRITES_HI | WRITES_LO)) != 0) hiloReadyAt = done;
        if (unit == MULDIV_UNIT) mulDivBusyUntil = t + repeat[tc];
        else if (unit == FPDIV_UNIT) fpDivBusyUntil = t + repeat[tc];
        return t - cycle;
    }

    /**
     * The stall {@link #issue} would return at {@code cycle}, without recording anything: used to test
     * whether an instruction can pair with the previous one in the same cycle (dual issue, §1.1).
     */
    public long stallAt(int op, int word, long cycle) {
        int e = EFFECTS[op];
        long t = cycle;
        if ((e & READS_RS) != 0) t = Math.max(t, gprReadyAt[(word >>> 21) & 31]);
        if ((e & READS_RT) != 0) t = Math.max(t, gprReadyAt[(word >>> 16) & 31]);
        if ((e & (READS_HI | READS_LO)) != 0) t = Math.max(t, hiloReadyAt);
        int unit = UNIT[CLASS[op]];
        if (unit == MULDIV_UNIT) t = Math.max(t, mulDivBusyUntil);
        else if (unit == FPDIV_UNIT) t = Math.max(t, fpDivBusyUntil);
        if ((e & READS_FS) != 0) t = Math.max(t, fprReadyAt[(word >>> 11) & 31]);
        if ((e & READS_FT) != 0) t = Math.max(t, fprReadyAt[(word >>> 16) & 31]);
        if ((e & READS_FR) != 0) t = Math.max(t, fprReadyAt[(word >>> 21) & 31]);
        if ((e & READS_FCC) != 0) t = Math.max(t, fccReadyAt);
        return t - cycle;
    }

    private long hiloAndUnits(long t, int e, int unit) {
        long u = t;
        if ((e & (READS_HI | READS_LO)) != 0) u = Math.max(u, hiloReadyAt);
        if (unit == MULDIV_UNIT) u = Math.max(u, mulDivBusyUntil);
        else if (unit == FPDIV_UNIT) u = Math.max(u, fpDivBusyUntil);
        if (unit == FPDIV_UNIT) fpStalls += u - t; else mulDivStalls += u - t;
        return u;
    }

    /** FP register and condition-code dependencies (fs = rd field, ft = rt, fd = sa, fr = rs; hardware §A). */
    private long fpOperands(long t, int e, int word) {
        long u = t;
        if ((e & READS_FS) != 0) u = Math.max(u, fprReadyAt[(word >>> 11) & 31]);
        if ((e & READS_FT) != 0) u = Math.max(u, fprReadyAt[(word >>> 16) & 31]);
        if ((e & READS_FR) != 0) u = Math.max(u, fprReadyAt[(word >>> 21) & 31]);
        if ((e & READS_FCC) != 0) u = Math.max(u, fccReadyAt);
        fpStalls += u - t;
        return u;
    }

    /** FP results; kept out of {@link #issue} so the integer path stays small enough to inline. */
    private void fpResults(int e, int word, long done) {
        if ((e & WRITES_FD) != 0) fprReadyAt[(word >>> 6) & 31] = done;
        if ((e & WRITES_FS) != 0) fprReadyAt[(word >>> 11) & 31] = done;
        if ((e & WRITES_FT) != 0) fprReadyAt[(word >>> 16) & 31] = done;
        if ((e & WRITES_FCC) != 0) fccReadyAt = done;
    }

    // ------------------------------------------------------------------ SysAD write buffer

    /**
     * Posts one uncached or write-through store at {@code now}: returns the stall until a buffer entry is
     * free. Writes leave serially, each occupying the bus for {@link TimingTable#writeCycles}.
     */
    public long postWrite(long now) {
        long freeAt = writeDoneAt[writeHead];
        long stall = Math.max(0, freeAt - now);
        long start = Math.max(now + stall, lastWriteDoneAt);
        lastWriteDoneAt = start + writeCycles;
        writeDoneAt[writeHead] = lastWriteDoneAt;
        writeHead = writeHead + 1 == writeDoneAt.length ? 0 : writeHead + 1;
        writeBufferStalls += stall;
        return stall;
    }

    /** Stall until every posted write has left (SYNC, and an uncached read, which must not pass a write). */
    public long drainWrites(long now) {
        long stall = Math.max(0, lastWriteDoneAt - now);
        writeBufferStalls += stall;
        return stall;
    }
}
