package pebble.r5k.emit;

import pebble.r5k.isa.Operand;

/**
 * A value that is not known when its bytes are emitted: at {@code offset} in a {@link CodeBuffer}, put
 * {@code target} (an expression the buffer's owner evaluates later) the way {@code reloc} says. For
 * {@link Reloc#FIELD} the value goes through {@code operand}'s codec. {@code origin} is an opaque tag for
 * error messages (the assembler stores the source location).
 */
public record Fixup(int offset, Reloc reloc, Operand operand, Object target, Object origin) {
    public Fixup moved(int newOffset) {
        return new Fixup(newOffset, reloc, operand, target, origin);
    }
}
