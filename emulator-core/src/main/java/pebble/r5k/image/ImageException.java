package pebble.r5k.image;

/**
 * An image that cannot be loaded: not a runnable MIPS ELF, an assembly error, or a layout the boot monitor
 * refuses. The message is one line (several for assembly errors, one per error) that names the file and
 * says what to change; an {@link IllegalArgumentException} so that callers treating bad input alike need
 * nothing special.
 */
public final class ImageException extends IllegalArgumentException {
    public ImageException(String message) {
        super(message);
    }
}
