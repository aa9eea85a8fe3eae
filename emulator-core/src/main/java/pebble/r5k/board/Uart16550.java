package pebble.r5k.board;

import pebble.r5k.cpu.ExternalEvents;
import pebble.r5k.mem.Device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An ns16550-compatible UART (COM1 at ISA port 0x3F8 is the console; hardware reference §4.1). Eight byte
 * registers at offsets 0..7; an access wider than a byte addresses the register at its offset and uses the
 * low byte of the value.
 *
 * <p>Transmission is instantaneous: THR writes go straight to the output sink (flushed at newline and by
 * {@link #flush}), so LSR.THRE and LSR.TEMT always read 1 and a THR write re-arms the THRE interrupt at once.
 * Reception polls the input stream without blocking ({@code available()}) when the guest reads RBR, LSR or
 * IIR, and also once per character time (10 bits at the programmed divisor, 1.8432 MHz clock) while IER.RDA
 * is enabled, so an interrupt-driven guest receives input. Both are functions of the cycle counter and of
 * what {@code available()} reports, so the run is deterministic when the stream's availability is (a
 * byte-array stream in tests); the CLI's stdin pump thread makes arrival times host-dependent (docs/board.md).
 * While the guest idles in WAIT for live input ({@link LiveInput}) the board blocks the host instead
 * (P5064Board#idle).
 * Receive holds one byte (the next is fetched as soon as RBR is read, which looks like a FIFO to the guest).
 *
 * <p>The IRQ output follows IER and the pending conditions; it is not gated by MCR.OUT2 (the P-5064's
 * wiring of OUT2 is undocumented; NetBSD sets OUT2 anyway). Loopback (MCR bit 4) is modelled.
 */
public final class Uart16550 implements Device, ExternalEvents {
    /** UART input clock (NetBSD COM_FREQ; hardware reference §4.1). */
    public static final long UART_CLOCK_HZ = 1_843_200L;

    // Register offsets.
    public static final int RBR_THR_DLL = 0, IER_DLM = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    // IER bits.
    public static final int IER_RDA = 0x01, IER_THRE = 0x02, IER_RLS = 0x04, IER_MS = 0x08;
    // IIR values.
    public static final int IIR_NONE = 0x01, IIR_RLS = 0x06, IIR_RDA = 0x04, IIR_THRE = 0x02, IIR_MS = 0x00,
            IIR_FIFO_ON = 0xC0;
    // LCR / MCR / LSR bits.
    public static final int LCR_DLAB = 0x80;
    public static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    public static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40;
    /** MSR when not in loopback: CTS, DSR and DCD asserted (a terminal is connected), no deltas. */
    public static final int MSR_CONNECTED = 0xB0;

    private final String name;
    private final OutputStream out;
    private InputStream in;
    private final CycleClock clock;
    private final long cpuHz;
    private IrqLine irq = IrqLine.NONE;

    private int ier, lcr, mcr, scr, fcr;
    private int dll = 12, dlm; // 9600 baud at reset (PMON/NetBSD console rate)
    private int rbr;
    private boolean dataReady, overrun;
    /** THRE interrupt armed: THR became empty and nothing has acknowledged it yet. */
    private boolean threPending;
    private boolean irqLevel;
    private long nextPoll = Long.MAX_VALUE;
    /** Told when the output sink fails (a closed pipe, a full disk): the board stops the run. */
    private java.util.function.Consumer<IOException> outputFailed = e -> {};

    /**
     * @param out   transmit sink (the console), or null to discard output
     * @param in    receive source polled without blocking, or null for no input
     * @param clock the emulated cycle counter (for the receive-poll schedule)
     * @param cpuHz pipeline clock frequency, cycles per second
     */
    public Uart16550(String name, OutputStream out, InputStream in, CycleClock clock, long cpuHz) {
        this.name = name;
        this.out = out;
        this.in = in;
        this.clock = clock;
        this.cpuHz = cpuHz;
    }

    /** Connects the IRQ output (to the interrupt controller). */
    public void connectIrq(IrqLine line) {
        this.irq = line;
        irqLevel = false;
        updateIrq();
    }

    // ------------------------------------------------------------------ Device

    @Override
    public int read(long offset, int size) {
        switch ((int) offset & 7) {
            case RBR_THR_DLL:
                if ((lcr & LCR_DLAB) != 0) return dll;
                return readRbr();
            case IER_DLM:
                return (lcr & LCR_DLAB) != 0 ? dlm : ier;
            case IIR_FCR:
                return readIir();
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR: {
                poll();
                int v = LSR_THRE | LSR_TEMT | (dataReady ? LSR_DR : 0) | (overrun ? LSR_OE : 0);
                if (overrun) {
                    overrun = false; // OE is cleared by reading LSR
                    updateIrq();
                }
                return v;
            }
            case MSR:
                if ((mcr & MCR_LOOP) != 0) {
                    // Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
                    return ((mcr & MCR_RTS) << 3) | ((mcr & MCR_DTR) << 5) | ((mcr & MCR_OUT1) << 4)
                            | ((mcr & MCR_OUT2) << 4);
                }
                return MSR_CONNECTED;
            default:
                return scr;
        }
    }

    @Override
    public void write(long offset, int size, int value) {
        int v = value & 0xFF;
        switch ((int) offset & 7) {
            case RBR_THR_DLL:
                if ((lcr & LCR_DLAB) != 0) { dll = v; reschedule(); return; }
                transmit(v);
                return;
            case IER_DLM:
                if ((lcr & LCR_DLAB) != 0) { dlm = v; reschedule(); return; }
                int was = ier;
                ier = v & 0x0F;
                if ((ier & IER_THRE) != 0 && (was & IER_THRE) == 0) threPending = true; // THR is empty
                reschedule();
                updateIrq();
                return;
            case IIR_FCR:
                fcr = v & 0xC9; // bits 1,2 (FIFO resets) are self-clearing
                if ((v & 0x02) != 0) { dataReady = false; overrun = false; } // reset receive FIFO
                updateIrq();
                return;
            case LCR:
                lcr = v;
                return;
            case MCR:
                mcr = v & 0x1F;
                return;
            case LSR:
            case MSR:
                return; // read-only (factory test writes ignored)
            default:
                scr = v;
        }
    }

    @Override
    public String name() {
        return name;
    }

    // ------------------------------------------------------------------ ExternalEvents (receive poll)

    @Override
    public long nextEventAt() {
        return nextPoll;
    }

    @Override
    public void runUntil(long cycle) {
        if (cycle < nextPoll) return;
        poll();
        // Next poll one character time after this one (not after `cycle`), but never in the past.
        long period = charCycles();
        long next = nextPoll + period;
        nextPoll = next > cycle ? next : cycle + period;
        if (!wantsPolling()) nextPoll = Long.MAX_VALUE;
    }

    // ------------------------------------------------------------------ host side

    /** Flushes the output sink (at halt and end of run); a failure goes to the output-error handler. */
    public void flush() {
        if (out == null) return;
        try {
            out.flush();
        } catch (IOException e) {
            outputFailed.accept(e);
        }
    }

    /**
     * Who hears that the output sink failed. A guest cannot see it (a UART has no such status), but a user
     * must: output lost silently would make the run's console wrong without a word.
     */
    public void onOutputError(java.util.function.Consumer<IOException> handler) {
        outputFailed = handler;
    }

    /**
     * Whether the UART is waiting for a byte of live input (LiveInput) to raise its receive interrupt: the
     * guest enabled it, nothing is held in RBR, and the input has not ended.
     */
    public boolean awaitsLiveInput() {
        return in instanceof LiveInput && wantsPolling() && !dataReady && (mcr & MCR_LOOP) == 0;
    }

    /** Blocks the host up to {@code nanos} until live input has a byte or has ended (see {@link LiveInput}). */
    public boolean awaitLiveInput(long nanos) {
        return in instanceof LiveInput live && live.awaitInput(nanos);
    }

    /** The programmed divisor latch (DLM:DLL). */
    public int divisor() {
        return (dlm << 8) | dll;
    }

    /** Cycles per received character: 10 bits at UART_CLOCK/(16*divisor) baud, at least 1. */
    public long charCycles() {
        long d = divisor() == 0 ? 1 : divisor();
        long c = cpuHz * 10 * 16 * d / UART_CLOCK_HZ;
        return c > 0 ? c : 1;
    }

    public boolean irqAsserted() {
        return irqLevel;
    }

    // ------------------------------------------------------------------ internals

    private void transmit(int v) {
        if ((mcr & MCR_LOOP) != 0) {
            receive(v);
        } else if (out != null) {
            try {
                out.write(v);
                if (v == '\n') out.flush();
            } catch (IOException e) {
                outputFailed.accept(e); // the byte is lost: the board stops the run and says why
            }
        }
        threPending = true; // THR empties instantly
        updateIrq();
    }

    private int readRbr() {
        poll();
        int v = rbr;
        if (dataReady) {
            dataReady = false;
            poll(); // the next byte is available at once, like a FIFO
        }
        updateIrq();
        return v;
    }

    private int readIir() {
        poll();
        int id = currentInterrupt();
        if (id == IIR_THRE) threPending = false; // reading IIR acknowledges THRE
        updateIrq();
        return id | ((fcr & 0x01) != 0 ? IIR_FIFO_ON : 0);
    }

    /** The highest-priority pending, enabled interrupt as an IIR code. */
    private int currentInterrupt() {
        if ((ier & IER_RLS) != 0 && overrun) return IIR_RLS;
        if ((ier & IER_RDA) != 0 && dataReady) return IIR_RDA;
        if ((ier & IER_THRE) != 0 && threPending) return IIR_THRE;
        return IIR_NONE; // modem-status changes never happen here
    }

    private void updateIrq() {
        boolean level = currentInterrupt() != IIR_NONE;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /** Takes one byte from the input stream if the holding register is free and the host has one ready. */
    private void poll() {
        if (dataReady || in == null || (mcr & MCR_LOOP) != 0) return;
        try {
            if (in.available() > 0) {
                int b = in.read();
                if (b >= 0) receive(b);
                else in = null; // end of input
            }
        } catch (IOException e) {
            in = null; // treat a broken input as disconnected
        }
    }

    private void receive(int b) {
        if (dataReady) overrun = true;
        rbr = b & 0xFF;
        dataReady = true;
        updateIrq();
    }

    private boolean wantsPolling() {
        return in != null && (ier & IER_RDA) != 0;
    }

    private void reschedule() {
        if (!wantsPolling()) {
            nextPoll = Long.MAX_VALUE;
        } else if (nextPoll == Long.MAX_VALUE) {
            nextPoll = clock.now() + charCycles();
        }
    }
}
