package pebble.r5k.isa;

/** What an operand field means: drives printing, parsing and range checks. */
public enum OperandType {
    GPR,
    FPR,
    /** Coprocessor register number (CP0, CP2) printed as {@code $n}. */
    CP0_REG,
    /** COP1 control register (FCR0/FCR31...). */
    FCR,
    /** Signed immediate. */
    SIMM,
    /** Unsigned immediate (printed in hex like objdump for logical ops). */
    UIMM,
    /** Shift amount 0..31. */
    SHAMT,
    /** PC-relative branch offset in words, relative to the delay-slot address. */
    BRANCH,
    /** 26-bit jump target inside the current 256 MB region. */
    JUMP,
    /** Plain numeric code field (BREAK, SYSCALL, traps, CACHE op, PREF hint). */
    CODE,
    /** FP condition code 0..7. */
    FCC,
}
