package pebble.r5k.emit;

import pebble.r5k.isa.Operand;

/**
 * A value that is not known when its bytes are emitted: at {@code offset} in a {@link CodeBuffer}, put
 * {@code target} (an expression the buffer's owner evaluates later) the way {@code reloc} says. For
 * {@link Reloc#FIELD} the value goes through {@code operand}'s codec; the other relocations patch fixed fields. {@code origin} is an opaque tag for
 * error messages (the assembler stores the source location).
 */
public record Fixup(int offset, Reloc reloc, Operand operand, Object target, Object origin) {
    /**
     * Puts {@code value} into {@code buf} at this fixup's offset, the instruction being at address {@code pc}.
     * Throws {@link EmitException} with a one-line message when the value cannot be encoded.
     */
    public void applyTo(CodeBuffer buf, long value, long pc) {
        int bytes = reloc.dataBytes();
        if (bytes > 0) buf.patch(offset, value, bytes);
        else if (reloc == Reloc.FIELD) buf.patchWord(offset, Reloc.field(buf.readWord(offset), operand, value));
        else buf.patchWord(offset, reloc.apply(buf.readWord(offset), value, pc));
    }

    public Fixup moved(int newOffset) {
        return new Fixup(newOffset, reloc, operand, target, origin);
    }
}
