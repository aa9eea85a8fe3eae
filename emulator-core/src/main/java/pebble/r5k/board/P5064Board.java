package pebble.r5k.board;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.cpu.ExternalEvents;
import pebble.r5k.cpu.HaltReason;
import pebble.r5k.host.HostFiles;
import pebble.r5k.mem.Bus;
import pebble.r5k.mem.PhysicalMemory;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;

/**
 * The emulated Algorithmics P-5064 (hardware reference §4; map in docs/board.md): RAM from 0, the ISA I/O
 * window (COM1 console, COM2, RTC), the boot ROM, the LEDs, the interrupt controller and the Pebble
 * sim-control extension. Everything else is unmapped, so the CPU turns accesses there into bus errors.
 *
 * <p>Usage: {@code board = new P5064Board(...); cpu = new Cpu(board.bus()); board.attach(cpu);}. The board
 * is the CPU's {@link ExternalEvents}: it aggregates the RTC's periodic/update timer and the UARTs'
 * receive polls. Devices read time from {@code cpu.cycle}, so the interpreter must keep that field
 * current whenever it performs a device access or calls {@link #runUntil}.
 */
public final class P5064Board implements ExternalEvents {
    /** Pipeline clock: GXemul's P-5064 {@code emulated_hz} (hardware reference §4.3). */
    public static final long DEFAULT_CPU_HZ = 166_560_000L;
    public static final long DEFAULT_RAM_BYTES = 64L << 20;
    /** The P-5064 decodes up to 256 MB of DRAM (hardware reference §4.1). */
    public static final long MAX_RAM_BYTES = 256L << 20;

    public static final long LED0_BASE = 0x1FF00000L, LED1_BASE = 0x1FF20010L;
    public static final long INTC_BASE = 0x1FF90000L, INTC_SIZE = 0x40;

    private final Bus bus;
    private final long cpuHz;
    private final P5064Interrupts intc;
    private final Uart16550 com1, com2;
    private final Rtc146818 rtc;
    private final SimControl simControl;
    private final BootRom bootRom;
    private final LedDisplay led0, led1;
    private final boolean defaultRom;
    private Cpu cpu;

    /** A board with the default clock, start date and stub boot ROM. */
    public P5064Board(long ramBytes, boolean bigEndian, OutputStream console, InputStream consoleIn) {
        this(ramBytes, bigEndian, console, consoleIn, DEFAULT_CPU_HZ, Rtc146818.DEFAULT_START, null);
    }

    /**
     * @param console   COM1 output (the CLI passes System.out), or null to discard
     * @param consoleIn COM1 input, polled without blocking, or null
     * @param cpuHz     pipeline clock in Hz (RTC and UART timing)
     * @param rtcStart  the RTC's date at cycle 0
     * @param romImage  boot ROM contents in memory order, or null for the halting stub
     */
    public P5064Board(long ramBytes, boolean bigEndian, OutputStream console, InputStream consoleIn,
                      long cpuHz, LocalDateTime rtcStart, byte[] romImage) {
        if (ramBytes > MAX_RAM_BYTES) {
            throw new IllegalArgumentException("RAM size " + ramBytes + " exceeds the P-5064's 256 MB");
        }
        if (cpuHz <= 0) throw new IllegalArgumentException("CPU frequency must be positive: " + cpuHz);
        this.cpuHz = cpuHz;
        this.bus = new Bus(new PhysicalMemory(ramBytes, bigEndian));
        CycleClock clock = () -> cpu == null ? 0 : cpu.cycle;

        intc = new P5064Interrupts((ip, level) -> {
            if (cpu != null) cpu.setInterruptLine(ip, level);
        });
        com1 = new Uart16550("com1", console, consoleIn, clock, cpuHz);
        com2 = new Uart16550("com2", null, null, clock, cpuHz); // output discarded, no input
        com1.onOutputError(this::consoleFailed);
        rtc = new Rtc146818(clock, cpuHz, rtcStart);
        com1.connectIrq(intc.line(P5064Interrupts.LOCINT, P5064Interrupts.LOCINT_COM1));
        com2.connectIrq(intc.line(P5064Interrupts.LOCINT, P5064Interrupts.LOCINT_COM2));
        rtc.connectIrq(intc.line(P5064Interrupts.LOCINT, P5064Interrupts.LOCINT_RTC));
        simControl = new SimControl(clock, this::halt);
        defaultRom = romImage == null;
        bootRom = new BootRom(defaultRom ? BootRom.defaultImage(bigEndian) : romImage, bigEndian);
        led0 = new LedDisplay("led0", 1);
        led1 = new LedDisplay("led1", 4);

        // Most frequently used first (the bus searches windows in order).
        bus.map(IsaIoSpace.BASE, IsaIoSpace.SIZE, new IsaIoSpace(com1, com2, rtc));
        bus.map(SimControl.BASE, SimControl.SIZE, simControl);
        bus.map(INTC_BASE, INTC_SIZE, intc);
        bus.map(BootRom.BASE, BootRom.SIZE, bootRom);
        bus.map(LED0_BASE, 4, led0);
        bus.map(LED1_BASE, 16, led1);
    }

