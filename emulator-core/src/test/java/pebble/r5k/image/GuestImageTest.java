package pebble.r5k.image;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.Assembler;
import pebble.r5k.elf.Abi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The public image API and the monitor's placement rule on committed gcc-built images (no tool needed):
 * {@code resources/elf/loader/emptytlb-*.elf} are {@code emptytlb.c} linked with plain {@code -Ttext} in KSEG0
 * by {@code mips-linux-gnu-gcc -O2 -ffreestanding -nostdlib -static -Wl,-z,max-page-size=0x1000} (o32 BE,
 * n32 LE, n64 BE), so each has GNU ld's headers-only segment at the ABI's default base in kuseg (or xuseg);
 * {@code emptytlb-n64-le-xuseg.elf} is the same source at gcc's default n64 base, 0x120000000.
 */
class GuestImageTest {
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = GuestImageTest.class.getResourceAsStream("/elf/loader/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static Machine.RunResult run(GuestImage image) {
        Machine m = Machine.create(image.bigEndian(), Machine.DEFAULT_RAM_BYTES, new ByteArrayOutputStream(), null);
        image.loadInto(m);
        return m.run(1_000_000);
    }

    /**
     * The program finds Wired = 0, no TLB entry for kuseg, its data and BSS as linked, then takes a TLB
     * refill on its first kuseg load (exit 123 through the monitor's vector). Before the rule looked at
     * sections, the o32 image got 8 wired entries (exit 23: Wired, and probes of 0, 0x400000 and 0x3c00000
     * hit) and the n32 and n64 images were refused.
     */
    @Test
    void kseg0ImagesWithAHeadersSegmentInKusegStartWithAnEmptyTlb() throws IOException {
        for (String f : new String[] {"emptytlb-o32-be.elf", "emptytlb-n32-le.elf", "emptytlb-n64-be.elf"}) {
            GuestImage image = GuestImage.fromElf(f, fixture(f));
            assertEquals(Placement.KSEG, image.placement(), f);
            Machine.RunResult r = run(image);
            assertTrue(r.halted(), f);
            assertEquals(123, r.exitStatus(), f + ": " + r.detail());
            assertTrue(r.detail().contains("TLBL") && r.detail().contains("BadVAddr 0x400000"), f + ": " + r.detail());
        }
    }

    /** gcc's default link (a PIE at 0, code and data in kuseg) still runs through the monitor's wired entries. */
    @Test
    void kusegImagesStillGetTheWiredMapping() throws IOException {
        byte[] bytes;
        try (InputStream in = GuestImageTest.class.getResourceAsStream("/run/pie-hello-be.elf")) {
            bytes = in.readAllBytes();
        }
        GuestImage image = GuestImage.fromElf("pie.elf", bytes);
        assertEquals(Placement.KUSEG, image.placement());
        Machine m = Machine.create(true, Machine.DEFAULT_RAM_BYTES, new ByteArrayOutputStream(), null);
        image.loadInto(m);
        assertEquals(8, m.cpu().cp0.wired, "64 MB - 4 MB in pairs of 4 MB pages");
    }

    @Test
    void abiByteOrderAndWarningComeFromTheElfHeader() throws Exception {
        GuestImage n32 = GuestImage.fromElf("n32.elf", fixture("emptytlb-n32-le.elf"));
        assertEquals(Abi.N32, n32.abi());
        assertFalse(n32.bigEndian());
        assertEquals(1, n32.warnings().size());
        assertTrue(n32.warnings().get(0).startsWith("n32.elf: warning: built for MIPS64r2"), n32.warnings().get(0));
        GuestImage ours = GuestImage.fromProgram("t.s", assemble("_start: jr $ra\n li $v0, 7\n"));
        assertEquals(java.util.List.of(), ours.warnings(), "our assembler marks MIPS IV");
    }

