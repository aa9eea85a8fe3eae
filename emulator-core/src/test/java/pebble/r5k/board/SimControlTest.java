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
    void cycleCounterHalves() {
        clock.cycle = 0x0000_0012_8765_4321L;
        assertEquals(0x8765_4321, sc.read(SimControl.CYCLE_LO, 4));
        assertEquals(0x12, sc.read(SimControl.CYCLE_HI, 4));
        assertEquals(0, sc.read(SimControl.EXIT, 4));
        assertEquals(0, sc.read(0xC, 4));
    }
}
