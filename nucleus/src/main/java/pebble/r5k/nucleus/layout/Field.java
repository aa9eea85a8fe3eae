package pebble.r5k.nucleus.layout;

import java.util.List;

/**
 * One field of a {@link Struct}: {@code count} elements of {@code width} at {@code offset} (computed by the
 * builder from the declaration order and alignment, never written by hand).
 *
 * @param bits bit-fields packed into a scalar field, low bit first (empty for most fields)
 */
public record Field(String name, Width width, int count, int offset, int align, String doc, List<BitField> bits) {
    public Field {
        bits = List.copyOf(bits);
    }

    public int sizeBytes() { return width.bytes * count; }

    public int end() { return offset + sizeBytes(); }

    public boolean isArray() { return count > 1; }

    /** A bit-field of a scalar field: {@code (value >> shift) & ((1 << width) - 1)}. */
    public record BitField(String name, int shift, int width, String doc) {
        public long mask() { return ((1L << width) - 1) << shift; }
    }
}
