package pebble.r5k.board;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.board.Rtc146818.*;

class Rtc146818Test {
    static final long HZ = P5064Board.DEFAULT_CPU_HZ;

    final FakeClock clock = new FakeClock();
    final boolean[] irq = new boolean[1];
    Rtc146818 rtc = make(DEFAULT_START);

    Rtc146818 make(LocalDateTime start) {
        Rtc146818 r = new Rtc146818(clock, HZ, start);
        r.connectIrq(level -> irq[0] = level);
        return r;
    }

    /** Advances the clock to {@code cycle} and runs due events, as the CPU's slow path would. */
    void runTo(long cycle) {
        clock.cycle = cycle;
        rtc.runUntil(cycle);
    }

    @Test
    void defaultDateInBcd() {
        assertEquals(0x00, rtc.readReg(SEC));
        assertEquals(0x00, rtc.readReg(MIN));
        assertEquals(0x00, rtc.readReg(HOUR));
        assertEquals(0x01, rtc.readReg(DOW), "1999-06-06 is a Sunday");
        assertEquals(0x06, rtc.readReg(DOM));
        assertEquals(0x06, rtc.readReg(MONTH));
        assertEquals(0x99, rtc.readReg(YEAR));
        assertEquals(D_VRT, rtc.readReg(REG_D));
        assertEquals(0x26, rtc.readReg(REG_A));
        assertEquals(B_24H, rtc.readReg(REG_B));
        assertEquals(0, rtc.readReg(REG_C));
    }

    @Test
    void binaryModeAndPorts() {
        rtc.writePort(0, REG_B);
        rtc.writePort(1, B_24H | B_DM_BINARY);
        rtc.writePort(0, 0x80 | YEAR); // bit 7 (NMI mask) is not part of the index
        assertEquals(YEAR, rtc.readPort(0));
        assertEquals(99, rtc.readPort(1));
        rtc.writePort(1, 42);
        assertEquals(42, rtc.readReg(YEAR));
    }

    @Test
    void nvramHoldsBytes() {
        rtc.writeReg(0x0E, 0x5A);
        rtc.writeReg(0x7F, 0xA5);
        assertEquals(0x5A, rtc.readReg(0x0E));
        assertEquals(0xA5, rtc.readReg(0x7F));
        assertEquals(0, rtc.readReg(0x40));
    }

    @Test
    void timeAdvancesWithCycles() {
        clock.cycle = 61 * HZ - 1; // 00:01:00.99...
        assertEquals(0x01, rtc.readReg(MIN));
        assertEquals(0x00, rtc.readReg(SEC));
        clock.cycle = 61 * HZ;
        assertEquals(0x01, rtc.readReg(SEC));
        assertEquals(0x01, rtc.readReg(MIN));
    }

    @Test
    void secondBoundaryIsExact() {
        clock.cycle = HZ - 1;
        assertEquals(0x00, rtc.readReg(SEC));
        clock.cycle = HZ;
        assertEquals(0x01, rtc.readReg(SEC));
    }

    @Test
    void yearRolloverAndDayOfWeek() {
        rtc = make(LocalDateTime.of(1999, 12, 31, 23, 59, 59)); // a Friday
        assertEquals(6, rtc.readReg(DOW));
        clock.cycle = HZ;
        assertEquals(0x00, rtc.readReg(YEAR));
        assertEquals(0x01, rtc.readReg(MONTH));
        assertEquals(0x01, rtc.readReg(DOM));
        assertEquals(0x00, rtc.readReg(HOUR));
        assertEquals(7, rtc.readReg(DOW));
    }

    @Test
    void leapYears() {
        rtc = make(LocalDateTime.of(2000, 2, 28, 23, 59, 59));
        clock.cycle = HZ;
        assertEquals(0x29, rtc.readReg(DOM));
        rtc = make(LocalDateTime.of(2001, 2, 28, 23, 59, 59));
        clock.cycle = 2 * HZ;
        assertEquals(0x01, rtc.readReg(DOM));
        assertEquals(0x03, rtc.readReg(MONTH));
    }

