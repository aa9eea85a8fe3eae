package pebble.r5k.bench;

import pebble.r5k.Machine;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;

/**
 * How much of each benchmark workload the translator covers: the share of retired instructions that
 * translated regions retired ({@link Machine#translatedInstructions}), with a rough speed from the last of a
 * few runs on one JVM, and the instructions regions retire per call ({@link Machine#regionCalls}) (JMH's {@link KernelBenchmark} and {@link InterpreterBenchmark} give the careful speed).
 * The share is a host-side measure: it is never part of --stats-json, which does not depend on translation.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar pebble.r5k.bench.TranslationCoverage [runs [only]]}; the speed
 * is the best of the runs; {@code only} keeps the rows whose workload and timing contain it (e.g. "dense on").
 */
public final class TranslationCoverage {
    private TranslationCoverage() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        only = args.length > 1 ? args[1] : "";
        System.out.printf("%-22s %-7s %12s %12s %11s %10s %9s%n", "workload", "timing", "instructions", "cycles",
                "translated", "per call", "M instr/s");
        for (boolean timed : new boolean[] {true, false}) {
            report("kernel.s", Workloads.kernelImage(true), timed, runs);
            report("kernel.s IPC-dense", Workloads.ipcDenseKernelImage(true), timed, runs);
            report("workload-be.elf", Workloads.resource("workload-be.elf"), timed, runs);
        }
    }

    private static String only;

    private static void report(String name, byte[] image, boolean timed, int runs) {
        if (!(name + " " + (timed ? "on" : "off")).contains(only)) return;
        Machine m = null;
        Machine.RunResult r = null;
        long nanos = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            m = Workloads.load(image, name, new ByteArrayOutputStream());
            if (timed) m.enableTiming(TimingTable.defaults(), null);
            long t0 = System.nanoTime();
            r = m.run(Long.MAX_VALUE);
            nanos = Math.min(nanos, System.nanoTime() - t0);
        }
        double share = 100.0 * m.translatedInstructions() / r.instructions();
        double perCall = (double) m.translatedInstructions() / Math.max(1, m.regionCalls());
        System.out.printf("%-22s %-7s %,12d %,12d %10.1f%% %10.1f %9.1f%n", name, timed ? "on" : "off", r.instructions(),
                r.cycles(), share, perCall, r.instructions() * 1e3 / nanos);
    }
}
