package pebble.r5k.elf;

import java.util.Arrays;

/**
 * One PT_LOAD program header and its file contents. Memory from {@code vaddr + fileBytes.length} to
 * {@code vaddr + memSize} is zero-filled by the loader.
 *
 * @param vaddr     p_vaddr (ELF32: sign-extended to 64 bits)
 * @param paddr     p_paddr (ELF32: sign-extended to 64 bits)
 * @param fileBytes the p_filesz bytes at p_offset (a private copy)
 * @param memSize   p_memsz, never smaller than {@code fileBytes.length}
 * @param flags     p_flags ({@link ElfConstants#PF_R} | {@code PF_W} | {@code PF_X})
 * @param index     position of its program header in the table, counted from 0 as {@code readelf -l}
 *                  numbers segments (-1 for a segment that was not read from a file)
 */
public record ElfSegment(long vaddr, long paddr, byte[] fileBytes, long memSize, int flags, int index) {

    public ElfSegment(long vaddr, long paddr, byte[] fileBytes, long memSize, int flags) {
        this(vaddr, paddr, fileBytes, memSize, flags, -1);
    }

    /**
     * How every message names a segment: "segment 2 (LOAD at 0x80010030)", with {@code readelf -l}'s
     * 0-based program header number (one numbering for all ELF messages) and the address as the file
     * writes it ({@code is64} false: the 32-bit form of a sign-extended ELF32 address).
     */
    public String label(boolean is64) {
        return label(index, vaddr, is64);
    }

    static String label(int index, long vaddr, boolean is64) {
        // Concatenation, not String.format: the first format of a run initialises the locale data (start-up).
        return "segment " + index + " (LOAD at 0x" + Long.toHexString(is64 ? vaddr : vaddr & 0xffffffffL) + ")";
    }

    /** Address one past the last byte of the segment in memory. */
    public long end() { return vaddr + memSize; }

    public boolean contains(long addr) {
        return Long.compareUnsigned(addr - vaddr, memSize) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfSegment s && s.vaddr == vaddr && s.paddr == paddr && s.memSize == memSize
                && s.flags == flags && Arrays.equals(s.fileBytes, fileBytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vaddr) * 31 + Arrays.hashCode(fileBytes);
    }

    @Override
    public String toString() {
        return String.format("ElfSegment[vaddr=0x%x, paddr=0x%x, fileSize=0x%x, memSize=0x%x, flags=%s]",
                vaddr, paddr, fileBytes.length, memSize, flagString(flags));
    }

    static String flagString(int flags) {
        return ((flags & ElfConstants.PF_R) != 0 ? "R" : "-") + ((flags & ElfConstants.PF_W) != 0 ? "W" : "-")
                + ((flags & ElfConstants.PF_X) != 0 ? "X" : "-");
    }
}
