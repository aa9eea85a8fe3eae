package pebble.r5k.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the emulator in one JVM, their runs alternating: the steady-state speed ratio of build B to
 * build A. This machine's speed drifts by a third within minutes, so two builds timed one after the other, even
 * in many JVMs in turn, compare machine states more than builds. Here each build has a class loader of its own
 * (its own copy of every class, its own compiled code and region classes), and each pair of runs is a few
 * milliseconds apart, so a slow stretch slows both. Two copies of the same jar give a median ratio of 1.000 with
 * quartiles within 1.5 % (100 pairs of the gcc workload). Each build is driven through its public API
 * (Workloads.load, Machine.enableTiming, Machine.run) by reflection, so any earlier build's benchmarks jar will do.
 *
 * <p>Run (the launcher's JIT options matter: docs/translator.md):
 * {@code java -Xss8m -XX:+UseSerialGC -Xmn8m -cp bench/target/benchmarks.jar pebble.r5k.bench.SameJvmComparison
 * A.jar B.jar WORKLOAD [WARM-UP PAIRS [PAIRS [off]]]}, WORKLOAD one of {@code ipc} (the IPC-dense kernel trace),
 * {@code kernel}, {@code workload} (the gcc workload, big-endian) or an ELF file; {@code off}: {@code --no-timing}.
 */
public final class SameJvmComparison {
    private SameJvmComparison() {}

    /** One build: a fresh machine per run, as the benchmarks make them. */
    private static final class Build {
        private final Method load, enableTiming, run, instructions;
        private final Object image, timingTable;
        private final boolean timed;

        Build(Path jar, String workload, boolean timed) throws Exception {
            ClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> workloads = l.loadClass("pebble.r5k.bench.Workloads");
            Class<?> machine = l.loadClass("pebble.r5k.Machine");
            Class<?> table = l.loadClass("pebble.r5k.timing.TimingTable");
            image = switch (workload) {
                case "ipc" -> workloads.getMethod("ipcDenseKernelImage", boolean.class).invoke(null, true);
                case "kernel" -> workloads.getMethod("kernelImage", boolean.class).invoke(null, true);
                case "workload" -> workloads.getMethod("resource", String.class).invoke(null, "workload-be.elf");
                default -> Files.readAllBytes(Path.of(workload));
            };
            load = workloads.getMethod("load", byte[].class, String.class, java.io.ByteArrayOutputStream.class);
            timingTable = table.getMethod("defaults").invoke(null);
            enableTiming = Arrays.stream(machine.getMethods()).filter(m -> m.getName().equals("enableTiming")
                    && m.getParameterCount() == 2).findFirst().orElseThrow();
            run = machine.getMethod("run", long.class);
            instructions = run.getReturnType().getMethod("instructions");
            this.timed = timed;
        }

        /** Guest instructions per thread-CPU second of one run. */
        double run(ThreadMXBean threads) throws Exception {
            Object m = load.invoke(null, image, "comparison", new java.io.ByteArrayOutputStream());
            if (timed) enableTiming.invoke(m, timingTable, null);
            long t0 = threads.getCurrentThreadCpuTime();
            Object r = run.invoke(m, Long.MAX_VALUE);
            long t = threads.getCurrentThreadCpuTime() - t0;
            return (long) instructions.invoke(r) * 1e3 / Math.max(1, t);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SameJvmComparison A.jar B.jar ipc|kernel|workload|IMAGE.elf [warm-up pairs [pairs [off]]]");
            System.exit(2);
        }
        boolean timed = args.length < 6 || !args[5].equals("off");
        Build a = new Build(Path.of(args[0]), args[2], timed), b = new Build(Path.of(args[1]), args[2], timed);
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 60, pairs = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warm; i++) {
            a.run(threads);
            b.run(threads);
        }
        double[] ratio = new double[pairs], sa = new double[pairs], sb = new double[pairs];
        for (int i = 0; i < pairs; i++) { // alternating which build runs first
            if ((i & 1) == 0) {
                sa[i] = a.run(threads);
                sb[i] = b.run(threads);
            } else {
                sb[i] = b.run(threads);
                sa[i] = a.run(threads);
            }
            ratio[i] = sb[i] / sa[i];
        }
        int faster = (int) Arrays.stream(ratio).filter(r -> r > 1).count();
        Arrays.sort(ratio);
        Arrays.sort(sa);
        Arrays.sort(sb);
        System.out.printf("B/A %.3f (quartiles %.3f-%.3f), B faster in %d of %d pairs; medians A %.1f, B %.1f M instr/s%n",
                ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], faster, pairs, sa[pairs / 2], sb[pairs / 2]);
    }
}
