package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class SmokeTest {
    @Test
    void printsAndHalts() {
        for (boolean be : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Machine m = Machine.create(be, 1 << 20, out, null);
            m.writeWords(0x80001000L, new int[] {
                0x3C08BD00, // lui t0,0xbd00
                0x24090048, // li t1,'H'
                0xA10903F8, // sb t1,0x3f8(t0)
                0x24090069, // li t1,'i'
                0xA10903F8, // sb t1,0x3f8(t0)
                0x3C08BFFF, // lui t0,0xbfff
                0x24090007, // li t1,7
                0xAD090000, // sw t1,0(t0)
                0x1000FFFF, // b .
                0x00000000,
            });
            m.start(0xFFFFFFFF80001000L);
            Machine.RunResult r = m.run(10_000);
            assertTrue(r.halted());
            assertEquals(7, r.exitStatus());
            assertEquals("Hi", out.toString());
            assertEquals(8, r.instructions());
        }
    }
}
