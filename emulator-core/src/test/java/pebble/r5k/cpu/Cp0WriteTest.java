package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.cpu.Cp0Reg.*;

/**
 * {@link Cp0#writeTouchesOnlyTheRegister} lets translated regions run those CP0 writes as plain calls (no hand-back
 * to the loop, no checks after). It must name exactly the registers whose write changes nothing but the register:
 * every register is written with two values on a machine where each kind of side effect would show (interrupts
 * enabled and masked in, a mapped page under the current ASID, a Random that depends on the instruction count),
 * and what else the machine shows must stay the same exactly for the registers named.
 */
class Cp0WriteTest {
    private static final long BASE = 0xFFFFFFFF80010000L, USER_VA = 0x00400000L;

    @Test
    void theRegistersNamedPlainAreExactlyThoseWhoseWriteChangesNothingElse() {
        int plain = 0;
        for (int r = 0; r < 32; r++) {
            boolean unchanged = true;
            for (long v : new long[] {-1L, 0x5555_5555_5555_5555L, 0}) {
                Machine m = machine();
                String before = elsewhere(m.cpu(), r);
                m.cpu().cp0.write(r, v);
                unchanged &= before.equals(elsewhere(m.cpu(), r));
            }
            assertEquals(unchanged, Cp0.writeTouchesOnlyTheRegister(r), "CP0 register " + r);
            if (unchanged) plain++;
        }
        assertEquals(25, plain, "all but Wired, Count, EntryHi, Compare, Status, Cause and Config");
    }

    @Test
    void plainWritesAreCallsInRegionsAndTheOthersKernelInstructions() {
        int epc = TestCode.enc(Op.MTC0, 8, EPC), status = TestCode.enc(Op.MTC0, 8, STATUS);
        int dEntryLo = TestCode.enc(Op.DMTC0, 8, ENTRYLO0), dEntryHi = TestCode.enc(Op.DMTC0, 8, ENTRYHI);
        for (boolean timed : new boolean[] {true, false}) {
            assertEquals(RegionCompiler.CALL, RegionCompiler.kindOf(Op.MTC0.ordinal(), epc, timed));
            assertEquals(RegionCompiler.CALL, RegionCompiler.kindOf(Op.DMTC0.ordinal(), dEntryLo, timed));
            assertEquals(RegionCompiler.KERNEL, RegionCompiler.kindOf(Op.MTC0.ordinal(), status, timed));
            assertEquals(RegionCompiler.KERNEL, RegionCompiler.kindOf(Op.DMTC0.ordinal(), dEntryHi, timed));
        }
        int addu = TestCode.enc(Op.ADDU, 1, 2, 3), beq = TestCode.enc(Op.BEQ, 1, 2, 8);
        // A plain write neither ends a region nor keeps it from a delay slot; a kernel one does both.
        assertEquals(4, RegionCompiler.extent(BASE, new int[] {addu, epc, addu, addu}));
        assertEquals(2, RegionCompiler.extent(BASE, new int[] {addu, status, addu, addu}));
        assertEquals(4, RegionCompiler.extent(BASE, new int[] {addu, beq, epc, addu}));
        assertEquals(1, RegionCompiler.extent(BASE, new int[] {addu, beq, status, addu}));
    }

    /** Kernel mode, interrupts enabled with every mask bit; a 4 KB page at USER_VA under ASID 1; 12345 retired. */
    private static Machine machine() {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.start(BASE);
        Cpu c = m.cpu();
        Cp0 p = c.cp0;
        p.write(PAGEMASK, 0);
        p.write(INDEX, 5);
        p.write(ENTRYHI, USER_VA | 1);
        p.write(ENTRYLO0, (0x80000L >>> 12) << 6 | 0x1E);
        p.write(ENTRYLO1, 0);
        assertEquals(Cpu.OK, Cp0Ops.tlbwi(c, TestCode.enc(Op.TLBWI)));
        p.write(STATUS, SR_IE | 0xFF00);
        c.instret = 12345;
        c.nextEventAt = Long.MAX_VALUE;
        return m;
    }

    /** What a CP0 write could change besides register r: the other registers, events, translation, mode. */
    private static String elsewhere(Cpu c, int r) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 32; k++) if (k != r) s.append(k).append('=').append(Long.toHexString(c.cp0.read(k))).append(' ');
        s.append("event=").append(c.nextEventAt).append(" epoch=").append(c.mmu.epoch);
        s.append(" user=").append(c.mmu.translateFetchQuietly(USER_VA));
        s.append(" kernel=").append(c.isKernel()).append(" irq=").append(c.interruptPending());
        return s.toString();
    }
}
