package pebble.r5k.board;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SimControlTest {
    final FakeClock clock = new FakeClock();
    int status = -1;
    final SimControl sc = new SimControl(clock, s -> status = s);

    @Test
    void wordWriteAtZeroHaltsWithLowByte() {
        sc.write(SimControl.EXIT, 4, 0x1234);
        assertEquals(0x34, status);
    }

    @Test
    void otherOffsetsDoNotHalt() {
        sc.write(SimControl.CYCLE_LO, 4, 1);
        sc.write(SimControl.CYCLE_HI, 4, 1);
        sc.write(0xC, 4, 1);
        sc.write(0x3, 1, 1);
        assertEquals(-1, status);
    }

    @Test
    void markerWritesGoToTheListenerAsSignExtendedAddresses() {
        StringBuilder seen = new StringBuilder();
        sc.write(SimControl.MARK_BEGIN, 4, 0x8010_0000); // no listener: nothing happens
        sc.setMarkerListener(new SimControl.MarkerListener() {
            @Override public void markBegin(long va) { seen.append("begin ").append(Long.toHexString(va)).append(';'); }
            @Override public void markEnd(long va) { seen.append("end ").append(Long.toHexString(va)).append(';'); }
        });
        sc.write(SimControl.MARK_BEGIN, 4, 0x8010_0000);
        sc.write(SimControl.MARK_END, 4, 0);
        sc.write(SimControl.MARK_BEGIN, 1, 0x10); // only word stores count
        sc.write(0x14, 4, 1);                     // reserved
        assertEquals("begin ffffffff80100000;end 0;", seen.toString());
        assertEquals(-1, status);
        assertEquals(0, sc.read(SimControl.MARK_BEGIN, 4));
        assertEquals(0, sc.read(SimControl.MARK_END, 4));
    }

    @Test
    void cycleCounterHalves() {
        clock.cycle = 0x0000_0012_8765_4321L;
        assertEquals(0x8765_4321, sc.read(SimControl.CYCLE_LO, 4));
        assertEquals(0x12, sc.read(SimControl.CYCLE_HI, 4));
        assertEquals(0, sc.read(SimControl.EXIT, 4));
        assertEquals(0, sc.read(0xC, 4));
    }
}
