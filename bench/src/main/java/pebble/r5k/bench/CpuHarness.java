package pebble.r5k.bench;

import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The paired-run speed figure of docs/translator.md: for each workload, the best thread-CPU time of the
 * second half of N runs on fresh machines in one JVM. Thread CPU time holds up better than wall time on a
 * shared machine (other builds steal the core, not this thread's CPU time), and the first half of the runs
 * is warm-up. Compare two builds by running their jars in turn, several times each; the JIT's outcome
 * differs from one JVM to the next (docs/translator.md, "The fork-to-fork spread"), so one pair proves
 * nothing. JMH ({@link InterpreterBenchmark}, {@link KernelBenchmark}) is the careful figure on a quiet machine.
 *
 * <p>Run: {@code java -XX:+UseSerialGC -cp bench/target/benchmarks.jar pebble.r5k.bench.CpuHarness [runs]}.
 */
public final class CpuHarness {
    private CpuHarness() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        report(threads, "kernel.s timed", Workloads.kernelImage(true), true, runs);
        report(threads, "IPC-dense timed", Workloads.ipcDenseKernelImage(true), true, runs);
        byte[] workload = Workloads.resource("workload-be.elf");
        report(threads, "workload-be timed", workload, true, runs);
        report(threads, "workload-be functional", workload, false, runs);
    }

    private static void report(ThreadMXBean threads, String name, byte[] image, boolean timed, int runs) {
        long best = Long.MAX_VALUE;
        Machine.RunResult r = null;
        for (int i = 0; i < runs; i++) {
            Machine m = Workloads.load(image, name, new ByteArrayOutputStream());
            if (timed) m.enableTiming(TimingTable.defaults(), null);
            long t0 = threads.getCurrentThreadCpuTime();
            r = m.run(Long.MAX_VALUE);
            long t = threads.getCurrentThreadCpuTime() - t0;
            if (i >= runs / 2) best = Math.min(best, t);
        }
        System.out.printf("%-24s %,12d instr %,12d cyc  %7.1f M instr/cpu-s%n", name, r.instructions(), r.cycles(),
                r.instructions() * 1e3 / best);
    }
}
