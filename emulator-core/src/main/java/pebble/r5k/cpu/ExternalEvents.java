package pebble.r5k.cpu;

/** Timed work outside the CPU (board devices). Called by the interpreter's slow path only. */
public interface ExternalEvents {
    /** The cycle at which {@link #runUntil} next has something to do, or Long.MAX_VALUE. */
    long nextEventAt();

    /** Runs device work due at or before {@code cycle}. */
    void runUntil(long cycle);

    /**
     * The CPU idles in WAIT at cycle {@code now}, and nothing on its side happens before {@code until} (its
     * timer or the run's cycle limit). Returns the cycle to resume at, at most {@code until}; the caller then
     * runs the events due. By default the machine skips to the next event at once, in no host time; a board
     * whose input arrives from outside may block the host here instead (P5064Board#idle).
     */
    default long idle(long now, long until) {
        return Math.min(until, nextEventAt());
    }

    ExternalEvents NONE = new ExternalEvents() {
        @Override public long nextEventAt() { return Long.MAX_VALUE; }
        @Override public void runUntil(long cycle) {}
    };
}
