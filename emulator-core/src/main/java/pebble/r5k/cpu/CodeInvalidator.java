package pebble.r5k.cpu;

/** Told about every RAM store so predecoded instructions of that word can be dropped. */
public interface CodeInvalidator {
    void stored(long pa);

    CodeInvalidator NONE = pa -> {};
}
