package pebble.r5k.bench;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatchers' successor links (cpu.Region.next) enter only the region the region cache would give. In
 * kernel.s the two processes run at one virtual address from different physical pages, with different code
 * (24 and 20 rounds), and the kernel's ERET region goes to each in turn: a link followed without comparing the
 * physical entry would run one process's region on the other's page. In timed mode that region then finds
 * other words in the I-cache and dies (so the cycles stay right and only this host-side count shows it); in
 * functional mode it would run the wrong code. The translated shares before the links were 99.8 % (timed
 * and functional) and 99.2 %, 99.4 % (IPC-dense), with no region dropped.
 */
class KernelDispatchTest {
    @Test
    void successorLinksEnterNoRegionOfTheOtherProcess() {
        for (boolean dense : new boolean[] {false, true}) {
            for (boolean timed : new boolean[] {true, false}) {
                byte[] image = dense ? Workloads.ipcDenseKernelImage(true) : Workloads.kernelImage(true);
                ByteArrayOutputStream console = new ByteArrayOutputStream();
                Machine m = Workloads.load(image, "kernel.s", console);
                if (timed) m.enableTiming(TimingTable.defaults(), null);
                Machine.RunResult r = m.run(Long.MAX_VALUE);
                String how = (dense ? "IPC-dense" : "kernel.s") + (timed ? ", timed" : ", functional");
                assertEquals(dense ? Workloads.IPC_DENSE_OUTPUT : Workloads.KERNEL_OUTPUT, console.toString(), how);
                assertEquals(0, m.translationCounts()[1], how + ": regions dropped");
                double share = m.translatedInstructions() / (double) r.instructions();
                assertTrue(share > 0.99, how + ": translated share " + share);
            }
        }
    }
}
