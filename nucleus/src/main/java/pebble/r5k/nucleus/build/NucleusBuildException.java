package pebble.r5k.nucleus.build;

/** The nucleus sources did not assemble; the message lists every error, one {@code file:line:col: message} per line. */
public final class NucleusBuildException extends RuntimeException {
    public NucleusBuildException(String message) {
        super(message, null, false, false);
    }
}
