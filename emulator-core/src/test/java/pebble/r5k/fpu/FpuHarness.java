package pebble.r5k.fpu;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One instruction at a time through {@link FpuOps#execute}: operands go to the standard registers of
 * {@link FpuTestSupport}, the result is read back from fd. Keeps the bit-pattern tests one line each.
 */
final class FpuHarness {
    static final long SENTINEL = 0x5A5A_5A5A_A5A5_A5A5L;

    final Cpu cpu;
    int rc;

    FpuHarness(boolean fr) {
        cpu = FpuTestSupport.cpu(fr);
    }

    FpuHarness fcsr(int v) { cpu.fcr31 = v; return this; }

    /** Runs {@code op} on single operands (fs, ft, fr); returns the 32-bit fd. */
    int s(Op op, int fs, int ft, int fr) {
        FpuRegs.setD(cpu, FpuTestSupport.FD, SENTINEL);
        FpuRegs.setS(cpu, FpuTestSupport.FS, fs);
        FpuRegs.setS(cpu, FpuTestSupport.FT, ft);
        FpuRegs.setS(cpu, FpuTestSupport.FR, fr);
        rc = FpuOps.execute(cpu, op, FpuTestSupport.word(op, 0));
        return FpuRegs.getS(cpu, FpuTestSupport.FD);
    }

    int s(Op op, int fs, int ft) { return s(op, fs, ft, 0); }
    int s(Op op, int fs) { return s(op, fs, 0, 0); }

    /** Runs {@code op} on double/long operands; returns the 64-bit fd. */
    long d(Op op, long fs, long ft, long fr) {
        FpuRegs.setD(cpu, FpuTestSupport.FD, SENTINEL);
        FpuRegs.setD(cpu, FpuTestSupport.FS, fs);
        FpuRegs.setD(cpu, FpuTestSupport.FT, ft);
        FpuRegs.setD(cpu, FpuTestSupport.FR, fr);
        rc = FpuOps.execute(cpu, op, FpuTestSupport.word(op, 0));
        return FpuRegs.getD(cpu, FpuTestSupport.FD);
    }

    long d(Op op, long fs, long ft) { return d(op, fs, ft, 0); }
    long d(Op op, long fs) { return d(op, fs, 0, 0); }

    int cause() { return Fcsr.cause(cpu.fcr31); }
    int flags() { return Fcsr.flags(cpu.fcr31); }

    /** Asserts the instruction completed with exactly these Cause bits (and that Flags gained them). */
    void ok(int cause) {
        assertEquals(Cpu.OK, rc, "instruction trapped");
        assertEquals(cause, cause(), "FCSR.Cause");
        assertEquals(cause & 0x1F, flags() & cause & 0x1F, "Flags accumulate Cause");
    }

    /** Asserts a Floating-Point exception (ExcCode 15) with exactly these Cause bits. */
    void fpe(int cause) {
        assertEquals(Cpu.TRAPPED, rc, "no exception taken");
        assertEquals(ExcCode.FPE, (cpu.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT, "ExcCode");
        assertEquals(cause, cause(), "FCSR.Cause");
    }
}
