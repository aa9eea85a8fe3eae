package pebble.r5k.cli;

import pebble.r5k.Machine;

/**
 * Exit codes of the CLI. The README's "Exit codes" table and {@code pebble run --help} say the same thing
 * (a test compares them). {@code pebble run} passes the guest's own status (0..255, from sim-control or the
 * entry function's {@code $v0}) through unchanged; the emulator's own outcomes use 124..127, the codes the
 * GNU tools (timeout, env, nohup) give the same meanings: 124 time limit, 125 the tool itself failed.
 * A guest status can be any byte, so a guest that exits with 124..127 is indistinguishable by code alone:
 * for that case {@code run} adds a note on stderr (see {@link #noteCollision}).
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** {@code --max-cycles} reached before the guest halted (the code timeout(1) uses). */
    public static final int CYCLE_LIMIT = 124;
    /** Host-side error: bad image, bad option, unreadable input, console output failed. */
    public static final int HOST_ERROR = 125;
    /** The guest took an exception it installed no handler for, or jumped to the reset vector. */
    public static final int GUEST_FAULT = 126;
    /** The guest executed WAIT that nothing can end (interrupts off or masked, or no source can fire). */
    public static final int DEADLOCK = 127;

    /**
     * gdb ended the run ({@code kill}, docs/debugging.md): the code a shell gives a run stopped by Ctrl-C
     * (128 + SIGINT), for the same outcome; the help's last line names it.
     */
    public static final int KILLED_BY_GDB = 130;

    // The {@code run --help} footer, line by line (annotation values must be constants); the README's
    // "Exit codes" block is the same lines (ExitCodesDocTest).
    static final String HELP_0 = "Exit codes:";
    static final String HELP_1 = "  0-255  the guest's status (sim-control, or $v0 when the entry returns)";
    static final String HELP_2 = "  124    --max-cycles reached";
    static final String HELP_3 = "  125    host-side error (bad image or option, unreadable input, console)";
    static final String HELP_4 = "  126    unhandled guest exception, or the guest reached the reset vector";
    static final String HELP_5 = "  127    deadlock: WAIT that no interrupt can end";
    static final String HELP_6 = "A guest status of 124-127 passes through too, with a note on stderr.";
    static final String HELP_7 = "For 124-127 (and 130, killed from gdb), stderr names the cause in one line.";

    /** The process exit code for the end of a run. */
    static int of(Machine.RunResult r) {
        return switch (r.reason()) {
            case GUEST_EXIT -> r.exitStatus();
            case CYCLE_LIMIT -> CYCLE_LIMIT;
            case HOST_IO_ERROR -> HOST_ERROR;
            case UNHANDLED_EXCEPTION, RESET_VECTOR -> GUEST_FAULT;
            case DEADLOCK -> DEADLOCK;
        };
    }

    /** Whether a guest status needs the stderr note because it is also one of the codes above. */
    static boolean noteCollision(Machine.RunResult r) {
        return r.reason() == pebble.r5k.cpu.HaltReason.GUEST_EXIT && r.exitStatus() >= CYCLE_LIMIT && r.exitStatus() <= DEADLOCK;
    }
}
