package pebble.r5k.elf;

import pebble.r5k.host.HostFiles;
import static pebble.r5k.elf.ElfConstants.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses MIPS ELF32/ELF64 images, big- or little-endian, into an {@link ElfFile}.
 *
 * <p>Every structural field is bounds-checked before use, so any byte input yields either an
 * {@code ElfFile} or an {@link ElfFormatException} with a one-line message (fuzzed in the tests).
 *
 * <p><b>Accepted ISA levels</b> (e_flags EF_MIPS_ARCH): the R5000 implements MIPS IV (hardware
 * reference §1), so MIPS I, II, III and IV are accepted. The supersets of MIPS IV are accepted too: MIPS V,
 * MIPS32/MIPS64 release 1 and release 2 (gcc's default {@code -march} for mips-linux-gnu is mips32r2 or
 * mips64r2, whatever the code uses): the flags alone say nothing about the instructions, and the ones the
 * R5000 lacks (CLZ, MUL, EXT, ROTR, ...) raise Reserved Instruction at run time, as on the real chip;
 * {@link ElfFile#isaNote()} is the warning to show. Rejected: release 6 (it reassigns MIPS IV encodings)
 * and the microMIPS, MIPS16 and MDMX ASEs, which the R5000 cannot execute at all.
 *
 * <p><b>ABI</b>: ELF64 is n64; ELF32 with EF_MIPS_ABI2 is n32; every other ELF32 image is o32.
 */
public final class ElfReader {
    private ElfReader() {}

    /** Reads a runnable image: ET_EXEC, or ET_DYN needing no shared library; entry inside a PT_LOAD segment. */
    public static ElfFile read(byte[] bytes, String displayName) throws ElfFormatException {
        return new Parser(bytes, displayName, true).parse();
    }

    /** {@link #read(byte[], String)} on a file; the display name is the path as given. */
    public static ElfFile read(Path path) throws IOException, ElfFormatException {
        return read(HostFiles.read(path, HostFiles.MAX_IMAGE_BYTES, "an image"), path.toString());
    }

    /**
     * Reads any MIPS ELF the R5000 could execute code from, including relocatable objects and shared
     * objects (for disassembly and symbol listing); no entry-point or PT_INTERP checks.
     */
    public static ElfFile inspect(byte[] bytes, String displayName) throws ElfFormatException {
        return new Parser(bytes, displayName, false).parse();
    }

    /** One parse; holds the cursor state so the static API stays reentrant. */
    private static final class Parser {
        private final byte[] b;
        private final String name;
        private final boolean runnable;
        private boolean be;
        private boolean is64;

        Parser(byte[] bytes, String displayName, boolean runnable) {
            this.b = bytes.clone(); // ElfSectionInfo.bytes() reads from this private copy later
            this.name = displayName;
            this.runnable = runnable;
        }

        private ElfFormatException fail(String fmt, Object... args) {
            return new ElfFormatException(name + ": " + String.format(fmt, args));
        }

        ElfFile parse() throws ElfFormatException {
            checkIdent();
            int ehSize = is64 ? EHDR64_SIZE : EHDR32_SIZE;
            if (b.length < ehSize) {
                throw fail("truncated ELF header (%d bytes, need %d)", b.length, ehSize);
            }
            int type = u16(16);
            int machine = u16(18);
            if (machine != EM_MIPS) throw fail("not a MIPS image (e_machine %d); build it with a MIPS toolchain such as mips-linux-gnu-gcc", machine);
            long version = u32(20);
            if (version != EV_CURRENT) throw fail("unsupported ELF version %d in e_version", version);
            // ET_DYN is what Debian's gcc makes by default (a PIE linked at 0); with -nostdlib it has nothing for
            // a dynamic loader to do, so it runs at its link address like an ET_EXEC (docs/reset-state.md).
            if (runnable && type != ET_EXEC && type != ET_DYN) {
                String hint = type == ET_REL ? "; link it first" : "";
                throw fail("ELF type %d (%s) cannot be run%s", type, typeName(type), hint);
            }
            long entry = addr(24);
            int flags = (int) u32(is64 ? 48 : 36);
            checkIsa(flags);
            Abi abi = is64 ? Abi.N64 : (flags & EF_MIPS_ABI2) != 0 ? Abi.N32 : Abi.O32;

            List<ElfSectionInfo> sections = readSections();
            List<ElfSegment> segments = readSegments(sections);
            List<ElfSymbol> symbols = readSymbols(sections);
            if (runnable) checkEntry(entry, segments);
            return new ElfFile(name, be, is64, abi, type, machine, flags, entry, segments, symbols, sections);
        }

        private void checkIdent() throws ElfFormatException {
            if (b.length == 0) throw fail("not an ELF file (empty)");
            byte[] magic = {0x7f, 'E', 'L', 'F'};
            for (int i = 0; i < magic.length; i++) {
                if (i >= b.length) throw fail("truncated ELF header (%d bytes)", b.length);
                if (b[i] != magic[i]) throw fail("not an ELF file (bad magic)");
            }
            if (b.length < EI_NIDENT) throw fail("truncated ELF header (%d bytes)", b.length);
            int cls = b[EI_CLASS] & 0xff;
            if (cls != ELFCLASS32 && cls != ELFCLASS64) throw fail("unknown ELF class %d", cls);
            is64 = cls == ELFCLASS64;
            int data = b[EI_DATA] & 0xff;
            if (data != ELFDATA2LSB && data != ELFDATA2MSB) throw fail("unknown ELF data encoding %d", data);
            be = data == ELFDATA2MSB;
            int ver = b[EI_VERSION] & 0xff;
            if (ver != EV_CURRENT) throw fail("unsupported ELF version %d in e_ident", ver);
        }

        private void checkIsa(int flags) throws ElfFormatException {
            String why = null;
            if ((flags & EF_MIPS_ARCH_ASE_MICROMIPS) != 0) why = "microMIPS";
            else if ((flags & EF_MIPS_ARCH_ASE_M16) != 0) why = "MIPS16";
            else if ((flags & EF_MIPS_ARCH_ASE_MDMX) != 0) why = "MDMX";
            if (why != null) {
                throw fail("%s images are not supported by the R5000 (e_flags 0x%08x); build without -m%s",
                        why, flags, why.equals("microMIPS") ? "micromips" : why.toLowerCase());
            }
            switch (flags & EF_MIPS_ARCH) {
                // MIPS V and the release-2 levels are supersets of MIPS IV: gcc's default -march (mips32r2,
                // mips64r2) marks plain MIPS IV code with them. Accepted; ElfFile.isaNote() warns.
                case EF_MIPS_ARCH_1, EF_MIPS_ARCH_2, EF_MIPS_ARCH_3, EF_MIPS_ARCH_4,
                     EF_MIPS_ARCH_5, EF_MIPS_ARCH_32, EF_MIPS_ARCH_64, EF_MIPS_ARCH_32R2, EF_MIPS_ARCH_64R2 -> { }
                // Release 6 reassigns encodings (branch-likely, MUL/DIV, ...): its code means something else here.
                case EF_MIPS_ARCH_32R6, EF_MIPS_ARCH_64R6 ->
                        throw fail("%s images are not supported by the R5000, a MIPS IV CPU: release 6 reuses"
                                + " MIPS IV encodings; build with -march=r5000 (e_flags 0x%08x)", archName(flags), flags);
                default -> throw fail("%s in e_flags 0x%08x is not supported by the R5000; build with -march=r5000",
                        archName(flags), flags);
            }
        }

        // ---- section headers ----

        private List<ElfSectionInfo> readSections() throws ElfFormatException {
            long shoff = off(is64 ? 40 : 32);
            int shentsize = u16(is64 ? 58 : 46);
            long shnum = u16(is64 ? 60 : 48);
            int shstrndx = u16(is64 ? 62 : 50);
            List<ElfSectionInfo> out = new ArrayList<>();
            if (shoff == 0) return out;
            int need = is64 ? SHDR64_SIZE : SHDR32_SIZE;
            if (shentsize < need) throw fail("bad section header entry size %d (need %d)", shentsize, need);
            if (!fits(shoff, shentsize)) throw fail("truncated section header table at offset 0x%x", shoff);
            if (shnum == 0) shnum = shSize(shoff); // extended numbering: count lives in section 0's sh_size
            if (shstrndx == SHN_XINDEX) shstrndx = (int) u32(shoff + (is64 ? 40 : 24)); // ... and sh_link
            if (Long.compareUnsigned(shnum, (b.length - shoff) / shentsize) > 0) {
                throw fail("truncated section header table at offset 0x%x", shoff);
            }
            int count = (int) shnum;
            if (shstrndx != SHN_UNDEF && Integer.compareUnsigned(shstrndx, count) >= 0) {
                throw fail("section name table index %d out of range (%d sections)",
                        Integer.toUnsignedLong(shstrndx), count);
            }
            long strOff = 0;
            long strSize = 0;
            if (shstrndx != SHN_UNDEF) {
                long h = shoff + (long) shstrndx * shentsize;
                strOff = off(h + (is64 ? 24 : 16));
                strSize = off(h + (is64 ? 32 : 20));
                if (u32(h + 4) == SHT_NOBITS || !fits(strOff, strSize)) {
                    throw fail("section name table (section %d) extends past end of file", shstrndx);
                }
            }
            for (int i = 0; i < count; i++) {
                long h = shoff + (long) i * shentsize;
                long nameOff = u32(h);
                int type = (int) u32(h + 4);
                long flags = is64 ? u64(h + 8) : u32(h + 8);
                long addr = addr(h + (is64 ? 16 : 12));
                long offset = off(h + (is64 ? 24 : 16));
                long size = off(h + (is64 ? 32 : 20));
                int link = (int) u32(h + (is64 ? 40 : 24));
                int info = (int) u32(h + (is64 ? 44 : 28));
                long align = off(h + (is64 ? 48 : 32));
                long entsize = off(h + (is64 ? 56 : 36));
                String sname = "";
                if (shstrndx != SHN_UNDEF) {
                    sname = string(strOff, strSize, nameOff, "section " + i + " name", "section name table");
                }
                if (type != SHT_NOBITS && type != SHT_NULL && !fits(offset, size)) {
                    throw fail("section %d (%s) extends past end of file", i, sname);
                }
                out.add(new ElfSectionInfo(i, sname, type, flags, addr, size, offset, link, info, align,
                        entsize, b));
            }
            return out;
        }

        private long shSize(long shoff) throws ElfFormatException {
            return off(shoff + (is64 ? 32 : 20));
        }

        // ---- program headers ----

        /**
         * Whether the PT_DYNAMIC segment whose program header is at {@code h} lists a DT_NEEDED library. A PT_INTERP
         * alone is harmless: an image with no libraries runs at its link address without a loader.
         */
        private boolean needsLibraries(long h, int index) throws ElfFormatException {
            long offset = off(h + (is64 ? 8 : 4));
            long filesz = off(h + (is64 ? 32 : 16));
            if (!fits(offset, filesz)) throw fail("segment %d (DYNAMIC) extends past end of file", index);
            int entry = is64 ? 16 : 8;
            for (long e = offset; e + entry <= offset + filesz; e += entry) {
                long tag = is64 ? addr(e) : u32(e);
                if (tag == DT_NULL) return false;
                if (tag == DT_NEEDED) return true;
            }
            return false;
        }

        private List<ElfSegment> readSegments(List<ElfSectionInfo> sections) throws ElfFormatException {
            long phoff = off(is64 ? 32 : 28);
            int phentsize = u16(is64 ? 54 : 42);
            long phnum = u16(is64 ? 56 : 44);
            List<ElfSegment> out = new ArrayList<>();
            if (phnum == PN_XNUM) {
                if (sections.isEmpty()) throw fail("e_phnum is PN_XNUM but there is no section header 0");
                phnum = Integer.toUnsignedLong(sections.get(0).info());
            }
            if (phnum == 0) return out;
            int need = is64 ? PHDR64_SIZE : PHDR32_SIZE;
            if (phentsize < need) throw fail("bad program header entry size %d (need %d)", phentsize, need);
            if (Long.compareUnsigned(phoff, b.length) > 0
                    || Long.compareUnsigned(phnum, (b.length - phoff) / phentsize) > 0) {
                throw fail("truncated program header table at offset 0x%x", phoff);
            }
            for (int i = 0; i < (int) phnum; i++) {
                long h = phoff + (long) i * phentsize;
                int ptype = (int) u32(h);
                if (ptype == PT_DYNAMIC && runnable && needsLibraries(h, i)) {
                    throw fail("needs shared libraries (DT_NEEDED); link it with -nostdlib or -static");
                }
                if (ptype != PT_LOAD) continue;
                int pflags = (int) u32(h + (is64 ? 4 : 24));
                long offset = off(h + (is64 ? 8 : 4));
                long vaddr = addr(h + (is64 ? 16 : 8));
                long paddr = addr(h + (is64 ? 24 : 12));
                long filesz = off(h + (is64 ? 32 : 16));
                long memsz = off(h + (is64 ? 40 : 20));
                String label = ElfSegment.label(i, vaddr, is64);
                if (Long.compareUnsigned(filesz, memsz) > 0) {
                    throw fail("%s file size 0x%x exceeds its memory size 0x%x", label, filesz, memsz);
                }
                if (!fits(offset, filesz)) throw fail("%s extends past end of file", label);
                long span = is64 ? vaddr : vaddr & 0xffffffffL; // wrap check in the file's own address width
                long limit = is64 ? 0 : 1L << 32;               // 0 = 2^64 for the unsigned compare below
                if (memsz != 0 && Long.compareUnsigned(memsz, limit - span) > 0 && !(is64 && span == 0)) {
                    throw fail("%s wraps past the end of the address space", label);
                }
                byte[] data = new byte[(int) filesz];
                System.arraycopy(b, (int) offset, data, 0, data.length);
                out.add(new ElfSegment(vaddr, paddr, data, memsz, pflags, i));
            }
            return out;
        }

        private void checkEntry(long entry, List<ElfSegment> segments) throws ElfFormatException {
            if (segments.isEmpty()) throw fail("no loadable (PT_LOAD) segments; link it into an executable first");
            for (ElfSegment s : segments) {
                if (s.contains(entry)) return;
            }
            throw fail("entry point 0x%s is outside every loadable segment; set it to code of the image (ld -e SYMBOL)",
                    is64 ? Long.toHexString(entry) : Integer.toHexString((int) entry));
        }

        // ---- symbols ----

        private List<ElfSymbol> readSymbols(List<ElfSectionInfo> sections) throws ElfFormatException {
            ElfSectionInfo tab = null;
            for (ElfSectionInfo s : sections) {
                if (s.type() == SHT_SYMTAB) { tab = s; break; }
            }
            if (tab == null) {
                for (ElfSectionInfo s : sections) {
                    if (s.type() == SHT_DYNSYM) { tab = s; break; }
                }
            }
            List<ElfSymbol> out = new ArrayList<>();
            if (tab == null) return out;
            int need = is64 ? SYM64_SIZE : SYM32_SIZE;
            if (Long.compareUnsigned(tab.entSize(), need) < 0 || Long.compareUnsigned(tab.entSize(), 1 << 16) > 0) {
                throw fail("symbol table %s has bad entry size %d (need %d)", tab.name(), tab.entSize(), need);
            }
            int link = tab.link();
            if (link <= 0 || link >= sections.size()) {
                throw fail("symbol table %s links to string table section %d, which does not exist",
                        tab.name(), Integer.toUnsignedLong(link));
            }
            ElfSectionInfo str = sections.get(link);
            if (!str.hasFileBytes()) {
                throw fail("symbol table %s links to section %d (%s), which has no contents",
                        tab.name(), link, str.name());
            }
            long count = tab.size() / tab.entSize();
            for (long i = 1; i < count; i++) { // symbol 0 is the reserved null symbol
                long e = tab.offset() + i * tab.entSize();
                long nameOff = u32(e);
                int info;
                int shndx;
                long value;
                long size;
                if (is64) {
                    info = u8(e + 4);
                    shndx = u16(e + 6);
                    value = u64(e + 8);
                    size = u64(e + 16);
                } else {
                    value = addr(e + 4);
                    size = u32(e + 8);
                    info = u8(e + 12);
                    shndx = u16(e + 14);
                }
                String sym = string(str.offset(), str.size(), nameOff, "symbol " + i + " name", str.name());
                String section = null;
                if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE) {
                    if (shndx >= sections.size()) {
                        throw fail("symbol %d%s has section index %d out of range (%d sections)",
                                i, sym.isEmpty() ? "" : " (" + sym + ")", shndx, sections.size());
                    }
                    section = sections.get(shndx).name();
                }
                out.add(new ElfSymbol(sym, value, size, info & 0xf, info >>> 4, section));
            }
            return out;
        }

        // ---- primitive, bounds-checked access ----

        /** True when [off, off+size) lies inside the file (unsigned, overflow-safe). */
        private boolean fits(long off, long size) {
            return Long.compareUnsigned(off, b.length) <= 0 && Long.compareUnsigned(size, b.length - off) <= 0;
        }

        /** NUL-terminated string at {@code tabOff + rel}, which must lie inside the table. */
        private String string(long tabOff, long tabSize, long rel, String what, String table)
                throws ElfFormatException {
            if (Long.compareUnsigned(rel, tabSize) >= 0) {
                if (rel == 0 && tabSize == 0) return "";
                throw fail("%s offset 0x%x is outside %s", what, rel, table);
            }
            int start = (int) (tabOff + rel);
            int end = (int) (tabOff + tabSize);
            int p = start;
            while (p < end && b[p] != 0) p++;
            if (p == end) throw fail("%s at offset 0x%x in %s is not NUL-terminated", what, rel, table);
            return new String(b, start, p - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private void need(long off, int n) throws ElfFormatException {
            if (!fits(off, n)) throw fail("truncated: read of %d bytes at offset 0x%x is past end of file", n, off);
        }

        private int u8(long off) throws ElfFormatException {
            need(off, 1);
            return b[(int) off] & 0xff;
        }

        private int u16(long off) throws ElfFormatException {
            need(off, 2);
            int i = (int) off;
            int x0 = b[i] & 0xff;
            int x1 = b[i + 1] & 0xff;
            return be ? (x0 << 8) | x1 : (x1 << 8) | x0;
        }

        private long u32(long off) throws ElfFormatException {
            need(off, 4);
            int i = (int) off;
            long v = 0;
            for (int k = 0; k < 4; k++) {
                int byteVal = b[i + (be ? k : 3 - k)] & 0xff;
                v = (v << 8) | byteVal;
            }
            return v;
        }

        private long u64(long off) throws ElfFormatException {
            need(off, 8);
            long hi = u32(be ? off : off + 4);
            long lo = u32(be ? off + 4 : off);
            return (hi << 32) | lo;
        }

        /** An address field: 64-bit in ELF64, sign-extended 32-bit in ELF32 (see {@link ElfFile}). */
        private long addr(long off) throws ElfFormatException {
            return is64 ? u64(off) : (long) (int) u32(off);
        }

        /** An offset or size field: 64-bit in ELF64, zero-extended 32-bit in ELF32. */
        private long off(long off) throws ElfFormatException {
            return is64 ? u64(off) : u32(off);
        }
    }
}
