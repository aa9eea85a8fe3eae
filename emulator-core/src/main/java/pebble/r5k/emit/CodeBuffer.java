package pebble.r5k.emit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.Operand;

/**
 * A growable byte image of one section plus the {@link Fixup}s still to apply to it. Instructions go in
 * through {@link #emit(Op, long...)}, which checks every operand against its codec so that the assembler,
 * the portal generator and any guest patcher encode identically.
 */
public final class CodeBuffer {
    private final boolean bigEndian;
    private byte[] bytes = new byte[256];
    private int size;
    private final List<Fixup> fixups = new ArrayList<>();

    public CodeBuffer(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    public boolean bigEndian() { return bigEndian; }
    public int size() { return size; }
    public List<Fixup> fixups() { return fixups; }
    public byte[] toByteArray() { return Arrays.copyOf(bytes, size); }

    /**
     * Encodes {@code op} with its operands given as field values in the order of its format. Throws
     * {@link EmitException} when a value does not fit its field, or when {@code op} is a MACRO row.
     * REAL rows and ALIAS rows (each a word of exactly one REAL row, checked by IsaTableTest) encode.
     */
    public static int encode(Op op, long... values) {
        if (op.kind == OpKind.MACRO) {
            // A macro row's match/mask are not an encoding (M_LI is 0/0: its "word" would be some unrelated
            // SPECIAL instruction), and it may stand for several words; only the assembler knows which.
            throw new EmitException(op.name() + " (" + op.mnemonic + " " + op.format.text() + ") is an assembler macro,"
                    + " not one instruction word: use the assembler's macro expansion (asm.MacroExpander) or emit its REAL rows");
        }
        OpFormat f = op.format;
        if (values.length != f.count()) {
            throw new EmitException(op.mnemonic + " takes " + f.count() + " operands (" + f.text() + "), got " + values.length);
        }
        int word = op.match;
        for (int i = 0; i < values.length; i++) {
            Operand o = f.operand(i);
            if (!o.fits(values[i])) throw new EmitException(outOfRange(o, values[i]));
            word = o.insert(word, values[i]);
        }
        // Only the ".word" spellings have an operand over their fixed bits; the value must still be their word.
        if (!op.matches(word)) throw new EmitException(String.format("%s: 0x%08x is not a word of %s (match %08x, mask %08x)", op.mnemonic, word, op, op.match, op.mask));
        return word;
    }

    /** The one-line message for a value that does not fit {@code o}. */
    public static String outOfRange(Operand o, long value) {
        String name = o.name().toLowerCase();
        switch (o.type) {
            case GPR: case FPR: case CP0_REG: case FCR:
                return "register number " + value + " out of range 0..31 for " + name;
            case SIMM: case BRANCH:
                return "value " + value + " out of range " + -(1L << (o.width - 1)) + ".." + ((1L << (o.width - 1)) - 1) + " for " + name;
            default:
                return "value " + value + " out of range 0.." + ((1L << o.width) - 1) + " for " + name;
        }
    }

    /** Appends an encoded instruction; returns its offset. */
    public int emit(Op op, long... values) {
        return word(encode(op, values));
    }

    /**
     * Appends {@code op} with operand {@code index} left zero, and records a fixup that fills it later
     * from {@code target}.
     */
    public int emit(Op op, long[] values, int index, Reloc reloc, Object target, Object origin) {
        long[] v = values.clone();
        v[index] = 0;
        int at = word(encode(op, v));
        fixups.add(new Fixup(at, reloc, op.format.operand(index), target, origin));
        return at;
    }

    public void addFixup(Fixup f) { fixups.add(f); }

    /** The largest section the buffer holds: 256 MB, the most RAM the P-5064 has (--ram-mb 256). */
    public static final int MAX_BYTES = 1 << 28;

    private void ensure(int n) {
        if (n < 0 || n > MAX_BYTES - size) {
            throw new EmitException("section larger than " + (MAX_BYTES >> 20) + " MB");
        }
        if (size + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }

    public int byte8(int v) {
        ensure(1);
        bytes[size] = (byte) v;
        return size++;
    }

    public int half(int v) { return put(v, 2); }

    public int word(int v) { return put(v, 4); }

    public int dword(long v) { return put(v, 8); }

    /** Appends {@code v} as {@code n} bytes in the buffer's byte order; returns its offset. */
    private int put(long v, int n) {
        int at = size;
        ensure(n);
        size += n;
        patch(at, v, n);
        return at;
    }

    public int bytes(byte[] b) {
        int at = size;
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return at;
    }

    /** Appends {@code n} copies of the byte {@code fill}. */
    public int fill(int n, int fill) {
        int at = size;
        ensure(n);
        Arrays.fill(bytes, size, size + n, (byte) fill);
        size += n;
        return at;
    }

    /** Stores the low {@code width} bytes of {@code v} at {@code at} in the buffer's byte order. */
    public void patch(int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            int shift = bigEndian ? (width - 1 - i) * 8 : i * 8;
            bytes[at + i] = (byte) (v >>> shift);
        }
    }

    public long read(int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            int shift = bigEndian ? (width - 1 - i) * 8 : i * 8;
            v |= (bytes[at + i] & 0xFFL) << shift;
        }
        return v;
    }

    public int readWord(int at) { return (int) read(at, 4); }
    public void patchWord(int at, int word) { patch(at, word, 4); }

    /** Drops everything from {@code newSize} on (and the fixups there). */
    public void truncate(int newSize) {
        size = newSize;
        fixups.removeIf(f -> f.offset() >= newSize);
    }

    /**
     * Exchanges the instruction words at {@code a} and {@code b}, moving their fixups with them (the
     * delay-slot filler uses this).
     */
    public void swapWords(int a, int b) {
        int wa = readWord(a), wb = readWord(b);
        patchWord(a, wb);
        patchWord(b, wa);
        for (int i = 0; i < fixups.size(); i++) {
            Fixup f = fixups.get(i);
            if (f.offset() == a) fixups.set(i, f.moved(b));
            else if (f.offset() == b) fixups.set(i, f.moved(a));
        }
    }
}
