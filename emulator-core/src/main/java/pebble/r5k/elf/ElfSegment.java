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
 */
public record ElfSegment(long vaddr, long paddr, byte[] fileBytes, long memSize, int flags) {

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
