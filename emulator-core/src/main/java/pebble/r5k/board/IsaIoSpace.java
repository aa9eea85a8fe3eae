package pebble.r5k.board;

import pebble.r5k.mem.Device;

/**
 * The PCI I/O window at physical 0x1D000000 (16 MB): ISA port p is at 0x1D000000 + p (hardware reference
 * §4.1). Ports 0x3F8–0x3FF (COM1), 0x2F8–0x2FF (COM2) and 0x70–0x71 (RTC) reach devices; every other port
 * reads 0 and ignores writes (a zero reads as "idle / nothing pending" on the real board's other ISA chips,
 * which guests may probe). An access wider than a byte goes to the port at its address.
 */
public final class IsaIoSpace implements Device {
    public static final long BASE = 0x1D000000L;
    public static final long SIZE = 0x01000000L;
    public static final int COM1_PORT = 0x3F8, COM2_PORT = 0x2F8, RTC_PORT = 0x70;

    private final Uart16550 com1, com2;
    private final Rtc146818 rtc;

    public IsaIoSpace(Uart16550 com1, Uart16550 com2, Rtc146818 rtc) {
        this.com1 = com1;
        this.com2 = com2;
        this.rtc = rtc;
    }

    @Override
    public int read(long offset, int size) {
        int port = (int) offset;
        if ((port & ~7) == COM1_PORT) return com1.read(port & 7, size);
        if ((port & ~7) == COM2_PORT) return com2.read(port & 7, size);
        if ((port & ~1) == RTC_PORT) return rtc.readPort(port & 1);
        return 0;
    }

    @Override
    public void write(long offset, int size, int value) {
        int port = (int) offset;
        if ((port & ~7) == COM1_PORT) com1.write(port & 7, size, value);
        else if ((port & ~7) == COM2_PORT) com2.write(port & 7, size, value);
        else if ((port & ~1) == RTC_PORT) rtc.writePort(port & 1, value);
    }

    @Override
    public String name() {
        return "isa-io";
    }
}
