package pebble.r5k.disasm;

import pebble.r5k.disasm.ListingSource.CodeSection;
import pebble.r5k.disasm.ListingSource.ListingSymbol;

import java.util.List;

/**
 * An {@code objdump -d} style listing: the file header, one "Disassembly of section" block per code section,
 * {@code <symbol>:} headers splitting each section at its symbols, and {@code address:\tword \ttext} lines.
 * Follows objdump's layout rules: addresses drop the leading zeros common to the whole section in groups of
 * four digits, and a run of 8 or more zero bytes prints as {@code \t...} unless the previous instruction has
 * a delay slot.
 */
public final class Listing {
    private Listing() {}

    /** objdump's skip threshold for zero runs (bytes). */
    private static final int SKIP_ZEROES = 8;

    public static String print(ListingSource src) {
        StringBuilder out = new StringBuilder();
        print(src, out);
        return out.toString();
    }

    public static void print(ListingSource src, StringBuilder out) {
        out.append('\n').append(src.fileName()).append(":     file format ").append(src.formatName()).append("\n\n");
        SymbolIndex index = new SymbolIndex(src.symbols(), src.addressBits());
        for (CodeSection section : src.codeSections()) {
            out.append("\nDisassembly of section ").append(section.name()).append(":\n");
            printSection(section, index, src, out);
        }
    }

    private static void printSection(CodeSection section, SymbolIndex index, ListingSource src, StringBuilder out) {
        int bits = src.addressBits();
        Disassembler dis = new Disassembler(index.lookupFor(section, src.relocatable()), bits, src.newAbi());
        int skip = commonLeadingZeros(section, bits);
        List<ListingSymbol> syms = index.inSection(section);
        int size = section.bytes().length & ~3;
        long base = section.address();
        int off = 0;
        int next = 0; // index into syms of the next region start
        while (off < size) {
            String name;
            long nameAddr;
            if (next < syms.size() && syms.get(next).address() - base <= off) {
                name = syms.get(next).name();
                nameAddr = syms.get(next).address();
                next++;
            } else {
                name = section.name();
                nameAddr = base;
            }
            int stop = next < syms.size() ? (int) (syms.get(next).address() - base) : size;
            stop = Math.min(stop, size);
            out.append('\n');
            fullAddress(out, base + off, bits);
            out.append(" <").append(name);
            long delta = base + off - nameAddr;
            if (delta != 0) out.append("+0x").append(Long.toHexString(delta));
            out.append(">:\n");
            printRegion(section, off, stop, skip, bits, dis, out);
            off = stop;
        }
    }

    private static void printRegion(CodeSection section, int off, int stop, int skip, int bits, Disassembler dis, StringBuilder out) {
        byte[] b = section.bytes();
        boolean afterDelaySlotInsn = false;
        while (off < stop) {
            if (!afterDelaySlotInsn) {
                int z = off;
                while (z < stop && b[z] == 0) z++;
                if (z - off >= SKIP_ZEROES) {
                    // Skip in whole words unless the zeros reach the region's end.
                    if (z != stop) z = off + ((z - off) & ~3);
                    out.append("\t...\n");
                    off = z;
                    continue;
                }
            }
            int word = section.word(off);
            long pc = section.address() + off;
            address(out, pc, skip, bits);
            out.append(":\t");
            hex8(out, word);
            out.append(" \t");
            dis.disassemble(word, pc, out);
            out.append('\n');
            afterDelaySlotInsn = Spellings.of(word).hasDelaySlot();
            off += 4;
        }
    }

    /** Leading zero digits shared by every address of the section, rounded down to whole groups of four. */
    static int commonLeadingZeros(CodeSection section, int bits) {
        String end = padded(section.end(), bits);
        int n = 0;
        while (n < end.length() && end.charAt(n) == '0') n++;
        if (n == end.length() && section.address() != 0) return 0;
        return n == 0 ? 0 : (n - 1) & ~3;
    }

    private static String padded(long v, int bits) {
        int digits = bits / 4;
        if (bits == 32) v &= 0xFFFFFFFFL;
        String h = Long.toHexString(v);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    private static void fullAddress(StringBuilder out, long v, int bits) {
        out.append(padded(v, bits));
    }

    /** The line address: common zeros dropped, the remaining leading zeros shown as spaces. */
    private static void address(StringBuilder out, long v, int skip, int bits) {
        String s = padded(v, bits).substring(skip);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') i++;
        out.append(" ".repeat(i)).append(s, i, s.length());
    }

    private static void hex8(StringBuilder out, int w) {
        String h = Integer.toHexString(w);
        for (int i = h.length(); i < 8; i++) out.append('0');
        out.append(h);
    }
}
