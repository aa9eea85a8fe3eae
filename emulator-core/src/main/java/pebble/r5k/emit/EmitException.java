package pebble.r5k.emit;

/** An operand that does not fit its field, or a value that cannot be encoded; carries a one-line message. */
public final class EmitException extends RuntimeException {
    public EmitException(String message) {
        super(message, null, false, false);
    }
}
