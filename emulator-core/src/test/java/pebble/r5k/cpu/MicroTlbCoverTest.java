package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.isa.Reg.*;

/**
 * A TLB write that covers a page the micro-TLB holds from another entry drops it (Mmu.tlbWritten finds it by
 * its slot): a global entry at index 7 maps VA 0x00200000 to physical 0x40000, a load caches it; TLBWI at
 * index 3 then maps the same page to 0x50000 for ASID 0. The TLB searches from index 0 (Tlb.lookup), so the
 * second load must read 0x50000's word (0x22), not 0x40000's (0x11). Expected values by hand.
 */
class MicroTlbCoverTest {
    private static final int VA = 0x00200000, PA_OLD = 0x40000, PA_NEW = 0x50000;

    private static int entryLo(int pa, boolean global) {
        return (pa >>> 12) << 6 | 3 << 3 | 0x6 | (global ? 1 : 0); // C = 3, D, V
    }

    private static TestCode write(TestCode t, int index, int pa, boolean global) {
        t.li(T0, VA).i(Op.MTC0, T0, Cp0Reg.ENTRYHI) // ASID 0
                .li(T0, entryLo(pa, global)).i(Op.MTC0, T0, Cp0Reg.ENTRYLO0)
                .li(T0, entryLo(pa + 0x1000, global)).i(Op.MTC0, T0, Cp0Reg.ENTRYLO1)
                .li(T0, index).i(Op.MTC0, T0, Cp0Reg.INDEX);
        return t.i(Op.TLBWI);
    }

    @Test
    void aTlbWriteCoveringACachedPageDropsIt() {
        TestCode t = new TestCode().i(Op.MTC0, ZERO, Cp0Reg.PAGEMASK);
        write(t, 7, PA_OLD, true).li(T1, VA).i(Op.LW, T2, 0, T1);
        write(t, 3, PA_NEW, false).i(Op.LW, T3, 0, T1).haltWith(T3);
        for (boolean timed : new boolean[] {false, true}) {
            Machine m = t.machine(true);
            if (timed) m.enableTiming(TimingTable.defaults(), null);
            m.writeWords(0x80000000L | PA_OLD, new int[] {0x11});
            m.writeWords(0x80000000L | PA_NEW, new int[] {0x22});
            m.start(TestCode.CODE);
            m.run(100_000);
            String loop = timed ? "timed" : "functional";
            assertEquals(0x11, m.cpu().gpr[T2], loop);
            assertEquals(0x22, m.cpu().exitStatus, loop);
        }
    }
}