    /** Connects the CPU: interrupt outputs, sim-control halts, device timing ({@code cpu.events}). */
    public void attach(Cpu cpu) {
        if (cpu.bus != bus) throw new IllegalArgumentException("the CPU was built on another bus");
        this.cpu = cpu;
        cpu.events = this;
        intc.pushAll(cpu::setInterruptLine);
        cpu.requestEventCheck();
    }

    private void halt(int status) {
        flush();
        if (cpu == null || cpu.haltReason == HaltReason.HOST_IO_ERROR) return; // the flush failed: that is the news
        // Only the reset and exception stubs get a specific reason: the return-to-monitor stub at 0x100
        // halts with the guest's own $v0, which may be 122 or 123 too.
        int stub = defaultRom ? romOffset(cpu.pc) : -1;
        if (stub >= 0 && status == BootRom.RESET_EXIT && stub < BootRom.RETURN_STUB) {
            cpu.halt(HaltReason.RESET_VECTOR, status, "reset vector reached (no boot firmware is emulated)");
        } else if (stub >= 0 && status == BootRom.EXCEPTION_EXIT && stub >= BootRom.EXCEPTION_VECTORS[0]) {
            cpu.halt(HaltReason.UNHANDLED_EXCEPTION, status, "unhandled guest exception (the image installed no"
                + " handler): " + ExcCode.name((cpu.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT)
                + String.format(", EPC 0x%x, BadVAddr 0x%x", cpu.cp0.epc, cpu.cp0.badVAddr));
        } else {
            cpu.halt(HaltReason.GUEST_EXIT, status, "sim-control exit " + status);
        }
    }

    /** The console's host sink failed: stop the run (the first failure is the one reported). */
    private void consoleFailed(java.io.IOException e) {
        if (cpu == null || cpu.haltReason == HaltReason.HOST_IO_ERROR) return;
        cpu.halt(HaltReason.HOST_IO_ERROR, Cpu.NO_STATUS, "console output failed: " + HostFiles.reason(e));
    }

    /** The boot ROM offset of a KSEG0/KSEG1 PC, or -1 if it is not in the boot ROM window. */
    private static int romOffset(long pc) {
        long pa = pc & 0x1FFFFFFFL;
        boolean inRom = (int) pc == pc && (((int) pc) >>> 30) == 2 && pa >= BootRom.BASE && pa < BootRom.BASE + BootRom.SIZE;
        return inRom ? (int) (pa - BootRom.BASE) : -1;
    }

    /** Flushes the console output (call at the end of a run, whatever stopped it). */
    public void flush() {
        com1.flush();
    }

    // ------------------------------------------------------------------ ExternalEvents

    @Override
    public long nextEventAt() {
        return Math.min(rtc.nextEventAt(), Math.min(com1.nextEventAt(), com2.nextEventAt()));
    }

    /**
     * The CPU idles in WAIT. When COM1 waits for live input (the host's stdin) the host thread sleeps until a
     * byte arrives or until the next other event ({@code until}, the RTC, COM2) is due in real time, instead of
     * spinning through receive polls: an idle machine costs no host CPU, and its clocks (Count, the RTC) see the
     * real idle time, so timer ticks keep their real-time rate. A byte that arrives after t seconds is received
     * at cycle now + t * cpuHz, or at COM1's next receive poll if that is later. Input from a file is never
     * waited for (it is all there), so such runs stay a function of their inputs (docs/board.md, "Idle").
     */
    @Override
    public long idle(long now, long until) {
        long others = Math.min(until, Math.min(rtc.nextEventAt(), com2.nextEventAt()));
        if (!com1.awaitsLiveInput()) return Math.min(others, com1.nextEventAt());
        long startNs = System.nanoTime();
        long budgetNs = others == Long.MAX_VALUE ? Long.MAX_VALUE : cyclesToNanos(others - now);
        if (!com1.awaitLiveInput(budgetNs)) return others;
        long at = now + nanosToCycles(System.nanoTime() - startNs);
        return Math.min(others, Math.max(at, com1.nextEventAt()));
    }

    private long cyclesToNanos(long cycles) {
        return cycles >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE
                : (long) (cycles * (1e9 / cpuHz));
    }

    private long nanosToCycles(long nanos) {
        return (long) (nanos * (cpuHz / 1e9));
    }

    @Override
    public void runUntil(long cycle) {
        rtc.runUntil(cycle);
        com1.runUntil(cycle);
        com2.runUntil(cycle);
    }

    // ------------------------------------------------------------------ accessors

    public Bus bus() { return bus; }
    public PhysicalMemory ram() { return bus.ram; }
    public long cpuHz() { return cpuHz; }
    public Cpu cpu() { return cpu; }
    public P5064Interrupts intc() { return intc; }
    public Uart16550 com1() { return com1; }
    public Uart16550 com2() { return com2; }
    public Rtc146818 rtc() { return rtc; }
    public SimControl simControl() { return simControl; }
    public BootRom bootRom() { return bootRom; }
    public LedDisplay led0() { return led0; }
    public LedDisplay led1() { return led1; }
}
