package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.elf.ElfConstants.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads real gcc/ld output (committed fixtures built from tiny.c) and checks exact values from readelf. */
class ElfReaderFixtureTest {

    @Test
    void o32BigEndian() throws Exception {
        ElfFile f = Fixtures.read(Fixtures.O32_BE);
        assertTrue(f.bigEndian());
        assertFalse(f.is64());
        assertEquals(Abi.O32, f.abi());
        assertEquals(EM_MIPS, f.machine());
        assertEquals(ET_EXEC, f.type());
        assertEquals(0x30001101, f.flags());
        assertEquals(0xffffffff80010144L, f.entry());
        assertEquals("ELF32 o32 big-endian MIPS IV, entry 0x80010144, 2 segments", f.describe());
        checkO32Segments(f);
        // first word of .text (add3: addu a0,a0,a1) sits at file offset 0x110 in segment 0
        assertEquals(0x00852021, word(f.segments().get(0).fileBytes(), 0x110, true));
        checkO32Symbols(f);
    }

    @Test
    void o32LittleEndian() throws Exception {
        ElfFile f = Fixtures.read(Fixtures.O32_LE);
        assertFalse(f.bigEndian());
        assertFalse(f.is64());
        assertEquals(Abi.O32, f.abi());
        assertEquals(0x30001101, f.flags());
        assertEquals(0xffffffff80010144L, f.entry());
        assertEquals("ELF32 o32 little-endian MIPS IV, entry 0x80010144, 2 segments", f.describe());
        checkO32Segments(f);
        assertEquals(0x00852021, word(f.segments().get(0).fileBytes(), 0x110, false));
        byte[] data = f.segments().get(1).fileBytes();
        assertEquals(42, word(data, 0, false)); // int counter = 42
        checkO32Symbols(f);
    }

    private static void checkO32Segments(ElfFile f) {
        List<ElfSegment> s = f.segments();
        assertEquals(2, s.size());
        assertEquals(0xffffffff80010000L, s.get(0).vaddr());
        assertEquals(0xffffffff80010000L, s.get(0).paddr());
        assertEquals(0x1a0, s.get(0).fileBytes().length);
        assertEquals(0x1a0, s.get(0).memSize());
        assertEquals(PF_R | PF_X, s.get(0).flags());
        assertEquals(0xffffffff800111a0L, s.get(1).vaddr());
        assertEquals(0x10, s.get(1).fileBytes().length);
        assertEquals(0x50, s.get(1).memSize());
        assertEquals(PF_R | PF_W, s.get(1).flags());
    }

    private static void checkO32Symbols(ElfFile f) {
        assertEquals(25, f.symbols().size()); // readelf: 26 entries including the null symbol
        assertEquals(new ElfSymbol("add3", 0xffffffff80010110L, 12, STT_FUNC, STB_GLOBAL, ".text"),
                f.findSymbol("add3"));
        assertEquals(new ElfSymbol("sum", 0xffffffff8001011cL, 40, STT_FUNC, STB_GLOBAL, ".text"),
                f.findSymbol("sum"));
        assertEquals(new ElfSymbol("msg", 0xffffffff80010190L, 14, STT_OBJECT, STB_LOCAL, ".rodata"),
                f.findSymbol("msg"));
        assertEquals(new ElfSymbol("scratch", 0xffffffff800111b0L, 64, STT_OBJECT, STB_GLOBAL, ".bss"),
                f.findSymbol("scratch"));
        assertEquals(new ElfSymbol("tiny.c", 0, 0, STT_FILE, STB_LOCAL, null), f.findSymbol("tiny.c"));
        assertNull(f.findSymbol("nope"));
        // add3 and _ftext share 0x80010110: the FUNC wins. objdump prints <sum+0x20> for 0x8001013c.
        assertEquals("add3", f.symbolAt(0x80010110L).name());
        assertEquals("sum+0x20", f.labelFor(0x8001013cL));
        assertEquals("sum+0x20", f.labelFor(0xffffffff8001013cL));
        assertEquals("_start", f.labelFor(0x80010144L));
        assertNull(f.symbolAt(0x80010114L));
        assertNull(f.symbolFor(0x80010000L)); // below the first label: section symbols do not count
    }

