package pebble.r5k.board;

/** A level-sensitive interrupt wire from a device to the P-5064 interrupt controller. */
@FunctionalInterface
public interface IrqLine {
    /** Drives the wire: {@code true} = interrupt requested. Idempotent. */
    void set(boolean asserted);

    IrqLine NONE = asserted -> { };
}
