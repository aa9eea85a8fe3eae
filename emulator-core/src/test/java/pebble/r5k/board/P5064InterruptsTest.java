package pebble.r5k.board;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.board.P5064Interrupts.*;

class P5064InterruptsTest {
    // Register byte offsets (hardware reference §4.1).
    static final int O_LOCINT = 0x00, O_PANIC = 0x04, O_PCIINT = 0x08, O_ISAINT = 0x0C, O_XBAR0 = 0x10,
            O_XBAR1 = 0x14, O_XBAR2 = 0x18, O_XBAR3 = 0x1C, O_XBAR4 = 0x20, O_KBDINT = 0x24, O_LOGICREV = 0x3C;

    final List<String> calls = new ArrayList<>();
    final boolean[] ip = new boolean[8];
    final P5064Interrupts intc = new P5064Interrupts((n, level) -> {
        assertNotEquals(ip[n], level, "sink called without a change on IP" + n);
        ip[n] = level;
        calls.add("IP" + n + (level ? "+" : "-"));
    });

    @Test
    void resetCrossbarIsTheNetbsdGrouping() {
        assertEquals(0xAA, intc.read(O_XBAR0, 4));
        assertEquals(0xAA, intc.read(O_XBAR1, 4));
        assertEquals(0x55, intc.read(O_XBAR2, 4));
        assertEquals(0x00, intc.read(O_XBAR3, 4));
        assertEquals(0x55, intc.read(O_XBAR4, 4));
        for (int o = 0; o <= 0x24; o += 4) {
            if (o < O_XBAR0 || o > O_XBAR4) assertEquals(0, intc.read(o, 4), "offset " + o);
        }
        assertEquals(0, intc.read(O_LOGICREV, 4));
    }

    @Test
    void enabledCom1GoesToInt2() {
        intc.write(O_LOCINT, 4, LOCINT_COM1);
        assertTrue(calls.isEmpty());
        intc.setSource(LOCINT, LOCINT_COM1, true);
        assertEquals(List.of("IP4+"), calls);
        assertEquals(LOCINT_COM1, intc.read(O_LOCINT, 4));
        assertTrue(intc.pin(2));
        intc.setSource(LOCINT, LOCINT_COM1, false);
        assertEquals(List.of("IP4+", "IP4-"), calls);
        assertEquals(0, intc.read(O_LOCINT, 4));
    }

    @Test
    void disabledSourceIsInvisibleUntilEnabled() {
        intc.line(LOCINT, LOCINT_RTC).set(true);
        assertTrue(calls.isEmpty());
        assertEquals(0, intc.read(O_LOCINT, 4), "read = pending & enable");
        intc.write(O_LOCINT, 4, LOCINT_RTC | LOCINT_COM1);
        assertEquals(List.of("IP4+"), calls);
        assertEquals(LOCINT_RTC, intc.read(O_LOCINT, 4));
        intc.write(O_LOCINT, 4, 0);
        assertEquals(List.of("IP4+", "IP4-"), calls);
    }

    @Test
    void crossbarSteersEachSourceToItsPin() {
        intc.write(O_LOCINT, 4, 0xFF);
        intc.write(O_PCIINT, 4, 0xFF);
        intc.write(O_ISAINT, 4, 0xFF);
        // NetBSD clock steering: RTC field (XBAR1 bits 7:6) = Int3 -> IP5.
        intc.write(O_XBAR1, 4, 3 << 6);
        intc.setSource(LOCINT, LOCINT_RTC, true);
        assertEquals(List.of("IP5+"), calls);
        intc.setSource(PCIINT, PCIINT_ETH, true);       // XBAR4 bits 3:2 = 1 at reset -> IP3
        intc.setSource(ISAINT, ISAINT_IDE0, true);      // XBAR3 = 0 -> IP2
        assertEquals(List.of("IP5+", "IP3+", "IP2+"), calls);
        calls.clear();
        // Move ETH to Int2 (IP4) while asserted.
        intc.write(O_XBAR4, 4, (2 << 2));
        assertEquals(List.of("IP3-", "IP4+"), calls);
    }

