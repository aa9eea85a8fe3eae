package pebble.r5k.board;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.*;

class BootRomTest {
    @Test
    void stubEncodings() {
        int[] w = BootRom.stub(BootRom.RESET_EXIT);
        assertArrayEquals(new int[] {0x3C1ABFFF, 0x341B007A, 0xAF5B0000, 0x1000FFFF, 0x00000000}, w);
        assertSame(Op.LUI, Decoder.decode(w[0]));
        assertSame(Op.ORI, Decoder.decode(w[1]));
        assertSame(Op.SW, Decoder.decode(w[2]));
        assertSame(Op.BEQ, Decoder.decode(w[3]));
        assertSame(Op.SLL, Decoder.decode(w[4]));
    }

    @Test
    void defaultRomHasStubsAtResetAndBevVectorsInBothEndiannesses() {
        for (boolean be : new boolean[] {true, false}) {
            BootRom rom = new BootRom(BootRom.defaultImage(be), be);
            assertEquals(0x341B0000 | BootRom.RESET_EXIT, rom.read(4, 4));
            for (int v : BootRom.EXCEPTION_VECTORS) {
                assertEquals(0x3C1ABFFF, rom.read(v, 4), "vector " + v);
                assertEquals(0x341B0000 | BootRom.EXCEPTION_EXIT, rom.read(v + 4, 4), "vector " + v);
            }
            assertEquals(0, rom.read(0x420, 4));
            assertEquals(0, rom.read(BootRom.SIZE - 4, 4));
        }
    }

    @Test
    void bytesAreInMemoryOrder() {
        byte[] img = {0x11, 0x22, 0x33, 0x44};
        BootRom be = new BootRom(img, true), le = new BootRom(img, false);
        assertEquals(0x11223344, be.read(0, 4));
        assertEquals(0x44332211, le.read(0, 4));
        assertEquals(0x3344, be.read(2, 2));
        assertEquals(0x4433, le.read(2, 2));
        assertEquals(0x22, be.read(1, 1));
        assertEquals(0x22, le.read(1, 1));
    }

    @Test
    void writesAreIgnored() {
        BootRom rom = new BootRom(new byte[] {1, 2, 3, 4}, true);
        rom.write(0, 4, 0xFFFFFFFF);
        assertEquals(0x01020304, rom.read(0, 4));
    }

    @Test
    void oversizedImageRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BootRom(new byte[BootRom.SIZE + 1], true));
        assertEquals("boot ROM image is 524289 bytes; the ROM holds 524288", e.getMessage());
    }

    @Test
    void ledDisplayOrder() {
        LedDisplay led = new LedDisplay("led1", 4);
        // Character x at +((3-x)*4): "NBSD" as NetBSD's led_display('N','B','S','D') would write it.
        led.write(12, 4, 'N');
        led.write(8, 4, 'B');
        led.write(4, 4, 'S');
        led.write(0, 4, 'D');
        assertEquals("NBSD", led.text());
        assertEquals('S', led.read(4, 4));
    }
}
