package pebble.r5k.asm;

/**
 * One assembly error being reported from inside a statement; caught per statement and turned into a
 * {@link Diagnostics} line, never shown as a stack trace. {@code col} is a 1-based column, or 0 for "the
 * statement's own column".
 */
final class AsmError extends RuntimeException {
    final int col;

    AsmError(int col, String message) {
        super(message, null, false, false);
        this.col = col;
    }
}