    @Test
    void everySourceFieldPosition() {
        int[][] cases = { // reg, bit, xbar offset, shift
            {LOCINT, LOCINT_PCIBR, O_XBAR0, 0}, {LOCINT, LOCINT_FLP, O_XBAR0, 2}, {LOCINT, LOCINT_MKBD, O_XBAR0, 4},
            {LOCINT, LOCINT_COM1, O_XBAR0, 6}, {LOCINT, LOCINT_COM2, O_XBAR1, 0}, {LOCINT, LOCINT_CENT, O_XBAR1, 2},
            {LOCINT, LOCINT_RTC, O_XBAR1, 6},
            {PCIINT, PCIINT_EMDINT, O_XBAR4, 0}, {PCIINT, PCIINT_ETH, O_XBAR4, 2}, {PCIINT, PCIINT_SCSI, O_XBAR4, 4},
            {PCIINT, PCIINT_USB, O_XBAR4, 6}, {PCIINT, PCIINT_PCI0, O_XBAR2, 0}, {PCIINT, PCIINT_PCI1, O_XBAR2, 2},
            {PCIINT, PCIINT_PCI2, O_XBAR2, 4}, {PCIINT, PCIINT_PCI3, O_XBAR2, 6},
            {ISAINT, ISAINT_ISABR, O_XBAR3, 0}, {ISAINT, ISAINT_IDE0, O_XBAR3, 2}, {ISAINT, ISAINT_IDE1, O_XBAR3, 4},
        };
        int[] enableOffset = {O_LOCINT, -1, O_PCIINT, O_ISAINT};
        for (int[] c : cases) {
            P5064Interrupts x = new P5064Interrupts(InterruptSink.NONE);
            x.write(enableOffset[c[0]], 4, c[1]);
            x.setSource(c[0], c[1], true);
            for (int pin = 0; pin < 4; pin++) {
                for (int off = O_XBAR0; off <= O_XBAR4; off += 4) x.write(off, 4, 0);
                x.write(c[2], 4, pin << c[3]);
                for (int p = 0; p < 5; p++) {
                    assertEquals(p == pin, x.pin(p), "reg " + c[0] + " bit " + c[1] + " pin " + pin + " probe " + p);
                }
            }
        }
    }

    @Test
    void sharedPinStaysUpWhileAnySourceIsActive() {
        intc.write(O_LOCINT, 4, LOCINT_COM1 | LOCINT_COM2);
        intc.setSource(LOCINT, LOCINT_COM1, true);
        intc.setSource(LOCINT, LOCINT_COM2, true);
        intc.setSource(LOCINT, LOCINT_COM1, false);
        assertEquals(List.of("IP4+"), calls);
        intc.setSource(LOCINT, LOCINT_COM2, false);
        assertEquals(List.of("IP4+", "IP4-"), calls);
    }

    @Test
    void panicLatchesToInt4AndClearsOnWriteOne() {
        intc.raisePanic(PANIC_BERR | PANIC_DEBUG);
        assertEquals(List.of("IP6+"), calls);
        assertEquals(PANIC_BERR | PANIC_DEBUG, intc.read(O_PANIC, 4));
        intc.write(O_PANIC, 4, 0);
        assertEquals(PANIC_BERR | PANIC_DEBUG, intc.read(O_PANIC, 4), "writing 0 clears nothing");
        intc.write(O_PANIC, 4, PANIC_BERR);
        assertEquals(PANIC_DEBUG, intc.read(O_PANIC, 4));
        assertEquals(List.of("IP6+"), calls);
        intc.write(O_PANIC, 4, PANIC_DEBUG);
        assertEquals(List.of("IP6+", "IP6-"), calls);
    }

    @Test
    void kbdintIsAnEnableMaskWithNoPin() {
        intc.write(O_KBDINT, 4, KBDINT_KBD);
        intc.setSource(KBDINT, KBDINT_KBD | KBDINT_MOUSE, true);
        assertEquals(KBDINT_KBD, intc.read(O_KBDINT, 4));
        assertTrue(calls.isEmpty());
    }

    @Test
    void registersAreEightBitsWideAndByteAccessesReachTheWord() {
        intc.write(O_XBAR2, 4, 0xFFFF_FF1B);
        assertEquals(0x1B, intc.read(O_XBAR2, 4));
        intc.write(O_XBAR2 + 3, 1, 0xE4);
        assertEquals(0xE4, intc.read(O_XBAR2 + 3, 1));
    }

    @Test
    void lineRejectsNonSourceRegisters() {
        assertThrows(IllegalArgumentException.class, () -> intc.line(PANIC, 1));
    }

    @Test
    void pushAllReportsCurrentLevels() {
        intc.write(O_LOCINT, 4, LOCINT_COM1);
        intc.setSource(LOCINT, LOCINT_COM1, true);
        List<String> seen = new ArrayList<>();
        intc.pushAll((n, level) -> seen.add("IP" + n + (level ? "+" : "-")));
        assertEquals(List.of("IP2-", "IP3-", "IP4+", "IP5-", "IP6-"), seen);
    }
}
