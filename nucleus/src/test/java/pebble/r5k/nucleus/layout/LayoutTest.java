package pebble.r5k.nucleus.layout;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The layout checks of the architecture guide §6: alignment, no overlap, sizes fit shifts, names unique. */
class LayoutTest {

    @Test
    void everyFieldIsAlignedInsideItsStructAndNoTwoOverlap() {
        for (Struct s : NucleusLayout.STRUCTS) {
            int end = 0;
            for (Field f : s.fields()) {
                assertEquals(0, f.offset() % f.width().bytes, s.name() + "." + f.name() + " misaligned");
                assertTrue(f.offset() >= end, s.name() + "." + f.name() + " overlaps the previous field");
                end = f.end();
            }
            assertTrue(end <= s.sizeBytes(), s.name() + " fields run past its size");
            assertEquals(0, s.sizeBytes() % s.align(), s.name() + " size is not a multiple of its alignment");
        }
    }

    @Test
    void indexedStructsHaveAPowerOfTwoSizeMatchingTheirShift() {
        for (Struct s : NucleusLayout.STRUCTS) {
            if (s.isIndexed()) assertEquals(s.sizeBytes(), 1 << s.shift(), s.name());
        }
        assertEquals(3, NucleusLayout.PORTAL_ENTRY.shift(), "PortalEntry is two words (docs/nucleus.md)");
        assertEquals(8, NucleusLayout.PORTAL_ENTRY.sizeBytes());
    }

    @Test
    void offsetsComeFromDeclarationOrderAndWidths() {
        // Thread: twelve 4-byte fields in order, padded to 64 for indexing.
        Struct t = NucleusLayout.THREAD;
        assertEquals(0, t.offset("PORTAL_TABLE"));
        assertEquals(8, t.offset("INVSP"));
        assertEquals(44, t.offset("HOME_DOMAIN"));
        assertEquals(64, t.sizeBytes());
        // InvocationFrame: 11 words, then REGS[32] at 44, then HI, LO, STATUS: 44 + 128 + 12 = 184, 8-aligned.
        Struct f = NucleusLayout.INVFRAME;
        assertEquals(44, f.offset("REGS"));
        assertEquals(172, f.offset("HI"));
        assertEquals(184, f.sizeBytes());
        // Domain: nine words then NAME[16] at 36: 52 bytes, padded to 64.
        assertEquals(36, NucleusLayout.DOMAIN.offset("NAME"));
        assertEquals(64, NucleusLayout.DOMAIN.sizeBytes());
    }

    @Test
    void mixedWidthsArePaddedToNaturalAlignment() {
        Struct s = Struct.builder("T", "T", "test").u8("A", "").u32("B", "").u16("C", "").u64("D", "").build();
        assertEquals(0, s.offset("A"));
        assertEquals(4, s.offset("B"));
        assertEquals(8, s.offset("C"));
        assertEquals(16, s.offset("D"));
        assertEquals(24, s.sizeBytes());
        assertEquals(8, s.align());
    }

    @Test
    void bitFieldsMayNotOverlapOrOverflow() {
        assertThrows(IllegalArgumentException.class,
                () -> Struct.builder("T", "T", "").u32("W", "").bitsAt("A", 0, 4, "").bitsAt("B", 3, 2, ""));
        assertThrows(IllegalArgumentException.class, () -> Struct.builder("T", "T", "").u8("W", "").bits("A", 9, ""));
        Struct p = NucleusLayout.PTE;
        Field w = p.field("WORD");
        assertEquals(0x80000000L, w.bits().stream().filter(b -> b.name().equals("WINDOW")).findFirst().orElseThrow().mask());
        assertEquals(0x3FFFFFC0L, w.bits().stream().filter(b -> b.name().equals("PFN")).findFirst().orElseThrow().mask());
    }

    @Test
    void tablesFitTheirAreasAndCountersCoverEveryAsid() {
        assertTrue(NucleusLayout.WINDOW_ACCESS_COUNTERS > NucleusLayout.MAX_DOMAINS, "ASIDs run 1..MAX_DOMAINS");
        assertTrue(NucleusLayout.MAX_DOMAINS + 1 <= 256, "8-bit ASIDs");
        assertTrue(NucleusLayout.PORTAL_FIRST_USER < NucleusLayout.PORTAL_TABLE_ENTRIES);
        // The nucleus image (tables included) must fit below the portal code area: the invocation stacks dominate.
        long invstacks = (long) NucleusLayout.MAX_THREADS * NucleusLayout.INVSTACK_FRAMES * NucleusLayout.INVFRAME.sizeBytes();
        assertTrue(invstacks < 0x80000, "invocation stacks " + invstacks);
    }

    @Test
    void everyAssemblyNameIsDefinedOnce() {
        Set<String> names = new HashSet<>();
        for (String line : (AsmIncludeWriter.layoutInclude() + AsmIncludeWriter.cp0Include()).split("\n")) {
            String t = line.trim();
            if (!t.startsWith(".equ")) continue;
            String name = t.substring(4).trim().split(",")[0];
            assertTrue(names.add(name), "defined twice: " + name);
        }
        assertTrue(names.contains("THREAD_INVSP") && names.contains("INVFRAME_REGS_SHIFT") && names.contains("PORTAL_ENTRY_SHIFT")
                && names.contains("SR_EXL") && names.contains("EXC_SYS") && names.contains("SIMCTL_EXIT"));
    }

    @Test
    void ourAssemblerReadsBothIncludes() throws Exception {
        String src = AsmIncludeWriter.layoutInclude() + AsmIncludeWriter.cp0Include()
                + "        .text\n        .word   INVFRAME_REGS + (31 << INVFRAME_REGS_SHIFT), PORTAL_ENTRY_SHIFT, EXC_SYS\n";
        pebble.r5k.asm.AssembledProgram p = pebble.r5k.asm.Assembler.assembleString("inc", src, pebble.r5k.asm.AsmOptions.defaults());
        byte[] text = p.section(".text").data();
        assertEquals(44 + 124, java.nio.ByteBuffer.wrap(text).getInt(0), "REGS[31]");
        assertEquals(3, java.nio.ByteBuffer.wrap(text).getInt(4));
        assertEquals(8, java.nio.ByteBuffer.wrap(text).getInt(8));
        assertTrue(AsmIncludeWriter.cp0RegsHeader().contains("#define C0_EPC $14"));
    }

    @Test
    void includeIsAsciiAndMarkedGenerated() {
        String inc = AsmIncludeWriter.layoutInclude();
        assertTrue(inc.startsWith("# nucleus-layout.inc - generated"));
        assertTrue(inc.contains("do not edit"));
        assertTrue((inc + AsmIncludeWriter.cp0Include()).chars().allMatch(c -> c < 128), "non-ASCII in an include");
        assertTrue(inc.contains(".equ    THREAD_INVSP,"));
    }
}
