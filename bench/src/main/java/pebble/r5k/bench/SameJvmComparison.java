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
 * <p>The JIT's outcome still differs from one JVM to the next (which build's regions C2 compiles first, where
 * the code lands: two copies of one jar gave 1.04 to 1.065 on the IPC-dense trace), so the comparison runs in
 * several JVMs, half of them with the builds' order swapped, each started with the launcher's JVM options, and
 * reports the median. Run: {@code java -cp bench/target/benchmarks.jar pebble.r5k.bench.SameJvmComparison
 * A.jar B.jar WORKLOAD [ROUNDS [WARM-UP PAIRS [PAIRS [off]]]]}, WORKLOAD one of {@code ipc} (the IPC-dense
 * kernel trace), {@code kernel}, {@code workload} (the gcc workload, big-endian) or an ELF file; ROUNDS (2) pairs
 * of JVMs; {@code off}: {@code --no-timing}.
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

    /**
     * {@code A.jar B.jar WORKLOAD [ROUNDS [WARM-UP PAIRS [PAIRS [off]]]]}: ROUNDS times, a JVM with A first and a
     * JVM with B first, each started with the launcher's JVM options ({@link LauncherJvmOptions#ALL}); prints each
     * JVM's median ratio of B to A and their median.
     */
    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--one-jvm")) {
            oneJvm(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: SameJvmComparison A.jar B.jar ipc|kernel|workload|IMAGE.elf [rounds [warm-up pairs [pairs [off]]]]");
            System.exit(2);
        }
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        String[] rest = Arrays.copyOfRange(args, Math.min(args.length, 4), args.length);
        double[] ratios = new double[2 * rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[2 * r] = child(args[0], args[1], args[2], rest);
            ratios[2 * r + 1] = 1 / child(args[1], args[0], args[2], rest);
            System.out.printf(java.util.Locale.ROOT, "round %d: B/A %.3f with A first, %.3f with B first%n", r + 1, ratios[2 * r], ratios[2 * r + 1]);
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = (sorted[rounds - 1] + sorted[rounds]) / 2;
        System.out.printf(java.util.Locale.ROOT, "B/A %.3f: the median of %d JVMs (%.3f to %.3f)%n", median, 2 * rounds, sorted[0], sorted[2 * rounds - 1]);
    }

    /** One JVM, with the launcher's options, running {@code first} and {@code second}: the median ratio second/first. */
    private static double child(String first, String second, String workload, String[] rest) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(LauncherJvmOptions.ALL));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SameJvmComparison.class.getName());
        cmd.add("--one-jvm");
        cmd.add(first);
        cmd.add(second);
        cmd.add(workload);
        cmd.addAll(Arrays.asList(rest));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        String last = out.substring(out.lastIndexOf('\n') + 1); // (the JVM may print notes first: JAVA_TOOL_OPTIONS)
        if (p.waitFor() != 0 || !last.startsWith("B/A ")) throw new IllegalStateException("comparison JVM failed: " + out);
        return Double.parseDouble(last.substring(4, last.indexOf(' ', 4)));
    }

    /** {@code A.jar B.jar WORKLOAD [WARM-UP PAIRS [PAIRS [off]]]} in this JVM. */
    private static void oneJvm(String[] args) throws Exception {
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
        System.out.printf(java.util.Locale.ROOT, "B/A %.3f (quartiles %.3f-%.3f), B faster in %d of %d pairs; medians A %.1f, B %.1f M instr/s%n",
                ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], faster, pairs, sa[pairs / 2], sb[pairs / 2]);
    }
}
