package pebble.r5k.mem;

/**
 * A memory-mapped device on the P-5064's physical bus. Offsets are relative to the device's base
 * physical address. {@code size} is 1, 2 or 4 bytes (doubleword accesses arrive as two word accesses,
 * lower address first). Values are numeric: a byte read returns 0..255 in the low bits, independent of
 * the CPU's endianness (the {@link Bus} has already placed byte lanes).
 */
public interface Device {
    /** Reads a register. Unimplemented registers return 0 and may log once. */
    int read(long offset, int size);

    /** Writes a register. */
    void write(long offset, int size, int value);

    /** Short name for diagnostics ("uart0", "p5064-intc"). */
    String name();
}
