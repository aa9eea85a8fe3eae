package pebble.r5k.disasm;

import java.util.List;

/**
 * What {@link Listing} needs from an executable image: its code sections and symbols. An ELF file is adapted
 * to this by {@link ElfListingSource}; tests build it from objcopy/nm output or by hand.
 */
public interface ListingSource {
    /** Printed in the listing's first line ({@code "<name>:     file format <format>"}). */
    String fileName();

    /** objdump's BFD target name, e.g. {@code elf32-tradbigmips} or {@code elf32-tradlittlemips}. */
    String formatName();

    /** 32 for ELF32 (addresses print as 8 hex digits and targets wrap at 32 bits), 64 for ELF64. */
    int addressBits();

    /** Whether the image is n32 or n64, whose register names objdump uses ($8..$11 = a4..a7); default o32. */
    default boolean newAbi() { return false; }

    /** A relocatable object (.o): objdump then prefers symbols of the section being disassembled. */
    boolean relocatable();

    /** The executable sections, in file order. */
    List<CodeSection> codeSections();

    /** Defined symbols (no section, file or undefined symbols), in symbol-table order. */
    List<ListingSymbol> symbols();

    /** One executable section: name, start address and bytes in the image's byte order. */
    record CodeSection(String name, long address, byte[] bytes, boolean bigEndian) {
        public long end() { return address + bytes.length; }

        /** The instruction word at byte offset {@code off} (a multiple of 4). */
        public int word(int off) {
            int b0 = bytes[off] & 0xFF, b1 = bytes[off + 1] & 0xFF, b2 = bytes[off + 2] & 0xFF, b3 = bytes[off + 3] & 0xFF;
            return bigEndian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
        }
    }

    /** A symbol: {@code section} is the section name (or e.g. "*ABS*"). */
    record ListingSymbol(String name, long address, String section, Kind kind, boolean global) {}

    enum Kind { FUNCTION, OBJECT, OTHER }
}
