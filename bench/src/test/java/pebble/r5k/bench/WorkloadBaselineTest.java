package pebble.r5k.bench;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark workload's exact counts, timing off and on, both byte orders. A speed change must not move
 * them; a timing-model change that does must update the baseline here and say why in its commit message.
 */
class WorkloadBaselineTest {
    /** Cycles of the workload under the default timing table (same for both byte orders). */
    static final long TIMED_CYCLES = 10_211_473L;

    @Test
    void functionalCounts() {
        for (String image : new String[] {"workload-be.elf", "workload-le.elf"}) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Machine m = Workloads.load(Workloads.resource(image), image, console);
            Machine.RunResult r = m.run(Long.MAX_VALUE);
            assertEquals(0, r.exitStatus(), image);
            assertEquals(Workloads.INTEGER_WORKLOAD_INSTRUCTIONS, r.instructions(), image);
            assertEquals(r.instructions(), r.cycles(), image + ": one cycle per instruction with timing off");
            assertEquals("workload checksum 3bad782f\n", console.toString(), image);
        }
    }

    @Test
    void timedCounts() {
        for (String image : new String[] {"workload-be.elf", "workload-le.elf"}) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Machine m = Workloads.load(Workloads.resource(image), image, console);
            m.enableTiming(TimingTable.defaults(), null);
            Machine.RunResult r = m.run(Long.MAX_VALUE);
            assertEquals(Workloads.INTEGER_WORKLOAD_INSTRUCTIONS, r.instructions(), image);
            assertEquals(TIMED_CYCLES, r.cycles(), image);
            assertEquals("workload checksum 3bad782f\n", console.toString(), image);
        }
    }
}
