package pebble.r5k.asm;

import java.util.List;

/**
 * The linked result of an assembly run, in memory: sections with their final addresses and bytes, the
 * symbol table and the entry point. {@link Assembler#toElf} writes it as an ELF32 executable.
 */
public record AssembledProgram(boolean bigEndian, long entry, List<OutSection> sections, List<OutSymbol> symbols,
                               List<String> listing, List<String> warnings) {

    /** {@code data} is empty for NOBITS sections; {@code size} is the size in memory. */
    public record OutSection(String name, boolean nobits, boolean exec, boolean write, long addr, byte[] data, long size, int align) {}

    /** ELF-style symbol: {@code type} STT_*, {@code global} binding, {@code section} null for absolute. */
    public record OutSymbol(String name, long value, long size, int type, boolean global, String section) {}

    public OutSection section(String name) {
        for (OutSection s : sections) if (s.name().equals(name)) return s;
        return null;
    }

    public OutSymbol symbol(String name) {
        for (OutSymbol s : symbols) if (s.name().equals(name)) return s;
        return null;
    }

    /** The byte at guest address {@code addr} in any PROGBITS section, or -1. */
    public int byteAt(long addr) {
        for (OutSection s : sections) {
            if (!s.nobits() && addr >= s.addr() && addr < s.addr() + s.data().length) return s.data()[(int) (addr - s.addr())] & 0xFF;
        }
        return -1;
    }
}
