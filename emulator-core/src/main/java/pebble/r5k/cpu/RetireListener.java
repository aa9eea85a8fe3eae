package pebble.r5k.cpu;

/** Told about each retired instruction (for --trace); the interpreter uses a separate loop when set. */
public interface RetireListener {
    void retired(long pc, int word);
}
