package pebble.r5k.cli;

import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.RetireListener;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Reg;

import java.io.PrintStream;

/** {@code --trace}: one line per retired instruction with the register it changed (also used by {@code pebble boot}). */
public final class InstructionTracer implements RetireListener {
    private final Cpu cpu;
    private final PrintStream out;
    private final long[] before = new long[32];
    private long hi, lo;

    public InstructionTracer(Cpu cpu, PrintStream out) {
        this.cpu = cpu;
        this.out = out;
        snapshot();
    }

    private void snapshot() {
        System.arraycopy(cpu.gpr, 0, before, 0, 32);
        hi = cpu.hi;
        lo = cpu.lo;
    }

    @Override
    public void retired(long pc, int word) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(String.format("%08x: %08x  %-28s", pc & 0xFFFFFFFFL, word, TraceFormat.disassemble(pc, word)));
        for (int r = 1; r < 32; r++) {
            if (cpu.gpr[r] != before[r]) sb.append(' ').append(Reg.name(r)).append('=').append(String.format("%016x", cpu.gpr[r]));
        }
        if (cpu.hi != hi) sb.append(String.format(" hi=%016x", cpu.hi));
        if (cpu.lo != lo) sb.append(String.format(" lo=%016x", cpu.lo));
        out.println(sb);
        snapshot();
    }
}