    @Test
    void longIdleJumpKeepsCalendarAndWeekday() {
        clock.cycle = (40L * 86_400 + 3_661) * HZ; // 40 days, 1 h 1 min 1 s
        assertEquals(0x16, rtc.readReg(DOM)); // 1999-07-16
        assertEquals(0x07, rtc.readReg(MONTH));
        assertEquals(0x01, rtc.readReg(HOUR));
        assertEquals(0x01, rtc.readReg(MIN));
        assertEquals(0x01, rtc.readReg(SEC));
        assertEquals(6, rtc.readReg(DOW), "1999-07-16 is a Friday");
    }

    @Test
    void twelveHourMode() {
        rtc = make(LocalDateTime.of(1999, 6, 6, 13, 5, 0));
        rtc.writeReg(REG_B, 0);
        assertEquals(0x81, rtc.readReg(HOUR));
        rtc.writeReg(HOUR, 0x12); // 12 AM = midnight
        rtc.writeReg(REG_B, B_24H);
        assertEquals(0x00, rtc.readReg(HOUR));
        rtc.writeReg(REG_B, 0);
        rtc.writeReg(HOUR, 0x80 | 0x12); // 12 PM = noon
        rtc.writeReg(REG_B, B_24H);
        assertEquals(0x12, rtc.readReg(HOUR));
    }

    @Test
    void periodicRateTable() {
        int[] rsToDivisor = {0, 128, 256, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384};
        for (int rs = 0; rs < 16; rs++) {
            rtc.writeReg(REG_A, 0x20 | rs);
            assertEquals(rsToDivisor[rs], rtc.periodicDivisor(), "RS " + rs);
        }
    }

    @Test
    void sixteenHertzPeriodicInterruptInCycles() {
        long period = HZ / 16; // 10 410 000 cycles: exact
        assertEquals(10_410_000L, period);
        rtc.writeReg(REG_A, 0x2C);
        assertEquals(Long.MAX_VALUE, rtc.nextEventAt(), "PIE off: nothing to schedule");
        rtc.writeReg(REG_B, B_PIE | B_SQWE | B_DM_BINARY | B_24H);
        assertEquals(period, rtc.nextEventAt());
        runTo(period - 1);
        assertFalse(irq[0]);
        runTo(period);
        assertTrue(irq[0]);
        assertEquals(Long.MAX_VALUE, rtc.nextEventAt(), "IRQ already up");
        assertEquals(C_IRQF | C_PF, rtc.readReg(REG_C));
        assertFalse(irq[0]);
        assertEquals(0, rtc.readReg(REG_C));
        assertEquals(2 * period, rtc.nextEventAt());
        runTo(2 * period);
        assertTrue(irq[0]);
    }

    @Test
    void nonIntegralPeriodsRoundUpFromTheCrystalPhase() {
        rtc.writeReg(REG_B, B_PIE | B_24H); // default A = 0x26: 1024 Hz, 32 crystal ticks
        // Tick k at ceil(k * 32 * HZ / 32768) = ceil(k * 162656.25).
        assertEquals(162_657L, rtc.nextEventAt());
        runTo(162_657L);
        rtc.readReg(REG_C);
        assertEquals(325_313L, rtc.nextEventAt());
        runTo(325_313L);
        rtc.readReg(REG_C);
        assertEquals(487_969L, rtc.nextEventAt());
        runTo(4 * 162_656L + 1);
        rtc.readReg(REG_C);
        assertEquals(813_282L, rtc.nextEventAt(), "ceil(5 * 162656.25)");
    }

    @Test
    void periodicFlagIsSetForPollingWithoutPie() {
        rtc.writeReg(REG_A, 0x2C);
        clock.cycle = HZ / 16;
        assertEquals(C_PF, rtc.readReg(REG_C), "PF without IRQF");
        assertFalse(irq[0]);
        assertEquals(0, rtc.readReg(REG_C));
    }

    @Test
    void stalePfRaisesIrqAsSoonAsPieIsSet() {
        rtc.writeReg(REG_A, 0x2C);
        clock.cycle = HZ / 8;
        rtc.writeReg(REG_B, B_PIE | B_24H);
        assertTrue(irq[0]);
    }

