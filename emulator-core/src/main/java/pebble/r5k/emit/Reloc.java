package pebble.r5k.emit;

/** How a value known only later is put into the bytes at a {@link Fixup}'s offset. */
public enum Reloc {
    /** Into the fixup's {@link pebble.r5k.isa.Operand} field, range-checked by the codec. */
    FIELD,
    /** {@code %hi}: the upper 16 bits, adjusted for the sign of the low half. */
    HI16,
    /** {@code %lo}: the low 16 bits. */
    LO16,
    /** PC-relative branch: (target - (pc + 4)) / 4 into a 16-bit signed field. */
    PCREL16,
    /** J/JAL: target bits 27..2, target in the same 256 MB region as the delay slot. */
    ABS26,
    DATA8, DATA16, DATA32, DATA64
}
