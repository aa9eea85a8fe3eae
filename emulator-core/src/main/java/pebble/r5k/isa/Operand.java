package pebble.r5k.isa;

/**
 * Operand codecs. Each constant names one bit-field of the instruction word once, with its type; the
 * assembler inserts through it, the disassembler and the decoder extract through it. Composite memory
 * operands ({@code offset(base)}, {@code index(base)}) are two codecs printed together; see {@link OpFormat}.
 */
public enum Operand {
    RS(21, 5, OperandType.GPR),
    RT(16, 5, OperandType.GPR),
    RD(11, 5, OperandType.GPR),
    SA(6, 5, OperandType.SHAMT),
    SIMM16(0, 16, OperandType.SIMM),
    UIMM16(0, 16, OperandType.UIMM),
    /** The offset of a load/store: a signed 16-bit displacement. */
    OFFSET16(0, 16, OperandType.SIMM),
    /** The base register of a load/store. */
    BASE(21, 5, OperandType.GPR),
    /** The index register of an indexed COP1X load/store. */
    INDEX(16, 5, OperandType.GPR),
    BRANCH16(0, 16, OperandType.BRANCH),
    JUMP26(0, 26, OperandType.JUMP),
    /** SYSCALL/BREAK 20-bit code (bits 25:6). */
    CODE20(6, 20, OperandType.CODE),
    /** BREAK's first code (bits 25:16) in the two-operand form {@code break a,b}. */
    CODE10HI(16, 10, OperandType.CODE),
    /** BREAK's second code / trap code (bits 15:6). */
    CODE10(6, 10, OperandType.CODE),
    /** WAIT/ERET implementation-specific 19-bit code (bits 24:6). Always zero from our assembler. */
    COP0_CODE(6, 19, OperandType.CODE),
    /** SYNC stype (bits 10:6). */
    STYPE(6, 5, OperandType.CODE),
    CP0RD(11, 5, OperandType.CP0_REG),
    /** COP2 register of LWC2/SWC2/LDC2/SDC2 (rt position); printed {@code $n} like CP0 registers. */
    CP2RT(16, 5, OperandType.CP0_REG),
    /** COP2 register of MFC2/MTC2/CFC2/CTC2 (rd position). */
    CP2RD(11, 5, OperandType.CP0_REG),
    /** The whole body of a COP2 word below the opcode (bits 25:0). */
    COP2BODY(0, 26, OperandType.CODE),
    /** The whole word: what the disassembler prints as {@code .word 0x...} for encodings objdump rejects. */
    WORD32(0, 32, OperandType.CODE),
    /** COP2 instruction body (bits 24:0); the R5000 has no COP2, so these always raise CpU. */
    COP2FUNC(0, 25, OperandType.CODE),
    /** CACHE operation (rt position). */
    CACHEOP(16, 5, OperandType.CODE),
    /** PREF hint (rt position). */
    HINT(16, 5, OperandType.CODE),
    /** PREFX hint (fs position). */
    HINTX(11, 5, OperandType.CODE),
    FT(16, 5, OperandType.FPR),
    FS(11, 5, OperandType.FPR),
    FD(6, 5, OperandType.FPR),
    FR(21, 5, OperandType.FPR),
    FCR_FS(11, 5, OperandType.FCR),
    /** Condition code written by C.cond.fmt (bits 10:8). */
    CC_CMP(8, 3, OperandType.FCC),
    /** Condition code read by BC1x / MOVF / MOVT (bits 20:18). */
    CC_BR(18, 3, OperandType.FCC),

    // Assembler-only operands of MACRO rows; never part of an encoding.
    /** A constant or symbol expression of up to 32 bits (64 for dli). */
    IMM32(0, 32, OperandType.SIMM),
    /** An address: {@code expr}, {@code expr(base)} or {@code (base)}. */
    ADDR(0, 32, OperandType.SIMM);

    public final int lsb;
    public final int width;
    public final OperandType type;
    public final int fieldMask;

    Operand(int lsb, int width, OperandType type) {
        this.lsb = lsb;
        this.width = width;
        this.type = type;
        this.fieldMask = (int) (((1L << width) - 1) << lsb);
    }

    /** Raw unsigned field value. */
    public int extractRaw(int word) {
        return (int) ((word & 0xFFFFFFFFL) >>> lsb) & (int) ((1L << width) - 1);
    }

    /** Field value with the sign applied where the type is signed (SIMM, BRANCH). */
    public long extract(int word) {
        int raw = extractRaw(word);
        if (type == OperandType.SIMM || type == OperandType.BRANCH) {
            int shift = 32 - width;
            return (raw << shift) >> shift;
        }
        return raw;
    }

    /** Whether {@code value} fits this field (signed types take their signed range). */
    public boolean fits(long value) {
        if (type == OperandType.SIMM || type == OperandType.BRANCH) {
            long lo = -(1L << (width - 1)), hi = (1L << (width - 1)) - 1;
            return value >= lo && value <= hi;
        }
        return value >= 0 && value < (1L << width);
    }

    /** Puts {@code value} (already range-checked) into {@code word}. */
    public int insert(int word, long value) {
        return (word & ~fieldMask) | (((int) value << lsb) & fieldMask);
    }
}
