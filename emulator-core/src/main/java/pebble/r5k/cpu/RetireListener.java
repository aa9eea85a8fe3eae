package pebble.r5k.cpu;

/**
 * Told about each retired instruction and each exception taken (for --trace); the interpreter uses a separate
 * loop when set. What retires is defined in docs/cpu.md ("Retired instructions").
 */
public interface RetireListener {
    /** The instruction at {@code pc} retired (ERET included: the PC is already its target). */
    void retired(long pc, int word);

    /**
     * An exception was entered at {@code pc}: the instruction there raised it and did not retire (or, for an
     * interrupt, was not started). Cause, EPC, BadVAddr and the PC (the vector) are already set, and
     * {@code cycle} is the cycle at which the handler's first instruction may issue.
     */
    default void exception(long pc) {}
}
