package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;

/**
 * The FPU control registers: FCR0 (implementation/revision) and FCR31 (FCSR). The one place their layout is
 * written down (MIPS IV ISA §"FPU control registers"; R5000 FCR0 from hardware reference §3.2).
 *
 * <p>FCR31: RM 1:0, Flags 6:2, Enables 11:7, Cause 17:12, FCC0 23, FS 24, FCC1..7 31:25. Bits 22:18 read as 0.
 * Inside each 5/6-bit group the exceptions are ordered I, U, O, Z, V (and E, cause only).
 */
public final class Fcsr {
    private Fcsr() {}

    /** FCR0 of the R5000: implementation 0x23, revision 1.0 (hardware reference §3.2). */
    public static final int FCR0 = 0x2310;

    public static final int RN = 0, RZ = 1, RP = 2, RM = 3;
    public static final int RM_MASK = 3;

    /** Exception bits inside a group (flags/enables/cause). */
    public static final int I = 1, U = 2, O = 4, Z = 8, V = 16, E = 32;

    public static final int FLAGS_SHIFT = 2, ENABLES_SHIFT = 7, CAUSE_SHIFT = 12;
    public static final int FLAGS_MASK = 0x1F << FLAGS_SHIFT;
    public static final int ENABLES_MASK = 0x1F << ENABLES_SHIFT;
    public static final int CAUSE_MASK = 0x3F << CAUSE_SHIFT;
    public static final int CAUSE_E = E << CAUSE_SHIFT;
    public static final int FCC0 = 1 << 23;
    public static final int FS = 1 << 24;
    /** Bits software can write through CTC1 (22:18 are zero on MIPS IV). */
    public static final int WRITABLE = 0xFF83FFFF;

    public static int rm(int fcr31) { return fcr31 & RM_MASK; }
    public static int cause(int fcr31) { return (fcr31 >>> CAUSE_SHIFT) & 0x3F; }
    public static int enables(int fcr31) { return (fcr31 >>> ENABLES_SHIFT) & 0x1F; }
    public static int flags(int fcr31) { return (fcr31 >>> FLAGS_SHIFT) & 0x1F; }
    public static boolean flushToZero(int fcr31) { return (fcr31 & FS) != 0; }

    /** The FCSR bit holding condition code {@code cc} (0..7). */
    public static int ccBit(int cc) { return cc == 0 ? FCC0 : 1 << (24 + cc); }

    public static boolean cc(int fcr31, int cc) { return (fcr31 & ccBit(cc)) != 0; }

    public static int withCc(int fcr31, int cc, boolean value) {
        int bit = ccBit(cc);
        return value ? fcr31 | bit : fcr31 & ~bit;
    }

    /** Whether the Cause bits, with their Enables (E is always enabled), call for an FPE exception. */
    public static boolean trapPending(int fcr31) {
        return (cause(fcr31) & (enables(fcr31) | E)) != 0;
    }

    /** Records exception conditions detected by the current instruction in Cause. */
    static void signal(Cpu cpu, int bits) { cpu.fcr31 |= bits << CAUSE_SHIFT; }

    /** Whether the current instruction met an Unimplemented Operation (its result is to be emulated). */
    static boolean unimplemented(Cpu cpu) { return (cpu.fcr31 & CAUSE_E) != 0; }
}
