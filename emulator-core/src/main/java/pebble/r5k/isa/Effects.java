package pebble.r5k.isa;

/**
 * Effect flags of an instruction row, as bits of an {@code int}: which operands it reads and writes and
 * what kind of control or memory action it is. Read by the assembler's reorder pass, the hazard-nop
 * inserter and the timing scoreboard; never by the semantics.
 */
public final class Effects {
    private Effects() {}

    public static final int READS_RS = 1;
    public static final int READS_RT = 1 << 1;
    public static final int WRITES_RD = 1 << 2;
    public static final int WRITES_RT = 1 << 3;
    /** Writes $31 (JAL, BGEZAL...). */
    public static final int WRITES_RA = 1 << 4;
    public static final int READS_HI = 1 << 5;
    public static final int READS_LO = 1 << 6;
    public static final int WRITES_HI = 1 << 7;
    public static final int WRITES_LO = 1 << 8;
    public static final int LOAD = 1 << 9;
    public static final int STORE = 1 << 10;
    /** Conditional branch (has a delay slot). */
    public static final int BRANCH = 1 << 11;
    /** Unconditional jump (has a delay slot). */
    public static final int JUMP = 1 << 12;
    /** Branch-likely: the delay slot is annulled when the branch is not taken. */
    public static final int LIKELY = 1 << 13;
    /** Can raise an exception by itself (overflow, trap, syscall, break). */
    public static final int TRAPS = 1 << 14;
    /** Needs kernel mode or CU0 (COP0 and CACHE). */
    public static final int PRIVILEGED = 1 << 15;
    /** Needs CU1. */
    public static final int CP1 = 1 << 16;
    /** A 64-bit operation: reserved instruction in user/supervisor mode unless UX/SX is set. */
    public static final int OP64 = 1 << 17;
    public static final int READS_FS = 1 << 18;
    public static final int READS_FT = 1 << 19;
    public static final int READS_FR = 1 << 20;
    public static final int WRITES_FD = 1 << 21;
    public static final int WRITES_FS = 1 << 22;
    public static final int WRITES_FT = 1 << 23;
    public static final int READS_FCC = 1 << 24;
    public static final int WRITES_FCC = 1 << 25;
    public static final int READS_FCSR = 1 << 26;
    public static final int WRITES_FCSR = 1 << 27;
    /** Ends a basic block for the reorder pass and translators (ERET, SYSCALL, traps are TRAPS). */
    public static final int ENDS_BLOCK = 1 << 28;

    /** Conditional move: the destination keeps its old value when the condition fails. */
    public static final int COND_MOVE = 1 << 29;

    // Common combinations.
    public static final int R3 = WRITES_RD | READS_RS | READS_RT;
    public static final int RI = WRITES_RT | READS_RS;
    public static final int SHIFT = WRITES_RD | READS_RT;
    public static final int LOADS = WRITES_RT | READS_RS | LOAD;
    public static final int STORES = READS_RT | READS_RS | STORE;
    public static final int BR2 = READS_RS | READS_RT | BRANCH;
    public static final int BR1 = READS_RS | BRANCH;
    public static final int MD = READS_RS | READS_RT | WRITES_HI | WRITES_LO;

    public static final int DELAY_SLOT = BRANCH | JUMP;
}
