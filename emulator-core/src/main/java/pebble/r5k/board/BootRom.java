package pebble.r5k.board;

import pebble.r5k.mem.Device;

/**
 * The configured boot ROM: 512 KB at physical 0x1FC00000 (KSEG1 0xBFC00000, the reset vector; hardware
 * reference §4.1). Read-only: writes are ignored. Contents are an image in memory order (as an EPROM file
 * lists its bytes), zero-padded to 512 KB; accesses assemble bytes in the CPU's endianness.
 *
 * <p>Without an image the ROM holds {@link #defaultImage a stub}: no PMON is emulated, so anything that
 * reaches the ROM stops the run through {@link SimControl} with a recognisable status instead of hanging.
 * The reset vector (0xBFC00000) halts with {@link #RESET_EXIT}; the BEV exception vectors (0xBFC00200 TLB
 * refill, 0x280 XTLB refill, 0x300 cache error, 0x380 general, 0x400 interrupt with Cause.IV) halt with
 * {@link #EXCEPTION_EXIT}; the board turns both into typed halt reasons (cpu.HaltReason), so the CLI can tell
 * them from a guest's own 122 or 123. Each stub is {@code lui k0,0xbfff; ori k1,zero,status; sw k1,0(k0); b .; nop}.
 */
public final class BootRom implements Device {
    public static final long BASE = 0x1FC00000L;
    public static final int SIZE = 512 * 1024;
    /** Exit status when execution reaches the reset vector of the default ROM. */
    public static final int RESET_EXIT = 122;
    /** Exit status when an exception is taken with Status.BEV = 1 and the default ROM. */
    public static final int EXCEPTION_EXIT = 123;
    /**
     * Offset of the "return to monitor" stub (KSEG1 0xBFC00100): a bare image's $ra points here, so an entry
     * function that returns halts the run with its $v0 as exit status (as returning to PMON would end it).
     */
    public static final int RETURN_STUB = 0x100;
    /** Offsets of the stubs in the default ROM. */
    public static final int[] EXCEPTION_VECTORS = {0x200, 0x280, 0x300, 0x380, 0x400};

    private final byte[] rom = new byte[SIZE];
    private final boolean bigEndian;

    public BootRom(byte[] image, boolean bigEndian) {
        if (image.length > SIZE) {
            throw new IllegalArgumentException("boot ROM image is " + image.length + " bytes; the ROM holds " + SIZE);
        }
        System.arraycopy(image, 0, rom, 0, image.length);
        this.bigEndian = bigEndian;
    }

    /** The default stub ROM image (see the class comment), in memory order for the given endianness. */
    public static byte[] defaultImage(boolean bigEndian) {
        byte[] img = new byte[0x420];
        putStub(img, 0x000, RESET_EXIT, bigEndian);
        putWords(img, RETURN_STUB, returnStub(), bigEndian);
        for (int v : EXCEPTION_VECTORS) putStub(img, v, EXCEPTION_EXIT, bigEndian);
        return img;
    }

    /** The five-word halting stub for {@code status}. */
    static int[] stub(int status) {
        return new int[] {
            0x3C1A0000 | (int) ((0xA0000000L | SimControl.BASE) >>> 16), // lui  k0, 0xbfff
            0x341B0000 | (status & 0xFF),                               // ori  k1, zero, status
            0xAF5B0000 | SimControl.EXIT,                               // sw   k1, EXIT(k0)
            0x1000FFFF,                                                 // b    .
            0x00000000,                                                 // nop
        };
    }

    /** {@code lui k0,0xbfff; sw v0,EXIT(k0); b .; nop}: halt with $v0 as the exit status. */
    static int[] returnStub() {
        return new int[] {
            0x3C1A0000 | (int) ((0xA0000000L | SimControl.BASE) >>> 16), // lui  k0, 0xbfff
            0xAF420000 | SimControl.EXIT,                               // sw   v0, EXIT(k0)
            0x1000FFFF,                                                 // b    .
            0x00000000,                                                 // nop
        };
    }

    private static void putStub(byte[] img, int at, int status, boolean bigEndian) {
        putWords(img, at, stub(status), bigEndian);
    }

    private static void putWords(byte[] img, int at, int[] words, boolean bigEndian) {
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            for (int b = 0; b < 4; b++) {
                int shift = bigEndian ? 24 - 8 * b : 8 * b;
                img[at + 4 * i + b] = (byte) (w >>> shift);
            }
        }
    }

    @Override
    public int read(long offset, int size) {
        int o = (int) offset;
        int v = 0;
        for (int b = 0; b < size; b++) {
            int byteVal = rom[o + b] & 0xFF;
            v |= byteVal << (bigEndian ? 8 * (size - 1 - b) : 8 * b);
        }
        return v;
    }

    @Override
    public void write(long offset, int size, int value) {
        // Read-only: the P-5064 has separate write windows (0x1F800000) that are not modelled.
    }

    @Override
    public String name() {
        return "boot-rom";
    }
}
