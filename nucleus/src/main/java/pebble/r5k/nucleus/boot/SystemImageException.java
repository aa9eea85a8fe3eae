package pebble.r5k.nucleus.boot;

/** A user program or the system image cannot be built; the message is one precise line (or one per assembly error). */
public final class SystemImageException extends RuntimeException {
    public SystemImageException(String message) {
        super(message, null, false, false);
    }
}
