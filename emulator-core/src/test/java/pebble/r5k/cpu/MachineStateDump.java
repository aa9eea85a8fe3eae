package pebble.r5k.cpu;

import pebble.r5k.Machine;
import pebble.r5k.timing.StatsWriter;

import java.util.Arrays;

/**
 * Everything observable of a machine after a run, as text, for the translator's equivalence tests: two runs
 * that must be indistinguishable (translated or not, docs/translator.md) give equal dumps. The run's result,
 * the GPRs, HI/LO, the PC state, LLbit, the FPRs and FCSR, the CP0 registers a guest or the loop changes, the
 * exception counts, the TLB, a hash of all of RAM and the full statistics JSON. One dump for every such test,
 * so none compares less than the others.
 */
final class MachineStateDump {
    private MachineStateDump() {}

    /** The dump of {@code m} after the run that returned {@code r} ({@code null}: several runs, no one result). */
    static String of(Machine m, Machine.RunResult r) {
        Cpu c = m.cpu();
        Cp0 p = c.cp0;
        StringBuilder s = new StringBuilder().append(r).append('\n');
        for (int i = 0; i < 32; i++) s.append(Long.toHexString(c.gpr[i])).append(' ');
        s.append("\nhi ").append(c.hi).append(" lo ").append(c.lo).append(" pc ").append(Long.toHexString(c.pc))
                .append(" npc ").append(Long.toHexString(c.npc)).append(" slot ").append(c.inDelaySlot)
                .append(" ll ").append(c.llBit).append(" refills ").append(c.tlbRefills).append('\n');
        for (int i = 0; i < 32; i++) s.append(Long.toHexString(c.fpr[i])).append(' ');
        s.append("\nfcsr ").append(Integer.toHexString(c.fcr31)).append('\n');
        long[] cp0 = {p.epc, p.causeRead(), p.status, p.badVAddr, p.count(), p.entryHi, p.index, p.random(),
                p.entryLo0, p.entryLo1, p.pageMask, p.wired, p.context, p.compare, p.tagLo};
        for (long v : cp0) s.append(Long.toHexString(v)).append(' ');
        s.append('\n').append(Arrays.toString(p.exceptionCount)).append('\n');
        for (int i = 0; i < Tlb.ENTRIES; i++) {
            s.append(Long.toHexString(c.tlb.entryHi(i))).append('/').append(Long.toHexString(c.tlb.entryLo0(i)))
                    .append('/').append(Long.toHexString(c.tlb.entryLo1(i))).append(' ');
        }
        long sum = 0;
        for (int w : m.ram().words) sum = sum * 31 + w;
        s.append("\nram ").append(sum).append('\n');
        return s.append(StatsWriter.json(m.stats())).toString();
    }
}
