package pebble.r5k.cpu;

import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a timed test's code a second time with every block translated at its first execution
 * (docs/translator.md) and checks the run ends as the interpreted one did: exit status, cycles, every
 * counter and the registers.
 */
final class TranslatedTwin {
    private TranslatedTwin() {}

    static void assertSameAsTranslated(Machine interpreted, TestCode t, long maxCycles) {
        Machine tr = t.machine(true);
        tr.enableTiming(TimingTable.defaults(), null, 1);
        tr.run(maxCycles);
        assertEquals(interpreted.cpu().exitStatus, tr.cpu().exitStatus, "exit status with translation");
        assertEquals(interpreted.cpu().cycle, tr.cpu().cycle, "cycles with translation");
        assertArrayEquals(interpreted.stats().totals(), tr.stats().totals(), "counters with translation");
        assertArrayEquals(interpreted.cpu().gpr, tr.cpu().gpr, "registers with translation");
    }
}