    @Test
    void updateEndedInterruptOncePerSecond() {
        rtc.writeReg(REG_B, B_UIE | B_24H);
        assertEquals(HZ, rtc.nextEventAt());
        runTo(HZ);
        assertTrue(irq[0]);
        assertEquals(C_IRQF | C_UF | C_PF, rtc.readReg(REG_C)); // PF (1024 Hz) also set, not enabled
        assertEquals(2 * HZ, rtc.nextEventAt());
    }

    @Test
    void setBitFreezesTimeAndClearsUie() {
        rtc.writeReg(REG_B, B_UIE | B_24H);
        rtc.writeReg(REG_B, B_SET | B_UIE | B_24H);
        assertEquals(B_SET | B_24H, rtc.readReg(REG_B));
        clock.cycle = 5 * HZ;
        assertEquals(0x00, rtc.readReg(SEC));
        rtc.writeReg(SEC, 0x30);
        rtc.writeReg(REG_B, B_24H);
        clock.cycle = 6 * HZ;
        assertEquals(0x31, rtc.readReg(SEC));
    }

    @Test
    void alarmInterrupt() {
        rtc.writeReg(SEC_ALARM, 0x05);
        rtc.writeReg(MIN_ALARM, 0x00);
        rtc.writeReg(HOUR_ALARM, 0xFF); // don't care
        rtc.writeReg(REG_B, B_AIE | B_24H);
        for (long s = 1; s <= 4; s++) {
            runTo(s * HZ);
            assertFalse(irq[0], "second " + s);
        }
        runTo(5 * HZ);
        assertTrue(irq[0]);
        assertEquals(C_IRQF | C_AF | C_UF | C_PF, rtc.readReg(REG_C));
    }

    @Test
    void alarmSeenWhenCatchingUpLazily() {
        rtc.writeReg(SEC_ALARM, 0x30);
        rtc.writeReg(MIN_ALARM, 0x02);
        rtc.writeReg(HOUR_ALARM, 0x00);
        clock.cycle = 3600 * HZ;
        assertEquals(C_AF | C_UF | C_PF, rtc.readReg(REG_C) & (C_AF | C_UF | C_PF));
    }

    @Test
    void uipIsSetJustBeforeAnUpdate() {
        clock.cycle = HZ - HZ * 8 / 32768 - 2; // just before the last 8 crystal ticks
        assertEquals(0, rtc.readReg(REG_A) & A_UIP);
        clock.cycle = HZ - 1;
        assertEquals(A_UIP, rtc.readReg(REG_A) & A_UIP);
        clock.cycle = HZ;
        assertEquals(0, rtc.readReg(REG_A) & A_UIP);
    }

    @Test
    void dividerResetStopsEverythingAndRestartsThePhase() {
        rtc.writeReg(REG_B, B_PIE | B_UIE | B_24H);
        rtc.writeReg(REG_A, 0x70 | 0x0C);
        assertEquals(Long.MAX_VALUE, rtc.nextEventAt());
        runTo(10 * HZ);
        assertEquals(0x00, rtc.readReg(SEC));
        assertFalse(irq[0]);
        rtc.writeReg(REG_A, 0x2C);
        assertEquals(10 * HZ + HZ / 16, rtc.nextEventAt());
        runTo(11 * HZ);
        assertEquals(0x01, rtc.readReg(SEC));
    }

    @Test
    void noOverflowAfterAVeryLongRun() {
        rtc.writeReg(REG_A, 0x2C);
        rtc.writeReg(REG_B, B_PIE | B_24H);
        long base = 100_000L * 86_400 * HZ; // ~274 years of emulated time
        runTo(base - 1);
        rtc.readReg(REG_C);
        assertEquals(base, rtc.nextEventAt());
    }

    @Test
    void deterministicAcrossInstances() {
        Rtc146818 a = new Rtc146818(clock, HZ), b = new Rtc146818(clock, HZ);
        a.writeReg(REG_B, B_PIE | B_24H);
        b.writeReg(REG_B, B_PIE | B_24H);
        assertEquals(a.nextEventAt(), b.nextEventAt());
    }
}
