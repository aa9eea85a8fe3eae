package pebble.r5k.cpu;

/**
 * Why a run stopped, set where the CPU or the board stops it ({@link Cpu#halt}) and read by the CLI to choose
 * its exit code (cli/ExitCodes; README "Exit codes"). The human-readable detail travels next to it
 * ({@link Cpu#haltDetail}); nothing matches on that text.
 */
public enum HaltReason {
    /** The guest wrote its status to sim-control, or its entry function returned through the monitor stub. */
    GUEST_EXIT,
    /** The guest took an exception it installed no handler for (the boot ROM's exception stub). */
    UNHANDLED_EXCEPTION,
    /** The guest jumped to the reset vector: no boot firmware is emulated (the boot ROM's reset stub). */
    RESET_VECTOR,
    /** WAIT that nothing can end: interrupts off or masked, or no enabled source can ever fire. */
    DEADLOCK,
    /** The host side of a device failed (console output to a closed pipe or a full disk). */
    HOST_IO_ERROR,
    /** Not a halt: the cycle limit was reached while the guest was still running. */
    CYCLE_LIMIT
}
