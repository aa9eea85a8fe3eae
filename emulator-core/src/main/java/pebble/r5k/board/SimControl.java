package pebble.r5k.board;

import pebble.r5k.mem.Device;

/**
 * Pebble emulator extension (not on a real P-5064) at physical 0x1FFF0000 (KSEG1 0xBFFF0000), 32 bytes in
 * an unused part of the board's local-I/O area (hardware reference §4.1 lists nothing there):
 * <pre>
 *   +0x0  write: halt the machine with exit status (value &amp; 0xFF)      read: 0
 *   +0x4  read:  cycle counter, low 32 bits                             write: ignored
 *   +0x8  read:  cycle counter, high 32 bits                            write: ignored
 *   +0xC  write: MARK_BEGIN, open a timeline span named by the guest's  read: 0
 *                NUL-terminated string at virtual address value
 *   +0x10 write: MARK_END, close the span opened with the same value    read: 0
 *                (0: the innermost open span)
 *   +0x14..+0x1C reserved: read 0, writes ignored
 * </pre>
 * Registers are 32 bits wide; use {@code lw}/{@code sw}. A narrower store to +0x0 also halts (the value's
 * low byte is the status); other offsets inside a word are ignored. The two cycle halves are read
 * separately, so a 64-bit read is the usual hi/lo/hi loop.
 */
public final class SimControl implements Device {
    public static final long BASE = 0x1FFF0000L;
    public static final long SIZE = 32;
    public static final int EXIT = 0x0, CYCLE_LO = 0x4, CYCLE_HI = 0x8, MARK_BEGIN = 0xC, MARK_END = 0x10;

    /**
     * Who records guest markers ({@code --timeline}; docs/debugging.md "Timeline"). Without one a marker write
     * does nothing beyond the uncached store it already is: the device itself never changes a cycle.
     */
    public interface MarkerListener {
        /** MARK_BEGIN: {@code nameVa} is the guest's (sign-extended 32-bit) virtual address of the span's name. */
        void markBegin(long nameVa);

        /** MARK_END with the value MARK_BEGIN got (0: the innermost open span). */
        void markEnd(long nameVa);
    }

    /** What halting means (the board flushes the console, tells a guest exit from a boot ROM stub, then calls {@code Cpu.halt}). */
    @FunctionalInterface
    public interface HaltHandler {
        void halt(int status);
    }

    private final CycleClock clock;
    private final HaltHandler halter;
    private MarkerListener markers;

    public SimControl(CycleClock clock, HaltHandler halter) {
        this.clock = clock;
        this.halter = halter;
    }

    /** Sets (or with null, removes) the listener of MARK_BEGIN / MARK_END writes. */
    public void setMarkerListener(MarkerListener l) {
        markers = l;
    }

    @Override
    public int read(long offset, int size) {
        switch ((int) offset & ~3) {
            case CYCLE_LO: return (int) clock.now();
            case CYCLE_HI: return (int) (clock.now() >>> 32);
            default: return 0;
        }
    }

    @Override
    public void write(long offset, int size, int value) {
        if (offset == EXIT) {
            halter.halt(value & 0xFF);
        } else if (markers != null && size == 4) {
            if (offset == MARK_BEGIN) markers.markBegin(value);      // int → sign-extended, as the guest's register
            else if (offset == MARK_END) markers.markEnd(value);
        }
    }

    @Override
    public String name() {
        return "sim-control";
    }
}
