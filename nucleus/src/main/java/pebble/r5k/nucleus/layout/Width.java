package pebble.r5k.nucleus.layout;

/**
 * Width of one field element. Pointers are {@link #U32}: every nucleus pointer is a 32-bit KSEG0 address
 * (the nucleus runs in 32-bit kernel mode, docs/nucleus.md "Memory map").
 */
public enum Width {
    U8(1, "lbu", "sb"), U16(2, "lhu", "sh"), U32(4, "lw", "sw"), U64(8, "ld", "sd");

    public final int bytes;
    /** The MIPS load/store that reads/writes one element (for docs and the portal generator). */
    public final String load, store;

    Width(int bytes, String load, String store) {
        this.bytes = bytes;
        this.load = load;
        this.store = store;
    }

    /** log2 of the size: the index shift for an array of this width. */
    public int shift() { return Integer.numberOfTrailingZeros(bytes); }
}
