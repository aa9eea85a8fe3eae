package pebble.r5k.board;

/**
 * Console input that arrives from outside the emulation at host-dependent times (the host's stdin, read by a
 * pump thread), as opposed to a file whose bytes are all there from the start. Only such input lets the
 * board block the host while the guest idles in WAIT (P5064Board#idle): a file's next byte never needs waiting for.
 */
public interface LiveInput {
    /**
     * Blocks for at most {@code nanos} nanoseconds ({@code Long.MAX_VALUE}: without limit) until a byte or the
     * end of the input is available. Returns whether one is; false on timeout or interruption.
     */
    boolean awaitInput(long nanos);
}
