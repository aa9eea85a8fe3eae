package pebble.r5k.debug;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.fpu.Fcsr;

/**
 * The register file as gdb's MIPS target numbers it when no target description is sent (gdb's mips-tdep
 * raw registers; checked with {@code maint print remote-registers} in gdb-multiarch 13.1 after
 * {@code set architecture mips:4000}): 90 registers of 8 bytes, in the byte order of the target.
 *
 * <pre>
 *  0-31  r0..r31          32 sr (Status)   33 lo   34 hi   35 bad (BadVAddr)   36 cause   37 pc
 * 38-69  f0..f31 (the 64-bit containers; with Status.FR = 0 gdb reads the 32-bit register in the low half)
 *    70  fsr (FCSR, FCR31)                  71 fir (FCR0)
 * 72-89  registers gdb names only for other processors: sent as unavailable ("x")
 * </pre>
 */
final class MipsRegisters {
    static final int COUNT = 90;
    static final int SR = 32, LO = 33, HI = 34, BAD = 35, CAUSE = 36, PC = 37, F0 = 38, FSR = 70, FIR = 71;
    /** Registers 72..89: unavailable on this target. */
    static final int FIRST_ABSENT = 72;

    private MipsRegisters() {}

    /** Whether gdb's register {@code n} exists here (holds a value). */
    static boolean present(int n) {
        return n >= 0 && n < FIRST_ABSENT;
    }

    /** Register {@code n} (0 <= n < FIRST_ABSENT) as a 64-bit value. */
    static long read(Cpu c, int n) {
        if (n < 32) return c.gpr[n];
        if (n >= F0 && n < F0 + 32) return c.fpr[n - F0];
        return switch (n) {
            case SR -> c.cp0.read(Cp0Reg.STATUS);
            case LO -> c.lo;
            case HI -> c.hi;
            case BAD -> c.cp0.badVAddr;
            case CAUSE -> c.cp0.read(Cp0Reg.CAUSE);
            case PC -> c.pc;
            case FSR -> c.fcr31 & 0xFFFFFFFFL;
            case FIR -> Fcsr.FCR0;
            default -> throw new IllegalArgumentException("no register " + n);
        };
    }

    /**
     * Writes register {@code n}. Status and Cause follow MTC0's rules (read-only bits keep their value); FIR
     * is read-only; $0 stays 0. A new PC abandons a pending branch: execution goes on at that address.
     */
    static void write(Cpu c, int n, long v) {
        if (n < 32) {
            if (n != 0) c.gpr[n] = v;
            return;
        }
        if (n >= F0 && n < F0 + 32) {
            c.fpr[n - F0] = v;
            return;
        }
        switch (n) {
            case SR -> c.cp0.write(Cp0Reg.STATUS, v);
            case LO -> c.lo = v;
            case HI -> c.hi = v;
            case BAD -> c.cp0.badVAddr = v;
            case CAUSE -> c.cp0.write(Cp0Reg.CAUSE, v);
            case PC -> {
                if (v != c.pc) {
                    c.pc = v;
                    c.npc = v + 4;
                    c.inDelaySlot = c.delaySlotNext = false;
                }
            }
            case FSR -> c.fcr31 = (int) v;
            case FIR -> { }
            default -> throw new IllegalArgumentException("no register " + n);
        }
    }

    /** Appends register {@code n} as 16 hex digits in the target's byte order ("x"s when absent). */
    static void appendHex(StringBuilder sb, Cpu c, int n) {
        if (!present(n)) {
            sb.append("xxxxxxxxxxxxxxxx");
            return;
        }
        long v = read(c, n);
        for (int i = 0; i < 8; i++) {
            int shift = c.bigEndian ? 56 - 8 * i : 8 * i;
            Hex.appendByte(sb, (int) (v >>> shift) & 0xFF);
        }
    }

    /** The value of 16 hex digits at {@code s[off..]} in the target's byte order. */
    static long parseHex(String s, int off, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            long b = Hex.parseByte(s, off + 2 * i);
            v |= b << (bigEndian ? 56 - 8 * i : 8 * i);
        }
        return v;
    }
}
