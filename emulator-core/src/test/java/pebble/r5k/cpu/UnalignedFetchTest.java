package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MIPS IV: fetching from a PC whose low two bits are not zero is an Address Error (AdEL, EPC = BadVAddr = the
 * PC), whatever the fetch caches hold. Both loops mark "no fetch page/line" with -1, and a PC such as
 * 0xffffffffffffffff matches -1 under their same-page and same-line masks: right after a flush (here a Config
 * write in the delay slot), such a jump used to run the stale page's last word instead (a BREAK here).
 */
class UnalignedFetchTest {
    private static final long BASE = 0xFFFF_FFFF_8001_0000L;
    private static final int BREAK = 0x0000_000D;

    @Test
    void aJumpToMinusOneAfterAFlushIsAnAddressError() {
        for (int mode = 0; mode < 4; mode++) { // functional; timed without translation; timed translated; functional translated
            Machine m = Machine.create(true, 4L << 20, new ByteArrayOutputStream(), new ByteArrayInputStream(new byte[0]));
            if (mode == 1 || mode == 2) m.enableTiming(TimingTable.defaults(), null, mode == 1 ? 0 : 1);
            if (mode == 3) m.setTranslateAfter(1);
            m.writeWords(BASE, new int[] {
                0x2408_FFFF,  // addiu $t0, $zero, -1
                0x4009_8000,  // mfc0  $t1, $16 (Config)
                0x0100_0008,  // jr    $t0
                0x4089_8000,  // mtc0  $t1, $16 (delay slot: the same Config, a flush of the fetch caches)
            });
            m.writeWords(BASE + 0xFFC, new int[] {BREAK}); // the slot of PC 0x...ffff in the page's fetch cache
            Cpu c = m.cpu();
            m.start(BASE);
            c.halted = false;
            m.run(c.cycle + 10_000);
            String what = "mode " + mode;
            assertEquals(ExcCode.ADEL, (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT, what);
            assertEquals(-1L, c.cp0.epc, what);
            assertEquals(-1L, c.cp0.badVAddr, what);
        }
    }

    /**
     * The same jump, with a handler that returns to the faulting PC three times before it exits with its count:
     * the dispatchers see the PC again and again (a region would be translated there on the second visit at the
     * latest, from the stale page's last word), and every fetch must still be the AdEL.
     */
    @Test
    void theFaultingPcRevisitedIsAnAddressErrorEveryTime() {
        for (int mode = 0; mode < 4; mode++) {
            Machine m = Machine.create(true, 4L << 20, new ByteArrayOutputStream(), new ByteArrayInputStream(new byte[0]));
            if (mode == 1 || mode == 2) m.enableTiming(TimingTable.defaults(), null, mode == 1 ? 0 : 1);
            if (mode == 3) m.setTranslateAfter(1);
            m.writeWords(0xFFFF_FFFF_8000_0180L, new int[] {
                0x2610_0001,  // addiu $s0, $s0, 1
                0x2A0A_0004,  // slti  $t2, $s0, 4
                0x1540_0003,  // bne   $t2, $zero, eret
                0x0000_0000,  // nop
                0x3C0B_BFFF,  // lui   $t3, 0xbfff (sim-control)
                0xAD70_0000,  // sw    $s0, 0($t3): exit with the count
                0x4200_0018,  // eret: back to EPC, the faulting PC
            });
            m.writeWords(BASE, new int[] {0x2408_FFFF, 0x4009_8000, 0x0100_0008, 0x4089_8000});
            m.writeWords(BASE + 0xFFC, new int[] {BREAK});
            Cpu c = m.cpu();
            m.start(BASE);
            c.halted = false;
            m.run(c.cycle + 100_000);
            String what = "mode " + mode;
            assertEquals(4, c.exitStatus, what);
            assertEquals(ExcCode.ADEL, (c.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT, what);
            assertEquals(-1L, c.cp0.epc, what);
        }
    }
}
