package pebble.r5k.cpu;

/** Timed work outside the CPU (board devices). Called by the interpreter's slow path only. */
public interface ExternalEvents {
    /** The cycle at which {@link #runUntil} next has something to do, or Long.MAX_VALUE. */
    long nextEventAt();

    /** Runs device work due at or before {@code cycle}. */
    void runUntil(long cycle);

    ExternalEvents NONE = new ExternalEvents() {
        @Override public long nextEventAt() { return Long.MAX_VALUE; }
        @Override public void runUntil(long cycle) {}
    };
}