    /**
     * A release-2 flag alone does not refuse an image (the fixtures above are MIPS32r2/MIPS64r2 and run), but a
     * release-2 instruction the R5000 lacks still raises Reserved Instruction: SEB (SPECIAL3, opcode 31) and
     * ROTR (SRL with rs = 1).
     */
    @Test
    void release2InstructionsRaiseReservedInstruction() throws Exception {
        for (String word : new String[] {"0x7c041420", "0x00221042"}) {   // seb v0,a0; rotr v0,v0,1
            GuestImage image = GuestImage.fromProgram("r2.s", assemble("_start: .word " + word + "\n jr $ra\n nop\n"));
            Machine.RunResult r = run(image);
            assertEquals(123, r.exitStatus(), word + ": " + r.detail());
            assertTrue(r.detail().contains(": RI,"), word + ": " + r.detail());
        }
    }

    @Test
    void symbolsNameAddressesAsTheCpuSeesThem() throws IOException {
        GuestImage image = GuestImage.fromElf("e.elf", fixture("emptytlb-o32-be.elf"));
        assertEquals(0xffffffff80100000L, image.entry());
        long data = image.symbols().get("data_word");
        assertEquals(data, image.symbol("data_word").orElseThrow());
        assertEquals(0xffffffff80101110L, data, "readelf -s: 80101110 data_word");
        assertTrue(image.symbols().containsKey("__start"));
        assertTrue(image.symbol("no_such_symbol").isEmpty());
    }

    @Test
    void bssIsZeroedEvenOverOldContents() throws Exception {
        GuestImage image = GuestImage.fromProgram("bss.s", assemble(
                ".text\n_start: la $t0, buf\n lw $v0, 12($t0)\n jr $ra\n nop\n .bss\nbuf: .space 16\n"));
        Machine m = Machine.create(true, Machine.DEFAULT_RAM_BYTES, new ByteArrayOutputStream(), null);
        long buf = image.symbol("buf").orElseThrow();
        m.writeWords(buf, new int[] {1, 2, 3, 4});
        image.loadInto(m);
        Machine.RunResult r = m.run(10_000);
        assertEquals(0, r.exitStatus(), r.detail());
    }

    @Test
    void n64AtGccsDefaultBaseIsRefusedWithTheFlagToUse() throws IOException {
        ImageException e = assertThrows(ImageException.class,
                () -> GuestImage.fromElf("x.elf", fixture("emptytlb-n64-le-xuseg.elf")));
        assertEquals("x.elf: segment 1 (LOAD at 0x120000000) is in xuseg above 4 GB (gcc's default n64 base is"
                + " 0x120000000), which needs the 64-bit addressing Pebble does not model; link it in KSEG0"
                + " (e.g. -Ttext=0xffffffff80100000)", e.getMessage());
    }

    @Test
    void aSegmentPastRamSaysWhereItEnds() throws IOException {
        GuestImage image = GuestImage.fromElf("e.elf", fixture("emptytlb-o32-be.elf"));
        Machine m = Machine.create(true, 1L << 20, new ByteArrayOutputStream(), null);
        ImageException e = assertThrows(ImageException.class, () -> image.loadInto(m));
        assertEquals("e.elf: segment 3 (LOAD at 0x80100000) ends at physical 0x100110, past the 1 MB of RAM;"
                + " link it lower in KSEG0 or give the machine more RAM (--ram-mb)", e.getMessage());
    }

    @Test
    void theMachineMustHaveTheImagesByteOrder() throws IOException {
        GuestImage image = GuestImage.fromElf("e.elf", fixture("emptytlb-n32-le.elf"));
        Machine m = Machine.create(true, Machine.DEFAULT_RAM_BYTES, new ByteArrayOutputStream(), null);
        ImageException e = assertThrows(ImageException.class, () -> image.loadInto(m));
        assertTrue(e.getMessage().startsWith("e.elf: a little-endian image cannot run on a big-endian machine"), e.getMessage());
    }

    private static pebble.r5k.asm.AssembledProgram assemble(String src) throws Exception {
        return Assembler.assembleString("t.s", src, AsmOptions.defaults());
    }
}
