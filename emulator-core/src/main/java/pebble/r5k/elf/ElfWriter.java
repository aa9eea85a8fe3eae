package pebble.r5k.elf;

import static pebble.r5k.elf.ElfConstants.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a statically linked ELF32 ET_EXEC image for EM_MIPS, the format our assembler emits.
 *
 * <p>Layout: ELF header, program headers, the section contents, .symtab, .strtab, .shstrtab, then the
 * section header table. Each allocatable section of non-zero size gets its own PT_LOAD segment whose file
 * offset is congruent to its address modulo {@link ElfConstants#PAGE_SIZE}, as the gABI requires of
 * loadable segments. The symbol table lists locals first and sets sh_info to the first non-local.
 *
 * <p>Bad input (overlapping sections, 64-bit addresses, unknown section names in symbols) is a bug
 * in the caller and raises {@link IllegalArgumentException}.
 */
public final class ElfWriter {
    private ElfWriter() {}

    /**
     * @param bigEndian byte order of the image
     * @param entry     e_entry (32-bit address; the sign-extended 64-bit form is accepted)
     * @param eFlags    e_flags, normally {@link ElfConstants#DEFAULT_FLAGS_O32}
     * @param sections  sections in the order they should appear (e.g. .text, .data, .bss)
     * @param symbols   symbols in any order; locals are moved first
     */
    public static byte[] writeExecutable(boolean bigEndian, long entry, int eFlags, List<ElfSection> sections,
                                         List<ElfSymbol> symbols) {
        check32("entry point", entry);
        Map<String, Integer> sectionIndex = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            ElfSection s = sections.get(i);
            validate(s);
            if (sectionIndex.put(s.name(), i + 1) != null) {
                throw new IllegalArgumentException("duplicate section " + s.name());
            }
        }
        checkOverlap(sections);

        // ---- layout ----
        List<ElfSection> loadable = new ArrayList<>();
        for (ElfSection s : sections) {
            if ((s.flags() & SHF_ALLOC) != 0 && s.size() > 0) loadable.add(s);
        }
        int phoff = EHDR32_SIZE;
        long pos = phoff + (long) loadable.size() * PHDR32_SIZE;
        long[] offsets = new long[sections.size()];
        for (int i = 0; i < sections.size(); i++) {
            ElfSection s = sections.get(i);
            if ((s.flags() & SHF_ALLOC) != 0) {
                long want = s.addr() & (PAGE_SIZE - 1); // file offset ≡ address (mod page)
                pos += (want - pos) & (PAGE_SIZE - 1);
            } else {
                pos = alignUp(pos, Math.max(1, s.align()));
            }
            offsets[i] = pos;
            if (s.type() != SHT_NOBITS) pos += s.size();
        }

        List<ElfSymbol> ordered = new ArrayList<>();
        for (ElfSymbol y : symbols) if (y.bind() == STB_LOCAL) ordered.add(y);
        int firstGlobal = ordered.size() + 1;
        for (ElfSymbol y : symbols) if (y.bind() != STB_LOCAL) ordered.add(y);

        StringTableBuilder strtab = new StringTableBuilder();
        int[] symNames = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) symNames[i] = strtab.add(ordered.get(i).name());
        byte[] strBytes = strtab.toByteArray();

        StringTableBuilder shstrtab = new StringTableBuilder();
        int[] secNames = new int[sections.size()];
        for (int i = 0; i < sections.size(); i++) secNames[i] = shstrtab.add(sections.get(i).name());
        int symtabName = shstrtab.add(".symtab");
        int strtabName = shstrtab.add(".strtab");
        int shstrtabName = shstrtab.add(".shstrtab");
        byte[] shstrBytes = shstrtab.toByteArray();

        long symtabOff = alignUp(pos, 4);
        long symtabSize = (long) (ordered.size() + 1) * SYM32_SIZE;
        long strtabOff = symtabOff + symtabSize;
        long shstrtabOff = strtabOff + strBytes.length;
        long shoff = alignUp(shstrtabOff + shstrBytes.length, 4);
        int shnum = sections.size() + 4; // null + user + .symtab + .strtab + .shstrtab
        long total = shoff + (long) shnum * SHDR32_SIZE;
        if (total > Integer.MAX_VALUE) throw new IllegalArgumentException("image too large: " + total + " bytes");

        ByteBuffer out = ByteBuffer.allocate((int) total)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);

        // ---- ELF header ----
        out.put(new byte[] {0x7f, 'E', 'L', 'F', ELFCLASS32, (byte) (bigEndian ? ELFDATA2MSB : ELFDATA2LSB),
                EV_CURRENT});
        out.position(EI_NIDENT);
        out.putShort((short) ET_EXEC).putShort((short) EM_MIPS).putInt(EV_CURRENT);
        out.putInt((int) entry).putInt(phoff).putInt((int) shoff).putInt(eFlags);
        out.putShort((short) EHDR32_SIZE).putShort((short) PHDR32_SIZE).putShort((short) loadable.size());
        out.putShort((short) SHDR32_SIZE).putShort((short) shnum).putShort((short) (shnum - 1));

        // ---- program headers ----
        out.position(phoff);
        for (int i = 0; i < sections.size(); i++) {
            ElfSection s = sections.get(i);
            if ((s.flags() & SHF_ALLOC) == 0 || s.size() == 0) continue;
            int pflags = PF_R | ((s.flags() & SHF_WRITE) != 0 ? PF_W : 0)
                    | ((s.flags() & SHF_EXECINSTR) != 0 ? PF_X : 0);
            long filesz = s.type() == SHT_NOBITS ? 0 : s.size();
            out.putInt(PT_LOAD).putInt((int) offsets[i]).putInt((int) s.addr()).putInt((int) s.addr())
                    .putInt((int) filesz).putInt((int) s.size()).putInt(pflags).putInt(PAGE_SIZE);
        }

        // ---- contents ----
        for (int i = 0; i < sections.size(); i++) {
            ElfSection s = sections.get(i);
            if (s.type() != SHT_NOBITS) out.put((int) offsets[i], s.data());
        }

        // ---- .symtab (entry 0 is the null symbol, already zero) ----
        out.position((int) symtabOff + SYM32_SIZE);
        for (int i = 0; i < ordered.size(); i++) {
            ElfSymbol y = ordered.get(i);
            check32("symbol " + y.name(), y.value());
            int shndx = SHN_ABS;
            if (y.section() != null) {
                Integer idx = sectionIndex.get(y.section());
                if (idx == null) {
                    throw new IllegalArgumentException("symbol " + y.name() + ": unknown section " + y.section());
                }
                shndx = idx;
            }
            out.putInt(symNames[i]).putInt((int) y.value()).putInt((int) y.size())
                    .put((byte) ((y.bind() << 4) | (y.type() & 0xf))).put((byte) 0).putShort((short) shndx);
        }
        out.put((int) strtabOff, strBytes);
        out.put((int) shstrtabOff, shstrBytes);

        // ---- section headers (header 0 is all zero) ----
        out.position((int) shoff + SHDR32_SIZE);
        for (int i = 0; i < sections.size(); i++) {
            ElfSection s = sections.get(i);
            shdr(out, secNames[i], s.type(), s.flags(), (int) s.addr(), offsets[i], s.size(), 0, 0, s.align(), 0);
        }
        int strtabIndex = sections.size() + 2;
        shdr(out, symtabName, SHT_SYMTAB, 0, 0, symtabOff, symtabSize, strtabIndex, firstGlobal, 4, SYM32_SIZE);
        shdr(out, strtabName, SHT_STRTAB, 0, 0, strtabOff, strBytes.length, 0, 0, 1, 0);
        shdr(out, shstrtabName, SHT_STRTAB, 0, 0, shstrtabOff, shstrBytes.length, 0, 0, 1, 0);
        return out.array();
    }

    private static void shdr(ByteBuffer out, int name, int type, int flags, int addr, long offset, long size,
                             int link, int info, int align, int entsize) {
        out.putInt(name).putInt(type).putInt(flags).putInt(addr).putInt((int) offset).putInt((int) size)
                .putInt(link).putInt(info).putInt(align).putInt(entsize);
    }

    private static void validate(ElfSection s) {
        String n = s.name();
        if (n == null || n.isEmpty()) throw new IllegalArgumentException("section without a name");
        if (s.type() == SHT_PROGBITS) {
            if (s.data() == null || s.data().length != s.size()) {
                throw new IllegalArgumentException("section " + n + ": data length must equal size " + s.size());
            }
        } else if (s.type() == SHT_NOBITS) {
            if (s.data() != null) throw new IllegalArgumentException("section " + n + ": NOBITS with data");
        } else {
            throw new IllegalArgumentException("section " + n + ": type " + s.type() + " is not PROGBITS or NOBITS");
        }
        if (s.size() < 0 || s.size() > 0xffffffffL) {
            throw new IllegalArgumentException("section " + n + ": bad size " + s.size());
        }
        if (s.align() < 0 || Integer.bitCount(s.align()) > 1) {
            throw new IllegalArgumentException("section " + n + ": alignment " + s.align() + " is not a power of two");
        }
        check32("section " + n, s.addr());
        if (s.align() > 1 && (s.addr() & (s.align() - 1)) != 0) {
            throw new IllegalArgumentException(String.format("section %s: address 0x%x not aligned to %d",
                    n, s.addr(), s.align()));
        }
        if ((s.flags() & SHF_ALLOC) != 0 && (s.addr() & 0xffffffffL) + s.size() > 1L << 32) {
            throw new IllegalArgumentException("section " + n + " wraps past the end of the 32-bit address space");
        }
    }

    private static void checkOverlap(List<ElfSection> sections) {
        for (int i = 0; i < sections.size(); i++) {
            ElfSection a = sections.get(i);
            if ((a.flags() & SHF_ALLOC) == 0 || a.size() == 0) continue;
            long a0 = a.addr() & 0xffffffffL;
            for (int j = i + 1; j < sections.size(); j++) {
                ElfSection c = sections.get(j);
                if ((c.flags() & SHF_ALLOC) == 0 || c.size() == 0) continue;
                long c0 = c.addr() & 0xffffffffL;
                if (a0 < c0 + c.size() && c0 < a0 + a.size()) {
                    throw new IllegalArgumentException("sections " + a.name() + " and " + c.name() + " overlap");
                }
            }
        }
    }

    /** ELF32 holds 32-bit addresses: accept 0..0xffffffff and the sign-extended form of the upper half. */
    private static void check32(String what, long v) {
        if (v != (v & 0xffffffffL) && v != (long) (int) v) {
            throw new IllegalArgumentException(String.format("%s: address 0x%x does not fit in ELF32", what, v));
        }
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }
}
