package pebble.r5k.elf;

import java.util.Arrays;

/**
 * A section to be written by {@link ElfWriter}.
 *
 * @param name  e.g. ".text"
 * @param type  {@link ElfConstants#SHT_PROGBITS} or {@link ElfConstants#SHT_NOBITS}
 * @param flags {@link ElfConstants#SHF_WRITE} | {@code SHF_ALLOC} | {@code SHF_EXECINSTR}
 * @param addr  load address (32-bit; the sign-extended 64-bit form 0xffffffff8xxxxxxx is accepted too)
 * @param data  contents for PROGBITS (length must equal size), null for NOBITS
 * @param size  size in bytes
 * @param align sh_addralign (0 or a power of two)
 */
public record ElfSection(String name, int type, int flags, long addr, byte[] data, long size, int align) {

    @Override
    public boolean equals(Object o) {
        return o instanceof ElfSection s && s.name.equals(name) && s.type == type && s.flags == flags
                && s.addr == addr && Arrays.equals(s.data, data) && s.size == size && s.align == align;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(addr);
    }

    @Override
    public String toString() {
        return String.format("ElfSection[%s type=%d flags=0x%x addr=0x%x size=0x%x align=%d]",
                name, type, flags, addr, size, align);
    }
}
