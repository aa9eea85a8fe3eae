package pebble.r5k.cpu;

/** A loop's cached fetch window (page or I-cache line and its translation), dropped on MMU flushes. */
interface FetchWindow {
    void invalidateFetch();
}
