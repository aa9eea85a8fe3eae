package pebble.r5k.timing;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.TimingClass;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimingTableTest {
    @Test
    void defaultsComeFromTheReference() {
        TimingTable t = TimingTable.defaults();
        assertEquals(2, t.latency[TimingClass.LOAD.ordinal()]);
        assertEquals(5, t.latency[TimingClass.MULT.ordinal()]);
        assertEquals(5, t.repeat[TimingClass.MULT.ordinal()]);
        assertEquals(9, t.repeat[TimingClass.DMULT.ordinal()]);
        assertEquals(36, t.latency[TimingClass.DIV.ordinal()]);
        assertEquals(68, t.repeat[TimingClass.DDIV.ordinal()]);
        assertEquals(3, t.exceptionEntry);
        assertEquals(2, t.exceptionEret);
        assertEquals(2, t.countCyclesPerTick);
        assertEquals(68, t.get("latency.ddiv"));
        assertEquals(4, t.get("latency.fpMulS"));
        // Derived: memory fill = 3 × (10 + 3 × 2) = 48; L2 fill = 3 × (4 + 3 × 1) = 21;
        // uncached read = 3 × 10 = 30; posted write = 3 × 4 = 12; write-back = 3 × (4 + 3 × 2) = 30.
        assertEquals(48, t.memFillCycles);
        assertEquals(21, t.l2FillCycles);
        assertEquals(30, t.uncachedReadCycles);
        assertEquals(12, t.writeCycles);
        assertEquals(30, t.writebackCycles);
        assertEquals(384, t.l2PageInvalidateCycles);
    }

    @Test
    void everyTimingClassHasBothKeysAndEveryParamHasASource() {
        for (TimingClass c : TimingClass.values()) {
            assertNotNull(R5000Timing.get(R5000Timing.latencyKey(c)), c.name());
            assertNotNull(R5000Timing.get(R5000Timing.repeatKey(c)), c.name());
        }
        for (TimingParam p : R5000Timing.params()) {
            assertFalse(p.source().isBlank(), p.key());
            assertFalse(p.unit().isBlank(), p.key());
        }
        assertEquals("latency.fpRsqrtD", R5000Timing.latencyKey(TimingClass.FP_RSQRT_D));
    }

    @Test
    void overridesApplyAndAreMarked() throws Exception {
        TimingTable t = TimingTable.parse("what-if.timing", List.of(
                "# slower DRAM", "mem.firstBeat = 12   # SysClocks", "", "  repeat.mult = 3 cycles", "sysclk.divisor=2"));
        assertEquals(12, t.memFirstBeat);
        assertEquals(3, t.repeat[TimingClass.MULT.ordinal()]);
        assertEquals(5, t.latency[TimingClass.MULT.ordinal()]);
        assertTrue(t.isOverridden("mem.firstBeat"));
        assertFalse(t.isOverridden("mem.nextBeat"));
        // memory fill = 2 × (12 + 3 × 2) = 36
        assertEquals(36, t.memFillCycles);
    }

    private static String error(String... lines) {
        TimingFileException e = assertThrows(TimingFileException.class, () -> TimingTable.parse("t.timing", List.of(lines)));
        assertFalse(e.getMessage().contains("\n"));
        return e.getMessage();
    }

    @Test
    void errorsAreOneLineWithFileAndLine() {
        assertEquals("t.timing:2: unknown timing key 'latency.lod'", error("# x", "latency.lod = 3"));
        assertEquals("t.timing:1: 'three' is not a whole number (latency.load is in cycles)", error("latency.load = three"));
        assertEquals("t.timing:1: unit 'SysClocks' does not match latency.load, which is in cycles",
                error("latency.load = 3 SysClocks"));
        assertEquals("t.timing:1: expected 'key = value', got 'latency.load 3'", error("latency.load 3"));
        assertEquals("t.timing:1: expected 'key = value [unit]' for 'latency.load'", error("latency.load ="));
        assertEquals("t.timing:1: expected 'key = value [unit]' for 'latency.load'", error("latency.load = 1 cycles x"));
        assertEquals("t.timing:1: 'l1d.ways' is a structural fact of the modelled R5000 and cannot be overridden",
                error("l1d.ways = 4"));
        assertEquals("t.timing:1: l1d.sizeBytes = 3000: must be a power of two of at least 1024 bytes",
                error("l1d.sizeBytes = 3000"));
        assertEquals("t.timing:2: 'mem.nextBeat' is set twice", error("mem.nextBeat = 1", "mem.nextBeat = 2"));
        assertEquals("t.timing:1: repeat.div = 0: a repeat rate must be at least 1", error("repeat.div = 0"));
        assertEquals("t.timing:1: l1.restartAfterBeats = 5: must be between 1 and 4 (a line is 4 doubleword beats)",
                error("l1.restartAfterBeats = 5"));
        assertEquals("t.timing:1: sysclk.divisor = -1: out of range", error("sysclk.divisor = -1"));
    }
}
