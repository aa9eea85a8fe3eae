package pebble.r5k.fpu;

import pebble.r5k.cpu.Cpu;

import static pebble.r5k.cpu.Cp0Reg.SR_FR;

/**
 * The two MIPS IV views of the FPRs over {@code Cpu.fpr} (32 x 64-bit containers).
 *
 * <p>Status.FR = 1: 32 64-bit registers; a single or word is the low half of {@code fpr[n]}.
 * <p>Status.FR = 0: 32 32-bit registers, each the low half of {@code fpr[n]}; a double (or long) lives in the
 * even/odd pair, low word in the even register and high word in the odd one, so reading the odd register as
 * a single returns the high word of the double. A double access to an odd register number is UNPREDICTABLE in
 * MIPS IV; we ignore the low bit, as the Linux FPU emulator does (docs/fpu.md).
 *
 * <p>Writing a single/word keeps the upper half of the container (MIPS IV leaves it UNPREDICTABLE with FR = 1).
 */
public final class FpuRegs {
    private FpuRegs() {}

    public static boolean fr(Cpu cpu) { return (cpu.cp0.status & SR_FR) != 0; }

    public static int getS(Cpu cpu, int n) { return (int) cpu.fpr[n]; }

    public static void setS(Cpu cpu, int n, int v) {
        cpu.fpr[n] = (cpu.fpr[n] & 0xFFFF_FFFF_0000_0000L) | (v & 0xFFFF_FFFFL);
    }

    public static long getD(Cpu cpu, int n) {
        if (fr(cpu)) return cpu.fpr[n];
        int even = n & ~1;
        return (cpu.fpr[even + 1] << 32) | (cpu.fpr[even] & 0xFFFF_FFFFL);
    }

    public static void setD(Cpu cpu, int n, long v) {
        if (fr(cpu)) { cpu.fpr[n] = v; return; }
        int even = n & ~1;
        setS(cpu, even, (int) v);
        setS(cpu, even + 1, (int) (v >>> 32));
    }
}
