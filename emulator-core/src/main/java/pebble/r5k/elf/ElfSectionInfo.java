package pebble.r5k.elf;

import java.util.Arrays;

/**
 * One section header of an image read by {@link ElfReader}. Accessors mirror the Elf32/64_Shdr fields;
 * {@link #bytes()} returns the section's file contents.
 */
public final class ElfSectionInfo {
    private final int index;
    private final String name;
    private final int type;
    private final long flags;
    private final long addr;
    private final long size;
    private final long offset;
    private final int link;
    private final int info;
    private final long align;
    private final long entSize;
    private final byte[] image; // the reader's private copy of the whole file; never exposed

    ElfSectionInfo(int index, String name, int type, long flags, long addr, long size, long offset,
                   int link, int info, long align, long entSize, byte[] image) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.flags = flags;
        this.addr = addr;
        this.size = size;
        this.offset = offset;
        this.link = link;
        this.info = info;
        this.align = align;
        this.entSize = entSize;
        this.image = image;
    }

    /** Index in the section header table. */
    public int index() { return index; }
    public String name() { return name; }
    /** sh_type, e.g. {@link ElfConstants#SHT_PROGBITS}. */
    public int type() { return type; }
    /** sh_flags ({@link ElfConstants#SHF_ALLOC} etc.). */
    public long flags() { return flags; }
    /** sh_addr (ELF32: sign-extended to 64 bits). */
    public long addr() { return addr; }
    public long size() { return size; }
    /** sh_offset in the file. */
    public long offset() { return offset; }
    public int link() { return link; }
    public int info() { return info; }
    public long align() { return align; }
    public long entSize() { return entSize; }

    public boolean isAlloc() { return (flags & ElfConstants.SHF_ALLOC) != 0; }
    public boolean isExec() { return (flags & ElfConstants.SHF_EXECINSTR) != 0; }
    /** True when the section occupies bytes in the file (not NOBITS/NULL). */
    public boolean hasFileBytes() { return type != ElfConstants.SHT_NOBITS && type != ElfConstants.SHT_NULL; }

    /** A fresh copy of the section's bytes in the file; empty for NOBITS and NULL sections. */
    public byte[] bytes() {
        if (!hasFileBytes()) return new byte[0];
        return Arrays.copyOfRange(image, (int) offset, (int) (offset + size)); // bounds checked by the reader
    }

    @Override
    public String toString() {
        return String.format("[%d] %s type=%d flags=0x%x addr=0x%x off=0x%x size=0x%x",
                index, name, type, flags, addr, offset, size);
    }
}
