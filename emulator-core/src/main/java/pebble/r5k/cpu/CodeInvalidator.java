package pebble.r5k.cpu;

/** Told about every RAM store so predecoded instructions of that word can be dropped. */
public interface CodeInvalidator {
    void stored(long pa);

    /**
     * Whether a store to {@code pa} may have to drop something ({@link #stored} is not a no-op there). The
     * functional store filter ({@link Cpu#storePage}) skips {@link #stored}, so it takes only pages for which
     * this says false; an implementation that answers false must drop that filter when the page becomes code.
     */
    default boolean holdsCode(long pa) {
        return true;
    }

    CodeInvalidator NONE = pa -> {};
}
