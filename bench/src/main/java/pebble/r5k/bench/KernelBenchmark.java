package pebble.r5k.bench;

import org.openjdk.jmh.annotations.*;
import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Guest instructions per second on the kernel-style trace ({@code workloads/kernel.s}): short user slices,
 * SYSCALL context switches and TLB refills. This is the branchy, exception-heavy kind of code the
 * performance notes (§5.4) ask every speed change to be measured on, beside {@link InterpreterBenchmark}'s
 * compute kernels. One operation is one retired guest instruction.
 *
 * <p>Run: {@code mvn -q -B -DskipTests package -pl bench -am && java -jar bench/target/benchmarks.jar KernelBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KernelBenchmark {
    /** "off" = functional fast mode (--no-timing); "on" = the cycle-accurate model (the CLI default). */
    @Param({"off", "on"})
    public String timing;

    private byte[] image;
    private Machine machine;
    private ByteArrayOutputStream console;

    @Setup(Level.Trial)
    public void assemble() {
        image = Workloads.kernelImage(true);
    }

    @Setup(Level.Invocation)
    public void freshMachine() {
        console = new ByteArrayOutputStream();
        machine = Workloads.load(image, "kernel.s", console);
        if (timing.equals("on")) machine.enableTiming(pebble.r5k.timing.TimingTable.defaults(), null);
    }

    @Benchmark
    @OperationsPerInvocation((int) Workloads.KERNEL_INSTRUCTIONS)
    public long kernelTrace() {
        Machine.RunResult r = machine.run(Long.MAX_VALUE);
        if (r.instructions() != Workloads.KERNEL_INSTRUCTIONS || !Workloads.KERNEL_OUTPUT.equals(console.toString())) {
            throw new IllegalStateException("kernel trace changed: " + r + " output " + console);
        }
        return r.cycles();
    }
}
