package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.cache.L1Cache;
import pebble.r5k.isa.Op;
import pebble.r5k.mem.PhysicalMemory;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Region.linesFound's contract, which Region.linesValid's loop relies on to run at most once: it returns true
 * only after setting linesValidAt to the serial it was given, and false (the region dead) when a line holds
 * other words.
 */
class RegionLinesFoundTest {
    private static final long PA = 0x2000, VA = 0xFFFF_FFFF_8000_2000L;

    @Test
    void trueOnlyWithTheSerialRecorded() {
        PhysicalMemory ram = new PhysicalMemory(1 << 20, true);
        int[] words = {TestCode.enc(Op.ADDIU, V0, V0, 1), TestCode.enc(Op.JR, RA), TestCode.enc(Op.SLL, 0, 0, 0)};
        System.arraycopy(words, 0, ram.words, (int) (PA >>> 2), words.length);
        L1Cache ic = new L1Cache("I", 32 * 1024, ram, false);
        Region r = new RegionCompiler(TimingTable.defaults()).compile(VA, PA, words);

        int now = ic.lastSerial(); // the line absent: no obstacle
        assertTrue(Region.linesFound(r, ic, now));
        assertEquals(now, r.linesValidAt);

        int line = ic.fill(ic.victim(VA), PA); // the line holding the region's words
        assertNotEquals(now, ic.lastSerial());
        now = ic.lastSerial();
        assertTrue(Region.linesFound(r, ic, now));
        assertEquals(now, r.linesValidAt);
        assertFalse(r.dead);

        ram.words[(int) (PA >>> 2)] = TestCode.enc(Op.ADDIU, V0, V0, 2); // refilled with another word
        ic.fill(line, PA);
        long before = r.linesValidAt;
        assertFalse(Region.linesFound(r, ic, ic.lastSerial()));
        assertTrue(r.dead);
        assertEquals(before, r.linesValidAt, "a refused region records no serial");
    }
}
