package pebble.r5k.fpu;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.isa.Op;

/** Placeholder until the FPU lands: COP1 instructions raise Coprocessor Unusable while CU1 = 0. */
public final class FpuOps {
    private FpuOps() {}

    public static int execute(Cpu cpu, Op op, int word) {
        if ((cpu.cp0.status & Cp0Reg.SR_CU1) == 0) return cpu.raiseCpU(1);
        return cpu.raise(ExcCode.RI);
    }
}
