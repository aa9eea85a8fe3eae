package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.elf.ElfConstants.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ElfWriter output read back by ElfReader: same segments, sections, symbols, entry. */
class ElfWriterTest {
    private static final long SX = 0xffffffff00000000L; // ELF32 addresses come back sign-extended

    @Test
    void defaultFlagsMatchGnuAs() {
        // mips-linux-gnu-as -march=r5000 -mabi=32 (binutils 2.40) on an empty file: 0x30001100
        assertEquals(0x30001100, DEFAULT_FLAGS_O32);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void roundTrip(boolean bigEndian) throws Exception {
        byte[] image = SampleImage.write(bigEndian);
        ElfFile f = ElfReader.read(image, "out.elf");
        assertEquals(bigEndian, f.bigEndian());
        assertFalse(f.is64());
        assertEquals(Abi.O32, f.abi());
        assertEquals(ET_EXEC, f.type());
        assertEquals(EM_MIPS, f.machine());
        assertEquals(DEFAULT_FLAGS_O32, f.flags());
        assertEquals(SX | SampleImage.TEXT, f.entry());
        assertEquals("ELF32 o32 " + (bigEndian ? "big" : "little")
                + "-endian MIPS IV, entry 0x80010000, 3 segments", f.describe());

        assertEquals(List.of(
                new ElfSegment(SX | SampleImage.TEXT, SX | SampleImage.TEXT,
                        SampleImage.words(bigEndian, SampleImage.CODE), 12, PF_R | PF_X),
                new ElfSegment(SX | SampleImage.DATA, SX | SampleImage.DATA,
                        SampleImage.words(bigEndian, 0x2a), 4, PF_R | PF_W),
                new ElfSegment(SX | SampleImage.BSS, SX | SampleImage.BSS, new byte[0], 0x40, PF_R | PF_W)),
                f.segments());

        // locals first, in the order given, then globals/weak in the order given
        assertEquals(List.of(
                new ElfSymbol("1$done", SX | (SampleImage.TEXT + 4), 0, STT_NOTYPE, STB_LOCAL, ".text"),
                new ElfSymbol("buf", SX | SampleImage.BSS, 0x40, STT_OBJECT, STB_LOCAL, ".bss"),
                new ElfSymbol("UART_BASE", SX | 0xbc000000L, 0, STT_NOTYPE, STB_LOCAL, null),
                new ElfSymbol("add", SX | SampleImage.TEXT, 12, STT_FUNC, STB_GLOBAL, ".text"),
                new ElfSymbol("counter", SX | SampleImage.DATA, 4, STT_OBJECT, STB_GLOBAL, ".data"),
                new ElfSymbol("weakling", SX | (SampleImage.TEXT + 8), 0, STT_NOTYPE, STB_WEAK, ".text")),
                f.symbols());

        List<String> names = f.sections().stream().map(ElfSectionInfo::name).toList();
        assertEquals(List.of("", ".text", ".data", ".bss", ".symtab", ".strtab", ".shstrtab"), names);
        ElfSectionInfo symtab = f.section(".symtab");
        assertEquals(SHT_SYMTAB, symtab.type());
        assertEquals(5, symtab.link());
        assertEquals(4, symtab.info()); // null + 3 locals
        assertEquals(SYM32_SIZE, symtab.entSize());
        for (int i = 1; i <= 3; i++) {
            ElfSection want = SampleImage.sections(bigEndian).get(i - 1);
            ElfSectionInfo got = f.sections().get(i);
            assertEquals(want.type(), got.type());
            assertEquals(want.flags(), got.flags());
            assertEquals(SX | want.addr(), got.addr());
            assertEquals(want.size(), got.size());
            assertEquals(want.align(), got.align());
            assertArrayEquals(want.data() == null ? new byte[0] : want.data(), got.bytes());
        }
        assertEquals("add+0x2", f.labelFor(SampleImage.TEXT + 2));
        assertEquals("1$done", f.labelFor(SampleImage.TEXT + 4)); // the nearest label, even a local one
        assertEquals("weakling", f.labelFor(SampleImage.TEXT + 8));
        assertEquals("buf+0x3c", f.labelFor(SampleImage.BSS + 0x3c));
    }

    @Test
    void segmentOffsetsAreCongruentToAddressesModuloPage() throws Exception {
        byte[] image = SampleImage.write(true);
        ElfFile f = ElfReader.read(image, "out.elf");
        for (ElfSectionInfo s : f.sections()) {
            if (s.isAlloc()) assertEquals(s.addr() & 0xfff, s.offset() & 0xfff, s.name());
        }
        // program headers: p_offset ≡ p_vaddr (mod p_align = 0x1000)
        for (int i = 0; i < 3; i++) {
            int h = 52 + 32 * i;
            int off = ElfReaderFixtureTest.word(image, h + 4, true);
            int vaddr = ElfReaderFixtureTest.word(image, h + 8, true);
            int align = ElfReaderFixtureTest.word(image, h + 28, true);
            assertEquals(0x1000, align);
            assertEquals(vaddr & 0xfff, off & 0xfff);
        }
    }

    @Test
    void acceptsSignExtendedAddressesAndNoSymbols() throws Exception {
        byte[] code = SampleImage.words(true, 0x03e00008, 0);
        byte[] image = ElfWriter.writeExecutable(true, 0xffffffff80020000L, DEFAULT_FLAGS_O32,
                List.of(new ElfSection(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0xffffffff80020000L,
                        code, 8, 4)), List.of());
        ElfFile f = ElfReader.read(image, "a.elf");
        assertEquals(0xffffffff80020000L, f.entry());
        assertEquals(1, f.segments().size());
        assertEquals(0, f.symbols().size());
        assertEquals(1, f.section(".symtab").info());
    }

    @Test
    void nonAllocSectionsGetNoSegment() throws Exception {
        byte[] note = "built by pebble\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<ElfSection> secs = new java.util.ArrayList<>(SampleImage.sections(false));
        secs.add(new ElfSection(".comment", SHT_PROGBITS, 0, 0, note, note.length, 1));
        byte[] image = ElfWriter.writeExecutable(false, SampleImage.TEXT, DEFAULT_FLAGS_O32, secs, List.of());
        ElfFile f = ElfReader.read(image, "c.elf");
        assertEquals(3, f.segments().size());
        assertArrayEquals(note, f.section(".comment").bytes());
    }

    @Test
    void rejectsBadInput() {
        byte[] four = new byte[4];
        assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(true, 0x1_0000_0000L,
                DEFAULT_FLAGS_O32, List.of(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(
                true, 0, DEFAULT_FLAGS_O32, List.of(
                        new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x1000, four, 4, 4),
                        new ElfSection(".b", SHT_NOBITS, SHF_ALLOC, 0x1002, null, 4, 2)), List.of()));
        assertEquals("sections .a and .b overlap", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(true, 0,
                DEFAULT_FLAGS_O32, List.of(new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x1000, four, 8, 4)),
                List.of()));
        assertEquals("section .a: data length must equal size 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(true, 0,
                DEFAULT_FLAGS_O32, List.of(new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x1000, four, 4, 4)),
                List.of(new ElfSymbol("x", 0x1000, 0, STT_NOTYPE, STB_GLOBAL, ".text"))));
        assertEquals("symbol x: unknown section .text", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(true, 0,
                DEFAULT_FLAGS_O32, List.of(new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x1001, four, 4, 4)),
                List.of()));
        assertEquals("section .a: address 0x1001 not aligned to 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ElfWriter.writeExecutable(true, 0,
                DEFAULT_FLAGS_O32, List.of(
                        new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x1000, four, 4, 4),
                        new ElfSection(".a", SHT_PROGBITS, SHF_ALLOC, 0x2000, four, 4, 4)), List.of()));
        assertEquals("duplicate section .a", e.getMessage());
    }
}
