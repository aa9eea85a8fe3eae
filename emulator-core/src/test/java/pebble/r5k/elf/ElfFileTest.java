package pebble.r5k.elf;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.elf.ElfConstants.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Symbol look-up rules of ElfFile: ordering across the sign boundary, tie-breaks, what counts as a label. */
class ElfFileTest {

    private static ElfFile image(List<ElfSymbol> symbols) throws ElfFormatException {
        byte[] low = new byte[0x20];
        byte[] high = new byte[0x20];
        List<ElfSection> sections = List.of(
                new ElfSection(".low", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0x7fffffe0L, low, 0x20, 4),
                new ElfSection(".high", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0x80000000L, high, 0x20, 4));
        return ElfReader.read(ElfWriter.writeExecutable(true, 0x80000000L, DEFAULT_FLAGS_O32, sections, symbols),
                "t.elf");
    }

    @Test
    void addressesOrderAsTheCpuSeesThem() throws Exception {
        ElfFile f = image(List.of(
                new ElfSymbol("hi", 0x80000000L, 0, STT_FUNC, STB_GLOBAL, ".high"),
                new ElfSymbol("lo", 0x7fffffe0L, 0, STT_FUNC, STB_GLOBAL, ".low")));
        assertEquals("lo+0x1c", f.labelFor(0x7ffffffcL));
        assertEquals("hi", f.labelFor(0x80000000L));
        assertEquals("hi+0x8", f.labelFor(0xffffffff80000008L));
        assertEquals("hi+0x8", f.labelFor(0x80000008L)); // zero-extended query of an ELF32 image
        assertEquals("hi+0x7fff0000", f.labelFor(0xffffffffffff0000L)); // nearest preceding, however far
        assertNull(f.labelFor(0x7fffffdfL));
        assertNull(f.symbolFor(0));
    }

    @Test
    void preferredSymbolAtOneAddress() throws Exception {
        ElfFile f = image(List.of(
                new ElfSymbol("a_local", 0x80000000L, 0, STT_NOTYPE, STB_LOCAL, ".high"),
                new ElfSymbol("b_weak_func", 0x80000000L, 0, STT_FUNC, STB_WEAK, ".high"),
                new ElfSymbol("c_obj", 0x80000000L, 0, STT_OBJECT, STB_GLOBAL, ".high"),
                new ElfSymbol("d_func", 0x80000000L, 0, STT_FUNC, STB_GLOBAL, ".high"),
                new ElfSymbol("e_marker", 0x80000000L, 0, STT_NOTYPE, STB_GLOBAL, ".high")));
        assertEquals("d_func", f.symbolAt(0x80000000L).name());   // FUNC, then GLOBAL over WEAK
        assertEquals("d_func+0x4", f.labelFor(0x80000004L));
        assertNull(f.symbolAt(0x80000004L));
    }

    @Test
    void sectionFileAndAbsoluteSymbolsAreNotLabels() throws Exception {
        ElfFile f = image(List.of(
                new ElfSymbol("", 0x80000000L, 0, STT_SECTION, STB_LOCAL, ".high"),
                new ElfSymbol("x.s", 0, 0, STT_FILE, STB_LOCAL, null),
                new ElfSymbol("ABS_ADDR", 0x80000000L, 0, STT_NOTYPE, STB_GLOBAL, null),
                new ElfSymbol("", 0x80000004L, 0, STT_NOTYPE, STB_LOCAL, ".high")));
        assertNull(f.symbolFor(0x80000010L));
        assertEquals(4, f.symbols().size());
    }

    @Test
    void findSymbolPrefersGlobalDefinitions() throws Exception {
        ElfFile f = image(List.of(
                new ElfSymbol("dup", 0x7fffffe0L, 0, STT_NOTYPE, STB_LOCAL, ".low"),
                new ElfSymbol("dup", 0x80000000L, 0, STT_NOTYPE, STB_WEAK, ".high"),
                new ElfSymbol("only_local", 0x80000004L, 0, STT_NOTYPE, STB_LOCAL, ".high")));
        assertEquals(0xffffffff80000000L, f.findSymbol("dup").value());
        assertEquals(STB_LOCAL, f.findSymbol("only_local").bind());
        assertNull(f.findSymbol("DUP"));
    }

    @Test
    void describeAndToString() throws Exception {
        ElfFile f = image(List.of());
        assertEquals("ELF32 o32 big-endian MIPS IV, entry 0x80000000, 2 segments", f.describe());
        assertEquals("t.elf: ELF32 o32 big-endian MIPS IV, entry 0x80000000, 2 segments", f.toString());
        assertEquals("MIPS IV", f.archName());
        assertEquals("t.elf", f.displayName());
    }

    @Test
    void listsAreImmutable() throws Exception {
        ElfFile f = image(List.of());
        assertThrows(UnsupportedOperationException.class, () -> f.segments().clear());
        assertThrows(UnsupportedOperationException.class, () -> f.symbols().clear());
        assertThrows(UnsupportedOperationException.class, () -> f.sections().clear());
        byte[] a = f.section(".low").bytes();
        a[0] = 9;
        assertEquals(0, f.section(".low").bytes()[0]); // bytes() hands out copies
    }
}
