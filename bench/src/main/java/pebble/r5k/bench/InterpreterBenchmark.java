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
public class InterpreterBenchmark extends LauncherForkedBenchmark {
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
