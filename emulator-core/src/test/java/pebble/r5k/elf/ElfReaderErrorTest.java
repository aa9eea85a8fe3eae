package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One test per diagnostic: each patches a field of the big-endian o32 fixture and checks the exact message.
 * Fixture layout (readelf -l): program headers at 0x34 are ABIFLAGS, REGINFO, LOAD, LOAD, GNU_STACK.
 */
class ElfReaderErrorTest {
    private static final int PHOFF = 0x34;
    private static final int PHDR = 32;

    private static byte[] o32() { return Fixtures.bytes(Fixtures.O32_BE); }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, long v) {
        for (int k = 0; k < 4; k++) b[off + k] = (byte) (v >>> (24 - 8 * k));
    }

    private static int get32(byte[] b, int off) {
        return ElfReaderFixtureTest.word(b, off, true);
    }

    private static void expect(byte[] b, String message) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(b, "x.elf"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void badMagicAndIdent() {
        expect(new byte[0], "x.elf: not an ELF file (empty)");
        expect("#!/bin/sh\n".getBytes(), "x.elf: not an ELF file (bad magic)");
        expect(new byte[] {0x7f, 'E'}, "x.elf: truncated ELF header (2 bytes)");
        expect(Arrays.copyOf(o32(), 10), "x.elf: truncated ELF header (10 bytes)");
        byte[] b = o32();
        b[4] = 3;
        expect(b, "x.elf: unknown ELF class 3");
        b = o32();
        b[5] = 0;
        expect(b, "x.elf: unknown ELF data encoding 0");
        b = o32();
        b[6] = 2;
        expect(b, "x.elf: unsupported ELF version 2 in e_ident");
        expect(Arrays.copyOf(o32(), 40), "x.elf: truncated ELF header (40 bytes, need 52)");
        byte[] n64 = Fixtures.bytes(Fixtures.N64_BE);
        expect(Arrays.copyOf(n64, 60), "x.elf: truncated ELF header (60 bytes, need 64)");
    }

    @Test
    void notMips() {
        byte[] b = o32();
        put16(b, 18, 62);
        expect(b, "x.elf: not a MIPS image (e_machine 62); build it with a MIPS toolchain such as mips-linux-gnu-gcc");
    }

    @Test
    void badVersion() {
        byte[] b = o32();
        put32(b, 20, 0);
        expect(b, "x.elf: unsupported ELF version 0 in e_version");
    }

    @Test
    void notExecutable() {
        byte[] b = o32();
        put16(b, 16, 1);
        expect(b, "x.elf: ELF type 1 (relocatable) cannot be run; link it first");
        put16(b, 16, 4);
        expect(b, "x.elf: ELF type 4 (core file) cannot be run");
        put16(b, 16, 0xfe00);
        expect(b, "x.elf: ELF type 65024 (unknown) cannot be run");
    }

    private static byte[] withFlags(long flags) {
        byte[] b = o32();
        put32(b, 36, flags);
        return b;
    }

    @Test
    void unsupportedIsaLevels() {
        expect(withFlags(0x90001101L), "x.elf: MIPS32r6 images are not supported by the R5000, a MIPS IV CPU:"
                + " release 6 reuses MIPS IV encodings; build with -march=r5000 (e_flags 0x90001101)");
        expect(withFlags(0xa0000001L), "x.elf: MIPS64r6 images are not supported by the R5000, a MIPS IV CPU:"
                + " release 6 reuses MIPS IV encodings; build with -march=r5000 (e_flags 0xa0000001)");
        expect(withFlags(0xb0001101L), "x.elf: unknown MIPS architecture 11 in e_flags 0xb0001101 is not"
                + " supported by the R5000; build with -march=r5000");
    }

    @Test
    void unsupportedAses() {
        expect(withFlags(0x72001101L),
                "x.elf: microMIPS images are not supported by the R5000 (e_flags 0x72001101); build without -mmicromips");
        expect(withFlags(0x34001101L),
                "x.elf: MIPS16 images are not supported by the R5000 (e_flags 0x34001101); build without -mmips16");
        expect(withFlags(0x38001101L),
                "x.elf: MDMX images are not supported by the R5000 (e_flags 0x38001101); build without -mmdmx");
    }

    /**
     * Up to MIPS IV: accepted silently. The supersets of MIPS IV (MIPS V, MIPS32/64 releases 1 and 2; gcc's
     * default -march is mips32r2/mips64r2) are accepted with one warning line (issue 16): the flags say
     * nothing about which instructions the code uses.
     */
    @Test
    void acceptedIsaLevels() throws Exception {
        for (long arch : new long[] {0x00000000L, 0x10000000L, 0x20000000L, 0x30000000L}) {
            ElfFile f = ElfReader.read(withFlags(arch | 0x1101), "x.elf");
            assertEquals((int) (arch | 0x1101), f.flags());
            assertNull(f.isaNote());
        }
        String[] names = {"MIPS V", "MIPS32", "MIPS64", "MIPS32r2", "MIPS64r2"};
        long[] arches = {0x40000000L, 0x50000000L, 0x60000000L, 0x70000000L, 0x80000000L};
        for (int i = 0; i < arches.length; i++) {
            ElfFile f = ElfReader.read(withFlags(arches[i] | 0x1101), "x.elf");
            assertEquals("x.elf: warning: built for " + names[i] + "; the R5000 is MIPS IV, so instructions it lacks"
                    + " raise Reserved Instruction (-march=r5000 avoids them)", f.isaNote());
        }
        assertEquals("ELF32 o32 big-endian MIPS32, entry 0x80010144, 2 segments",
                ElfReader.read(withFlags(0x50001101L), "x.elf").describe());
        assertEquals("ELF32 o32 big-endian MIPS I, entry 0x80010144, 2 segments",
                ElfReader.read(withFlags(0x1101L), "x.elf").describe());
    }

    @Test
    void programHeaderTable() {
        byte[] b = o32();
        put16(b, 44, 200); // e_phnum
        expect(b, "x.elf: truncated program header table at offset 0x34");
        b = o32();
        put32(b, 28, 0x7ffffff0L); // e_phoff
        expect(b, "x.elf: truncated program header table at offset 0x7ffffff0");
        b = o32();
        put16(b, 42, 20); // e_phentsize
        expect(b, "x.elf: bad program header entry size 20 (need 32)");
    }

    @Test
    void segmentPastEndOfFile() {
        byte[] b = o32();
        put32(b, PHOFF + 3 * PHDR + 4, 0x10000); // p_offset of the RW LOAD (program header 3)
        expect(b, "x.elf: segment 3 (LOAD at 0x800111a0) extends past end of file");
        b = o32();
        put32(b, PHOFF + 3 * PHDR + 16, 0x40); // p_filesz 0x40 <= p_memsz 0x50 but beyond the file
        put32(b, PHOFF + 3 * PHDR + 4, b.length - 0x20);
        expect(b, "x.elf: segment 3 (LOAD at 0x800111a0) extends past end of file");
    }

    @Test
    void segmentFileSizeAboveMemSize() {
        byte[] b = o32();
        put32(b, PHOFF + 3 * PHDR + 16, 0x60);
        expect(b, "x.elf: segment 3 (LOAD at 0x800111a0) file size 0x60 exceeds its memory size 0x50");
    }

    @Test
    void segmentWraps() {
        byte[] b = o32();
        put32(b, PHOFF + 3 * PHDR + 8, 0xffffffe0L); // p_vaddr near the top, p_memsz 0x50
        expect(b, "x.elf: segment 3 (LOAD at 0xffffffe0) wraps past the end of the address space");
    }

    @Test
    void positionIndependentWithoutLibrariesIsAccepted() throws Exception {
        byte[] b = o32();
        put16(b, 16, 3);                               // ET_DYN: a PIE, run at its link address
        put32(b, PHOFF + 4 * PHDR, 3);                 // GNU_STACK -> PT_INTERP: harmless without libraries
        assertEquals(3, ElfReader.read(b, "x.elf").type());
    }

    @Test
    void needsSharedLibraries() {
        byte[] b = o32();
        int h = PHOFF + 4 * PHDR;                      // GNU_STACK -> PT_DYNAMIC over the 8 bytes at 0x100
        put32(b, h, 2);
        put32(b, h + 4, 0x100);
        put32(b, h + 16, 8);
        put32(b, 0x100, 1);                            // DT_NEEDED
        put32(b, 0x104, 0);
        expect(b, "x.elf: needs shared libraries (DT_NEEDED); link it with -nostdlib or -static");
    }

    @Test
    void entryOutsideSegments() {
        byte[] b = o32();
        put32(b, 24, 0x80000000L);
        expect(b, "x.elf: entry point 0x80000000 is outside every loadable segment; set it to code of the image (ld -e SYMBOL)");
        b = o32();
        for (int i = 0; i < 5; i++) put32(b, PHOFF + i * PHDR, 0); // every header PT_NULL
        expect(b, "x.elf: no loadable (PT_LOAD) segments; link it into an executable first");
    }

    @Test
    void sectionTable() {
        byte[] b = o32();
        int shoff = get32(b, 32);
        expect(Arrays.copyOf(b, shoff + 100), "x.elf: truncated section header table at offset 0x" +
                Integer.toHexString(shoff));
        b = o32();
        put16(b, 46, 30);
        expect(b, "x.elf: bad section header entry size 30 (need 40)");
        b = o32();
        put16(b, 50, 99);
        expect(b, "x.elf: section name table index 99 out of range (14 sections)");
        b = o32();
        put32(b, shoff + 3 * 40 + 20, 0x100000); // .text sh_size
        expect(b, "x.elf: section 3 (.text) extends past end of file");
        b = o32();
        put32(b, shoff + 3 * 40, 0x10000); // .text sh_name
        expect(b, "x.elf: section 3 name offset 0x10000 is outside section name table");
        b = o32();
        put32(b, shoff + 13 * 40 + 16, 0x10000); // .shstrtab sh_offset
        expect(b, "x.elf: section name table (section 13) extends past end of file");
    }

    @Test
    void symbolTable() {
        int symtab = 11; // readelf -S: [11] .symtab, link 12 (.strtab)
        byte[] b = o32();
        int shoff = get32(b, 32);
        put32(b, shoff + symtab * 40 + 36, 4); // sh_entsize
        expect(b, "x.elf: symbol table .symtab has bad entry size 4 (need 16)");
        b = o32();
        put32(b, shoff + symtab * 40 + 24, 77); // sh_link
        expect(b, "x.elf: symbol table .symtab links to string table section 77, which does not exist");
        b = o32();
        int symOff = get32(b, shoff + symtab * 40 + 16);
        put32(b, symOff + 5 * 16, 0x5000); // symbol 5's st_name
        expect(b, "x.elf: symbol 5 name offset 0x5000 is outside .strtab");
        b = o32();
        put16(b, symOff + 5 * 16 + 14, 0x200); // symbol 5's st_shndx
        expect(b, "x.elf: symbol 5 has section index 512 out of range (14 sections)"); // unnamed section symbol
        b = o32();
        put16(b, symOff + 20 * 16 + 14, 0x300); // symbol 20 is _start
        expect(b, "x.elf: symbol 20 (_start) has section index 768 out of range (14 sections)");
    }

    @Test
    void unterminatedString() {
        byte[] b = o32();
        int shoff = get32(b, 32);
        int strOff = get32(b, shoff + 12 * 40 + 16);
        int strSize = get32(b, shoff + 12 * 40 + 20);
        b[strOff + strSize - 1] = 'x'; // the last name in .strtab loses its NUL
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(b, "x.elf"));
        assertTrue(e.getMessage().matches("x\\.elf: symbol \\d+ name at offset 0x[0-9a-f]+ in \\.strtab is not "
                + "NUL-terminated"), e.getMessage());
    }
}
