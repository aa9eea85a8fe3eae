package pebble.r5k.timing;

/** A bad {@code --timing} file: the message is one line, {@code file:line: message}. */
public final class TimingFileException extends Exception {
    public TimingFileException(String message) {
        super(message, null, false, false);
    }
}
