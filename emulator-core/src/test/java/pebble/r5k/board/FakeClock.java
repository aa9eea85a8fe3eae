package pebble.r5k.board;

/** A settable cycle counter for device tests. */
final class FakeClock implements CycleClock {
    long cycle;

    @Override
    public long now() {
        return cycle;
    }
}
