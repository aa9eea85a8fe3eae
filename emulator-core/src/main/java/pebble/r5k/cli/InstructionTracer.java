package pebble.r5k.cli;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.cpu.RetireListener;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Reg;

import java.io.PrintStream;

/**
 * {@code --trace}: one line per retired instruction with the registers it changed; an ERET's line adds where it
 * went and the cycle; an exception (which retires nothing, docs/cpu.md) gets a line of its own:
 * <pre>
 * exception Sys at pc 80001004, EPC 80001004, cycle 53
 * 80000180: 401a7000  mfc0 k0,$14                  k0=ffffffff80001004
 * ...
 * 8000018c: 42000018  eret                         to 80001008, cycle 108
 * </pre>
 * Also used by {@code pebble boot}.
 */
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
        if (Decoder.decode(word) == Op.ERET) sb.append(" to ").append(address(cpu.pc)).append(", cycle ").append(cpu.cycle);
        out.println(sb);
        snapshot();
    }

    @Override
    public void exception(long pc) {
        int code = (cpu.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT;
        StringBuilder sb = new StringBuilder(80);
        sb.append("exception ").append(ExcCode.name(code)).append(" at pc ").append(address(pc))
                .append(", EPC ").append(address(cpu.cp0.epc));
        if (setsBadVAddr(code)) sb.append(", BadVAddr ").append(address(cpu.cp0.badVAddr));
        sb.append(", cycle ").append(cpu.cycle);
        out.println(sb);
        snapshot();
    }

    /** The exceptions that load BadVAddr (MIPS III: address errors and TLB exceptions). */
    private static boolean setsBadVAddr(int code) {
        return code == ExcCode.MOD || code == ExcCode.TLBL || code == ExcCode.TLBS || code == ExcCode.ADEL
                || code == ExcCode.ADES;
    }

    /** A 32-bit address (sign-extended) in 8 digits, as the instruction lines print the PC; others in 16. */
    private static String address(long a) {
        return a == (int) a ? String.format("%08x", a & 0xFFFFFFFFL) : String.format("%016x", a);
    }
}
