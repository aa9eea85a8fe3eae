package pebble.r5k.board;

import pebble.r5k.mem.Device;

/**
 * An LED register bank: LED0 (one register at 0x1FF00000) or LED1, the 4-character display at 0x1FF20010
 * where character x is at +((3-x)*4) (hardware reference §4.1, NetBSD {@code led.c}). Each register is a
 * 32-bit word holding a character; any access inside the word reaches it. Reads return what was written.
 */
public final class LedDisplay implements Device {
    private final String name;
    private final int[] regs;

    public LedDisplay(String name, int registers) {
        this.name = name;
        this.regs = new int[registers];
    }

    @Override
    public int read(long offset, int size) {
        return regs[(int) (offset >>> 2)];
    }

    @Override
    public void write(long offset, int size, int value) {
        regs[(int) (offset >>> 2)] = value & 0xFF;
    }

    /** The displayed characters, character 0 first (register {@code n-1-x} holds character x). */
    public String text() {
        StringBuilder sb = new StringBuilder(regs.length);
        for (int x = 0; x < regs.length; x++) {
            int c = regs[regs.length - 1 - x];
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : ' ');
        }
        return sb.toString();
    }

    @Override
    public String name() {
        return name;
    }
}