    @Test
    void o32Sections() throws Exception {
        ElfFile f = Fixtures.read(Fixtures.O32_BE);
        assertEquals(14, f.sections().size());
        ElfSectionInfo text = f.section(".text");
        assertEquals(3, text.index());
        assertEquals(SHT_PROGBITS, text.type());
        assertEquals(SHF_ALLOC | SHF_EXECINSTR, text.flags());
        assertEquals(0xffffffff80010110L, text.addr());
        assertEquals(0x110, text.offset());
        assertEquals(0x80, text.size());
        assertEquals(16, text.align());
        byte[] code = text.bytes();
        assertEquals(0x80, code.length);
        assertEquals(0x03e00008, word(code, 4, true)); // jr ra
        ElfSectionInfo bss = f.section(".bss");
        assertEquals(SHT_NOBITS, bss.type());
        assertEquals(0x40, bss.size());
        assertEquals(0, bss.bytes().length);
        assertEquals("hello, pebble\0\0\0", new String(f.section(".rodata").bytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(SHT_NULL, f.sections().get(0).type());
        assertEquals("", f.sections().get(0).name());
        assertNull(f.section(".nothere"));
    }

    @Test
    void n32() throws Exception {
        ElfFile f = Fixtures.read(Fixtures.N32_BE);
        assertFalse(f.is64());
        assertEquals(Abi.N32, f.abi());
        assertEquals(0x30000021, f.flags());
        assertEquals(0xffffffff80010148L, f.entry());
        assertEquals("ELF32 n32 big-endian MIPS IV, entry 0x80010148, 2 segments", f.describe());
        assertEquals(0xffffffff80010120L, f.findSymbol("sum").value());
        assertEquals("_start", f.symbolAt(0x80010148L).name());
    }

    @Test
    void n64() throws Exception {
        ElfFile f = Fixtures.read(Fixtures.N64_BE);
        assertTrue(f.is64());
        assertTrue(f.bigEndian());
        assertEquals(Abi.N64, f.abi());
        assertEquals(0x30000001, f.flags());
        assertEquals(0xffffffff80010198L, f.entry());
        assertEquals("ELF64 n64 big-endian MIPS IV, entry 0xffffffff80010198, 2 segments", f.describe());
        List<ElfSegment> s = f.segments();
        assertEquals(2, s.size());
        assertEquals(0xffffffff80010000L, s.get(0).vaddr());
        assertEquals(0x220, s.get(0).fileBytes().length);
        assertEquals(0xffffffff80011220L, s.get(1).vaddr());
        assertEquals(0x10, s.get(1).fileBytes().length);
        assertEquals(0x50, s.get(1).memSize());
        assertEquals(new ElfSymbol("_start", 0xffffffff80010198L, 116, STT_FUNC, STB_GLOBAL, ".text"),
                f.findSymbol("_start"));
        assertEquals(new ElfSymbol("counter", 0xffffffff80011220L, 4, STT_OBJECT, STB_GLOBAL, ".data"),
                f.findSymbol("counter"));
        assertEquals("add3+0x4", f.labelFor(0xffffffff80010164L));
        // In a 64-bit image a zero-extended address is a different address.
        assertNull(f.symbolFor(0x80010164L));
        assertEquals(0xffffffff80010160L, f.section(".text").addr());
    }

    @Test
    void relocatableObjectIsRefusedByReadButInspectable() throws Exception {
        byte[] obj = Fixtures.bytes(Fixtures.O32_OBJ);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(obj, "tiny.o"));
        assertEquals("tiny.o: ELF type 1 (relocatable) cannot be run; link it first", e.getMessage());
        ElfFile f = ElfReader.inspect(obj, "tiny.o");
        assertEquals(ET_REL, f.type());
        assertEquals(0, f.segments().size());
        assertEquals("ELF32 o32 big-endian MIPS IV relocatable, entry 0x0, 0 segments", f.describe());
        assertEquals(0x80, f.section(".text").bytes().length);
        assertEquals("sum+0x8", f.labelFor(0x14)); // sum follows add3 (12 bytes) in .text
    }

    @Test
    void readFromPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = dir.resolve("hello.elf");
        java.nio.file.Files.write(p, Fixtures.bytes(Fixtures.O32_LE));
        assertEquals(p.toString(), ElfReader.read(p).displayName());
        java.nio.file.Files.write(p, new byte[] {1, 2, 3, 4});
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfReader.read(p));
        assertEquals(p + ": not an ELF file (bad magic)", e.getMessage());
    }

    static int word(byte[] b, int off, boolean be) {
        int v = 0;
        for (int k = 0; k < 4; k++) v = (v << 8) | (b[off + (be ? k : 3 - k)] & 0xff);
        return v;
    }
}
