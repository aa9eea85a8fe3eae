package pebble.r5k.isa;

/**
 * The timing class of an instruction row. Latencies and repeat rates are not here: they live in the
 * one timing table (keys {@code latency.<class>} / {@code repeat.<class>}), the way GCC's 5000.md
 * reserves a few coarse units for the R5000 (hardware reference §1.2).
 */
public enum TimingClass {
    ALU, LOAD, STORE, BRANCH, JUMP,
    MULT, DMULT, DIV, DDIV, MFHILO, MTHILO,
    CP0, TLB, ERET, WAIT, CACHE, SYNC, TRAP, SYSCALL, PREF, COP2,
    FP_MOVE, FP_CMP, FP_ADD, FP_CVT, FP_MUL_S, FP_MUL_D, FP_MADD_S, FP_MADD_D,
    FP_DIV_S, FP_DIV_D, FP_SQRT_S, FP_SQRT_D, FP_RECIP_S, FP_RECIP_D, FP_RSQRT_S, FP_RSQRT_D,
    FP_LOAD, FP_STORE, FP_XFER, FP_BRANCH,
    /** An encoding that raises Reserved Instruction. */
    NONE
}
