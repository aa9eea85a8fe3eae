package pebble.r5k.board;

import org.junit.jupiter.api.Test;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.cpu.Interpreter;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.mem.Bus;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class P5064BoardTest {
    static final long KSEG1 = 0xFFFF_FFFF_A000_0000L;
    static final long COM1 = KSEG1 | 0x1D0003F8L;
    static final long RTC = KSEG1 | 0x1D000070L;
    static final long INTC = KSEG1 | 0x1FF90000L;
    static final long SIM = KSEG1 | 0x1FFF0000L;
    static final int IP2 = 0x400, IP4 = 0x1000, IP5 = 0x2000;

    final Uart16550Test.Sink console = new Uart16550Test.Sink();

    Cpu boot(P5064Board board) {
        Cpu cpu = new Cpu(board.bus());
        board.attach(cpu);
        cpu.resetForImage(0xFFFF_FFFF_8000_0000L);
        return cpu;
    }

    int ip(Cpu cpu) {
        return cpu.cp0.causeRead() & Cp0Reg.CAUSE_IP_MASK;
    }

    @Test
    void mapHasExactlyTheModelledWindows() {
        P5064Board board = new P5064Board(64L << 20, true, console, null);
        Bus bus = board.bus();
        assertTrue(bus.isMapped(0, 4));
        assertTrue(bus.isMapped((64L << 20) - 4, 4));
        assertFalse(bus.isMapped(64L << 20, 4), "above RAM");
        assertTrue(bus.isMapped(0x1D000000L, 1));
        assertTrue(bus.isMapped(0x1DFFFFFFL, 1));
        assertTrue(bus.isMapped(0x1FC00000L, 4));
        assertTrue(bus.isMapped(0x1FC7FFFCL, 4));
        assertFalse(bus.isMapped(0x1FC80000L, 4));
        assertTrue(bus.isMapped(0x1FF00000L, 4));
        assertTrue(bus.isMapped(0x1FF20010L, 4));
        assertTrue(bus.isMapped(0x1FF2001CL, 4));
        assertTrue(bus.isMapped(0x1FF90000L, 4));
        assertTrue(bus.isMapped(0x1FF9003CL, 4));
        assertTrue(bus.isMapped(0x1FFF0000L, 4));
        assertTrue(bus.isMapped(0x1FFF000CL, 4));
        for (long unmapped : new long[] {0x10000000L, 0x11000000L, 0x1E000000L, 0x1EE00000L, 0x1EF00000L,
                0x1F800000L, 0x1FD00000L, 0x1FE00000L, 0x1FF60000L, 0x1FF90040L, 0x1FFD0000L, 0x1FFF0020L,
                0x20000000L}) {
            assertFalse(bus.isMapped(unmapped, 4), Long.toHexString(unmapped));
        }
    }

    @Test
    void ramLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new P5064Board(512L << 20, true, null, null));
        assertEquals("RAM size 536870912 exceeds the P-5064's 256 MB", e.getMessage());
        assertEquals(256L << 20, new P5064Board(256L << 20, false, null, null).ram().sizeBytes);
    }

    @Test
    void attachRejectsACpuOnAnotherBus() {
        P5064Board a = new P5064Board(1 << 20, true, null, null), b = new P5064Board(1 << 20, true, null, null);
        Cpu cpu = new Cpu(b.bus());
        assertThrows(IllegalArgumentException.class, () -> a.attach(cpu));
        b.attach(cpu);
        assertSame(b, cpu.events);
        assertSame(cpu, b.cpu());
    }

    @Test
    void guestWritesConsoleThroughKseg1ByteStores() {
        for (boolean be : new boolean[] {true, false}) {
            Uart16550Test.Sink out = new Uart16550Test.Sink();
            P5064Board board = new P5064Board(1 << 20, be, out, null);
            Cpu cpu = boot(board);
            for (char c : "ok\n".toCharArray()) cpu.store8(COM1, c);
            assertFalse(cpu.memFault);
            assertEquals("ok\n", out.text());
            assertEquals(0x60, cpu.load8(COM1 + Uart16550.LSR));
            cpu.store32(COM1, 0x141); // word store: the THR takes the low byte
            assertEquals(0, cpu.load32(COM1 + 4), "word read of MCR");
            assertFalse(cpu.memFault);
            assertEquals("ok\nA", out.text());
        }
    }

    @Test
    void consoleInputReachesTheGuest() {
        P5064Board board = new P5064Board(1 << 20, true, console,
                new ByteArrayInputStream("Z".getBytes(StandardCharsets.ISO_8859_1)));
        Cpu cpu = boot(board);
        assertEquals(0x61, cpu.load8(COM1 + Uart16550.LSR));
        assertEquals('Z', cpu.load8(COM1));
        assertEquals(0x60, cpu.load8(COM1 + Uart16550.LSR));
    }

    @Test
    void simControlHaltsTheCpuAndFlushesTheConsole() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        cpu.store8(COM1, 'x');
        int flushes = console.flushes;
        cpu.store32(SIM, 0x103);
        assertTrue(cpu.halted);
        assertEquals(3, cpu.exitStatus);
        assertEquals("sim-control exit 3", cpu.haltDetail);
        assertEquals(flushes + 1, console.flushes);
        assertEquals("x", console.text());
    }

    @Test
    void simControlReadsTheCycleCounter() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        cpu.cycle = 0x0000_0001_0000_0005L;
        assertEquals(5, cpu.load32(SIM + 4));
        assertEquals(1, cpu.load32(SIM + 8));
    }

    @Test
    void unmappedPhysicalAddressIsABusError() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        cpu.load32(KSEG1 | 0x1EE00000L);
        assertTrue(cpu.memFault);
        assertEquals(ExcCode.DBE, (cpu.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT);
    }

    @Test
    void otherIsaPortsReadZero() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        assertEquals(0, cpu.load8(KSEG1 | 0x1D000064L)); // keyboard controller status
        cpu.store8(KSEG1 | 0x1D000020L, 0x11);            // 8259 ICW1: ignored
        assertEquals(0, cpu.load8(KSEG1 | 0x1D000020L));
        assertFalse(cpu.memFault);
    }

    @Test
    void uartInterruptReachesCauseIp4ThroughTheCrossbar() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        assertEquals(0, ip(cpu));
        cpu.store32(INTC, P5064Interrupts.LOCINT_COM1);
        cpu.store8(COM1 + Uart16550.IER_DLM, Uart16550.IER_THRE);
        assertEquals(IP4, ip(cpu));
        assertEquals(P5064Interrupts.LOCINT_COM1, cpu.load32(INTC));
        cpu.store32(INTC + 0x10, 0); // XBAR0: COM1 -> Int0
        assertEquals(IP2, ip(cpu));
        assertEquals(Uart16550.IIR_THRE, cpu.load8(COM1 + Uart16550.IIR_FCR));
        assertEquals(0, ip(cpu));
    }

    @Test
    void interruptStateBeforeAttachIsPushedOnAttach() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        board.bus().write(0x1FF90000L, 4, P5064Interrupts.LOCINT_COM1);
        board.bus().write(0x1D0003F9L, 1, Uart16550.IER_THRE);
        Cpu cpu = new Cpu(board.bus());
        board.attach(cpu);
        assertEquals(IP4, ip(cpu));
    }

    @Test
    void netbsdStyleRtcCalibrationLoop() {
        // algor_p5064_cal_timer: 16 Hz periodic interrupt, LOCINT_RTC enabled, poll LOCINT.
        P5064Board board = new P5064Board(1 << 20, false, console, null);
        Cpu cpu = boot(board);
        cpu.store8(RTC, Rtc146818.REG_B);
        cpu.store8(RTC + 1, Rtc146818.B_SQWE | Rtc146818.B_DM_BINARY | Rtc146818.B_24H);
        cpu.store8(RTC, Rtc146818.REG_A);
        cpu.store8(RTC + 1, 0x20 | 0x0C);
        cpu.store32(INTC, P5064Interrupts.LOCINT_RTC);
        cpu.store8(RTC, Rtc146818.REG_B);
        cpu.store8(RTC + 1, Rtc146818.B_PIE | Rtc146818.B_SQWE | Rtc146818.B_DM_BINARY | Rtc146818.B_24H);
        long period = P5064Board.DEFAULT_CPU_HZ / 16;
        assertEquals(period, board.nextEventAt());
        cpu.cycle = period - 1;
        board.runUntil(cpu.cycle);
        assertEquals(0, cpu.load32(INTC) & P5064Interrupts.LOCINT_RTC);
        cpu.cycle = board.nextEventAt();
        board.runUntil(cpu.cycle);
        assertEquals(P5064Interrupts.LOCINT_RTC, cpu.load32(INTC) & P5064Interrupts.LOCINT_RTC);
        assertEquals(IP4, ip(cpu));
        cpu.store8(RTC, Rtc146818.REG_C);
        assertEquals(Rtc146818.C_IRQF | Rtc146818.C_PF, cpu.load8(RTC + 1));
        assertEquals(0, ip(cpu));
        assertEquals(2 * period, board.nextEventAt());
        // NetBSD's old clock steering: RTC -> Int3 = IP5.
        cpu.store32(INTC + 0x14, 3 << 6);
        cpu.cycle = 2 * period;
        board.runUntil(cpu.cycle);
        assertEquals(IP5, ip(cpu));
    }

    @Test
    void boardAggregatesDeviceEvents() {
        P5064Board board = new P5064Board(1 << 20, true, console,
                new ByteArrayInputStream(new byte[] {'a'}));
        Cpu cpu = boot(board);
        assertEquals(Long.MAX_VALUE, board.nextEventAt());
        cpu.cycle = 100;
        cpu.store8(COM1 + Uart16550.IER_DLM, Uart16550.IER_RDA);
        assertEquals(100 + board.com1().charCycles(), board.nextEventAt());
        cpu.store8(RTC, Rtc146818.REG_B);
        cpu.store8(RTC + 1, Rtc146818.B_PIE | Rtc146818.B_24H); // 1024 Hz: first tick at 162657
        assertEquals(162_657L, board.nextEventAt(), "the RTC tick comes first");
        cpu.cycle = 173_600;
        board.runUntil(cpu.cycle);
        assertTrue(board.rtc().irqAsserted());
        assertTrue(board.com1().irqAsserted());
        assertEquals(100 + 2 * 173_500L, board.nextEventAt(), "RTC IRQ is up: only the next UART poll remains");
    }

    @Test
    void resetVectorStubHaltsWithItsStatus() {
        for (boolean be : new boolean[] {true, false}) {
            P5064Board board = new P5064Board(1 << 20, be, console, null);
            Cpu cpu = new Cpu(board.bus());
            board.attach(cpu);
            cpu.resetForImage(KSEG1 | 0x1FC00000L);
            new Interpreter(cpu).run(1_000);
            assertTrue(cpu.halted);
            assertEquals(BootRom.RESET_EXIT, cpu.exitStatus);
            assertEquals("reset vector reached (no boot firmware is emulated)", cpu.haltDetail);
            assertEquals(pebble.r5k.cpu.HaltReason.RESET_VECTOR, cpu.haltReason);
            assertTrue(cpu.cycle < 10, "halts within the stub: " + cpu.cycle);
        }
    }

    @Test
    void bevExceptionStubNamesTheException() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = new Cpu(board.bus());
        board.attach(cpu);
        board.ram().write32(0x1000, 0x0000000D); // break
        cpu.resetForImage(0xFFFF_FFFF_8000_1000L);
        cpu.cp0.status |= Cp0Reg.SR_BEV;
        new Interpreter(cpu).run(1_000);
        assertTrue(cpu.halted);
        assertEquals(BootRom.EXCEPTION_EXIT, cpu.exitStatus);
        assertEquals("unhandled guest exception (the image installed no handler): Bp, EPC 0xffffffff80001000, BadVAddr 0x0",
                cpu.haltDetail);
        assertEquals(pebble.r5k.cpu.HaltReason.UNHANDLED_EXCEPTION, cpu.haltReason);
    }

    @Test
    void userSimControlExitKeepsItsGenericReason() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = new Cpu(board.bus());
        board.attach(cpu);
        board.ram().write32(0x1000, 0x3C08BFFF); // lui t0, 0xbfff
        board.ram().write32(0x1004, 0x24090079); // li t1, 121  (the reset status minus one)
        board.ram().write32(0x1008, 0xAD090000); // sw t1, 0(t0)
        board.ram().write32(0x100C, 0x1000FFFF); // b .
        board.ram().write32(0x1010, 0);
        cpu.resetForImage(0xFFFF_FFFF_8000_1000L);
        new Interpreter(cpu).run(1_000);
        assertEquals(121, cpu.exitStatus);
        assertEquals("sim-control exit 121", cpu.haltDetail);
    }

    @Test
    void returningTheStubStatusesThroughTheMonitorStubKeepsTheGenericReason() {
        // An entry function returning 122 or 123 reaches the ROM's return stub (0xBFC00100), not the reset
        // or exception stubs: the run must not be reported as a reset or an unhandled exception.
        for (int status : new int[] {BootRom.RESET_EXIT, BootRom.EXCEPTION_EXIT}) {
            P5064Board board = new P5064Board(1 << 20, true, console, null);
            Cpu cpu = new Cpu(board.bus());
            board.attach(cpu);
            board.ram().write32(0x1000, 0x24020000 | status); // li v0, status
            board.ram().write32(0x1004, 0x03E00008);          // jr ra
            board.ram().write32(0x1008, 0);                   // nop
            cpu.resetForImage(0xFFFF_FFFF_8000_1000L);
            cpu.gpr[31] = KSEG1 | (BootRom.BASE + BootRom.RETURN_STUB); // as Machine sets $ra for an image
            new Interpreter(cpu).run(1_000);
            assertTrue(cpu.halted);
            assertEquals(status, cpu.exitStatus);
            assertEquals("sim-control exit " + status, cpu.haltDetail);
            assertEquals(pebble.r5k.cpu.HaltReason.GUEST_EXIT, cpu.haltReason, "a returned 122/123 is the guest's own status");
        }
    }

    @Test
    void ledsAreMapped() {
        P5064Board board = new P5064Board(1 << 20, true, console, null);
        Cpu cpu = boot(board);
        cpu.store32(KSEG1 | 0x1FF2001CL, 'P');
        cpu.store32(KSEG1 | 0x1FF20018L, 'B');
        cpu.store32(KSEG1 | 0x1FF20014L, 'L');
        cpu.store32(KSEG1 | 0x1FF20010L, '5');
        assertEquals("PBL5", board.led1().text());
        cpu.store32(KSEG1 | 0x1FF00000L, '7');
        assertEquals("7", board.led0().text());
    }
}
