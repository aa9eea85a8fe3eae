package pebble.r5k.emit;

import pebble.r5k.isa.Operand;
import pebble.r5k.isa.OperandType;

/**
 * How a value known only later is put into the bytes at a {@link Fixup}'s offset. The instruction
 * relocations patch fixed fields the way the MIPS ELF relocations of the same names do (System V ABI MIPS
 * supplement, R_MIPS_HI16 / R_MIPS_LO16 / R_MIPS_PC16 / R_MIPS_26): the assembler's linker and the portal
 * generator both patch through {@link #apply}, so code is patched one way everywhere. Addresses are 32-bit
 * (o32 images, KSEG0/KSEG1 code).
 */
public enum Reloc {
    /** Into the fixup's {@link Operand} field, range-checked by the codec ({@link #field}). */
    FIELD,
    /** {@code %hi}: bits 31..16 into the immediate, plus one when bit 15 is set ({@link #hi16}). */
    HI16,
    /** {@code %lo}: bits 15..0 into the immediate; a signed-immediate user sees them sign-extended. */
    LO16,
    /** PC-relative branch: (target - (pc + 4)) / 4 into the signed 16-bit offset. */
    PCREL16,
    /** J/JAL: target bits 27..2; the target must lie in the 256 MB region of the delay slot (pc + 4). */
    ABS26,
    DATA8, DATA16, DATA32, DATA64;

    /** A J/JAL replaces PC bits 27..0 and keeps the rest from its delay slot's PC: it stays in a 256 MB region. */
    private static final long REGION_BYTES = 1L << 28;
    private static final long REGION = 0xFFFFFFFFL & -REGION_BYTES;

    /**
     * {@code %hi(value)}: the upper half to load with LUI so that adding the sign-extended {@link #lo16} gives
     * {@code value}. When bit 15 is set the low half is negative, so the upper half carries one more
     * (0x12348000 → 0x1235, since 0x12350000 - 0x8000 = 0x12348000).
     */
    public static long hi16(long value) {
        return ((value + 0x8000) >> 16) & 0xFFFF;
    }

    /** {@code %lo(value)}: the low half. */
    public static long lo16(long value) {
        return value & 0xFFFF;
    }

    /** Whether a branch at {@code pc} reaches {@code target} (word-aligned): -32768..32767 words from pc + 4. */
    public static boolean branchReaches(long target, long pc) {
        long words = (target - (pc + 4)) >> 2;
        return Operand.BRANCH16.fits(words);
    }

    /** Whether a J/JAL at {@code pc} can reach {@code target}: the same 256 MB region as its delay slot. */
    public static boolean jumpReaches(long target, long pc) {
        return ((pc + 4) & REGION) == (target & REGION);
    }

    /** Bytes a data relocation writes (1, 2, 4 or 8), 0 for the instruction relocations. */
    public int dataBytes() {
        switch (this) {
            case DATA8: return 1;
            case DATA16: return 2;
            case DATA32: return 4;
            case DATA64: return 8;
            default: return 0;
        }
    }

    /**
     * The instruction {@code word} at address {@code pc} with {@code value} put in as this relocation says
     * (HI16, LO16, PCREL16, ABS26). Throws {@link EmitException} with a one-line message when the value cannot
     * be encoded. FIELD needs its operand ({@link #field}); data relocations are not instruction words.
     */
    public int apply(int word, long value, long pc) {
        switch (this) {
            case HI16: return Operand.UIMM16.insert(word, hi16(value));
            case LO16: return Operand.UIMM16.insert(word, lo16(value));
            case PCREL16: {
                long delta = value - (pc + 4);
                if ((delta & 3) != 0) throw new EmitException("branch target 0x" + Long.toHexString(value) + " is not word-aligned");
                long words = delta >> 2;
                if (!Operand.BRANCH16.fits(words)) {
                    throw new EmitException("branch target out of range (" + words + " words away; a branch reaches -32768..32767)");
                }
                return Operand.BRANCH16.insert(word, words & 0xFFFF);
            }
            case ABS26: {
                if ((value & 3) != 0) throw new EmitException("jump target 0x" + Long.toHexString(value) + " is not word-aligned");
                if (!jumpReaches(value, pc)) {
                    long region = (pc + 4) & REGION & 0xFFFFFFFFL;
                    throw new EmitException(String.format("jump target 0x%x is outside the 256 MB region of the jump"
                            + " (0x%08x..0x%08x, that of its delay slot at 0x%x)", value, region, region + REGION_BYTES - 1, pc + 4));
                }
                return Operand.JUMP26.insert(word, (value >> 2) & 0x3FFFFFF);
            }
            default:
                throw new IllegalStateException(this + " is not an instruction relocation with a fixed field");
        }
    }

    /**
     * The FIELD relocation: {@code value} into {@code operand}'s field of {@code word}, range-checked by the
     * codec (a signed field takes its signed range: 0x8000 does not fit a signed 16-bit offset, as in GNU as).
     */
    public static int field(int word, Operand operand, long value) {
        if (!operand.fits(value)) throw new EmitException(CodeBuffer.outOfRange(operand, value));
        return operand.insert(word, value & ((1L << operand.width) - 1));
    }
}
