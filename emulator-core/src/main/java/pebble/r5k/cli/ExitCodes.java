package pebble.r5k.cli;

/** Process exit codes of the CLI besides the guest's own status (0..255 from sim-control). */
public final class ExitCodes {
    private ExitCodes() {}

    /** {@code --max-cycles} reached before the guest halted (the same code timeout(1) uses). */
    public static final int CYCLE_LIMIT = 124;
    /** Bad image, bad option, unreadable file, or a deadlocked guest. */
    public static final int HOST_ERROR = 125;
}
