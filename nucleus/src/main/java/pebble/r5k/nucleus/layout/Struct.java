package pebble.r5k.nucleus.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A nucleus data structure declared once (architecture guide §6, after seL4's {@code .bf} files): fields in
 * order with explicit widths; offsets, padding and the size are computed here, never written. Each field is
 * aligned to its element width; the struct's alignment is its widest field (or more, if asked), and its
 * size is rounded up to that alignment — or to a power of two when assembly indexes an array of it, so an
 * index becomes one shift ({@code <PREFIX>_SHIFT}).
 *
 * @param name   the Java/doc name ({@code InvocationFrame})
 * @param prefix the assembly prefix ({@code INVFRAME}): fields become {@code INVFRAME_EPC}
 * @param shift  log2 of the size when the struct is indexed from assembly, else -1
 */
public record Struct(String name, String prefix, String doc, List<Field> fields, List<Constant> constants,
                     int sizeBytes, int align, int shift) {

    public Struct {
        fields = List.copyOf(fields);
        constants = List.copyOf(constants);
    }

    public static Builder builder(String name, String prefix, String doc) { return new Builder(name, prefix, doc); }

    /** The field called {@code fieldName}; an unknown name is a programming error of the caller. */
    public Field field(String fieldName) {
        for (Field f : fields) if (f.name().equals(fieldName)) return f;
        throw new IllegalArgumentException(name + " has no field " + fieldName);
    }

    public int offset(String fieldName) { return field(fieldName).offset(); }

    /** The assembly symbol of a field ({@code THREAD_INVSP}). */
    public String symbol(String fieldName) { return prefix + "_" + field(fieldName).name(); }

    public boolean isIndexed() { return shift >= 0; }

    /** Builder: declare fields in memory order. */
    public static final class Builder {
        private final String name, prefix, doc;
        private final List<Field> fields = new ArrayList<>();
        private final List<Constant> constants = new ArrayList<>();
        private final Map<String, Boolean> names = new LinkedHashMap<>();
        private int offset, align = 1;
        private boolean indexed;

        private Builder(String name, String prefix, String doc) {
            this.name = name;
            this.prefix = prefix;
            this.doc = doc;
        }

        public Builder u8(String field, String doc) { return array(field, Width.U8, 1, doc); }
        public Builder u16(String field, String doc) { return array(field, Width.U16, 1, doc); }
        public Builder u32(String field, String doc) { return array(field, Width.U32, 1, doc); }
        public Builder u64(String field, String doc) { return array(field, Width.U64, 1, doc); }
        /** A pointer: a 32-bit KSEG0 address. */
        public Builder ptr(String field, String doc) { return array(field, Width.U32, 1, "→ " + doc); }

        /** {@code count} elements of {@code width}; assembly indexes it with {@code <PREFIX>_<FIELD>_SHIFT}. */
        public Builder array(String field, Width width, int count, String doc) {
            if (count < 1) throw new IllegalArgumentException(name + "." + field + ": count must be ≥ 1");
            claim(field);
            offset = roundUp(offset, width.bytes);
            fields.add(new Field(field, width, count, offset, width.bytes, doc, List.of()));
            offset += width.bytes * count;
            align = Math.max(align, width.bytes);
            return this;
        }

        /** A bit-field of the last declared scalar field, packed from bit 0 upwards in declaration order. */
        public Builder bits(String bitName, int width, String doc) {
            return bitsAt(bitName, nextFreeBit(), width, doc);
        }

        /** A bit-field at an explicit bit position (hardware formats such as EntryLo fix their positions). */
        public Builder bitsAt(String bitName, int shift, int width, String doc) {
            if (fields.isEmpty()) throw new IllegalStateException(name + ": bits before any field");
            Field last = fields.get(fields.size() - 1);
            if (last.isArray()) throw new IllegalStateException(name + "." + last.name() + ": bit-fields need a scalar");
            if (width < 1 || shift < 0 || shift + width > 8 * last.width().bytes) {
                throw new IllegalArgumentException(name + "." + bitName + " does not fit in " + last.width());
            }
            claim(bitName);
            List<Field.BitField> bits = new ArrayList<>(last.bits());
            Field.BitField b = new Field.BitField(bitName, shift, width, doc);
            for (Field.BitField o : bits) {
                if ((o.mask() & b.mask()) != 0) throw new IllegalArgumentException(name + "." + bitName + " overlaps " + o.name());
            }
            bits.add(b);
            fields.set(fields.size() - 1, new Field(last.name(), last.width(), last.count(), last.offset(), last.align(), last.doc(), bits));
            return this;
        }

        private int nextFreeBit() {
            int next = 0;
            for (Field.BitField b : fields.get(fields.size() - 1).bits()) next = Math.max(next, b.shift() + b.width());
            return next;
        }

        /** A constant that belongs to this struct (state values, counts): {@code <PREFIX>_<NAME>}. */
        public Builder constant(String constName, long value, String doc) {
            claim(constName);
            constants.add(new Constant(prefix + "_" + constName, value, doc));
            return this;
        }

        /** Raise the struct's alignment (e.g. to a cache line). */
        public Builder alignTo(int bytes) {
            if (Integer.bitCount(bytes) != 1) throw new IllegalArgumentException(name + ": alignment must be a power of two");
            align = Math.max(align, bytes);
            return this;
        }

        /** Assembly indexes arrays of this struct: pad the size to a power of two and publish the shift. */
        public Builder indexed() {
            indexed = true;
            return this;
        }

        public Struct build() {
            int size = Math.max(roundUp(offset, align), align);
            int shift = -1;
            if (indexed) {
                shift = 32 - Integer.numberOfLeadingZeros(size - 1);
                size = 1 << shift;
            }
            return new Struct(name, prefix, doc, fields, Collections.unmodifiableList(constants), size, align, shift);
        }

        private void claim(String n) {
            if (!n.matches("[A-Z][A-Z0-9_]*")) throw new IllegalArgumentException(name + ": '" + n + "' is not UPPER_SNAKE");
            if (names.put(n, true) != null) throw new IllegalArgumentException(name + ": duplicate name " + n);
        }

        private static int roundUp(int v, int a) { return (v + a - 1) & -a; }
    }
}
