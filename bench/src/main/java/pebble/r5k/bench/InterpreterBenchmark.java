package pebble.r5k.bench;

import org.openjdk.jmh.annotations.*;
import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Guest instructions per second of the interpreter on the gcc-compiled integer workload (sieve, CRC-32,
 * insertion sort, a branchy state machine). One operation = one retired guest instruction, so the JMH
 * score in ops/s is guest instructions per second. Statistics counters are always on (they are what
 * {@code --stats} prints). The {@code timing} parameter measures the functional loop and the cycle-accurate
 * mode (caches, interlocks, with the region translator as {@code pebble run} uses it; targets: ≥150 M/s off,
 * ≥120 M/s on).
 *
 * <p>Run: {@code mvn -q -B -DskipTests package -pl bench -am && java -jar bench/target/benchmarks.jar InterpreterBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// The forks run with the launcher's JVM options (LauncherJvmOptions), so that the steady state measured here is
// the code `pebble run` runs.
@Fork(value = 1, jvmArgsAppend = {LauncherJvmOptions.STACK, LauncherJvmOptions.GC, LauncherJvmOptions.YOUNG,
        LauncherJvmOptions.WIDE_OOPS, LauncherJvmOptions.PRETENURE, LauncherJvmOptions.TIER3_DELAY,
        LauncherJvmOptions.QUIET, LauncherJvmOptions.LOADS_CALLED, LauncherJvmOptions.STORES_CALLED,
        LauncherJvmOptions.RELINK_CALLED, LauncherJvmOptions.TIER4_INVOCATIONS,
        LauncherJvmOptions.TIER4_MIN_INVOCATIONS, LauncherJvmOptions.TIER4_COMPILE,
        LauncherJvmOptions.TIER4_BACKEDGES, LauncherJvmOptions.TIER4_FEEDBACK, LauncherJvmOptions.REGIONS_SCALED})
public class InterpreterBenchmark {
    @Param({"workload-be.elf", "workload-le.elf"})
    public String image;

    /** "off" = functional fast mode (--no-timing); "on" = the cycle-accurate model (the CLI default). */
    @Param({"off", "on"})
    public String timing;

    private byte[] bytes;
    private Machine machine;
    private ByteArrayOutputStream console;

    @Setup(Level.Trial)
    public void loadImage() {
        bytes = Workloads.resource(image);
    }

    @Setup(Level.Invocation)
    public void freshMachine() {
        console = new ByteArrayOutputStream();
        machine = Workloads.load(bytes, image, console);
        if (timing.equals("on")) machine.enableTiming(pebble.r5k.timing.TimingTable.defaults(), null);
    }

    @Benchmark
    @OperationsPerInvocation((int) Workloads.INTEGER_WORKLOAD_INSTRUCTIONS)
    public long integerWorkload() {
        Machine.RunResult r = machine.run(Long.MAX_VALUE);
        if (r.instructions() != Workloads.INTEGER_WORKLOAD_INSTRUCTIONS || r.exitStatus() != 0) {
            throw new IllegalStateException("workload changed: " + r + " output " + console);
        }
        return r.cycles();
    }
}
