package pebble.r5k.bench;

import org.openjdk.jmh.annotations.*;
import pebble.r5k.Machine;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Guest instructions per second on the kernel-style trace ({@code workloads/kernel.s}): short user slices,
 * SYSCALL context switches and TLB refills. This is the branchy, exception-heavy kind of code the
 * performance notes (§5.4) ask every speed change to be measured on, beside {@link InterpreterBenchmark}'s
 * compute kernels, and on its IPC-dense variant. One operation is one retired guest instruction.
 *
 * <p>Run: {@code mvn -q -B -DskipTests package -pl bench -am && java -jar bench/target/benchmarks.jar KernelBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KernelBenchmark extends LauncherForkedBenchmark {
    /** "off" = functional fast mode (--no-timing); "on" = the cycle-accurate model (the CLI default). */
    @Param({"off", "on"})
    public String timing;

    private byte[] image, denseImage;
    private Machine machine, denseMachine;
    private ByteArrayOutputStream console, denseConsole;

    @Setup(Level.Trial)
    public void assemble() {
        image = Workloads.kernelImage(true);
        denseImage = Workloads.ipcDenseKernelImage(true);
    }

    @Setup(Level.Invocation)
    public void freshMachine() {
        console = new ByteArrayOutputStream();
        machine = Workloads.load(image, "kernel.s", console);
        denseConsole = new ByteArrayOutputStream();
        denseMachine = Workloads.load(denseImage, "kernel.s", denseConsole);
        if (timing.equals("on")) {
            machine.enableTiming(pebble.r5k.timing.TimingTable.defaults(), null);
            denseMachine.enableTiming(pebble.r5k.timing.TimingTable.defaults(), null);
        }
    }

    @Benchmark
    @OperationsPerInvocation((int) Workloads.KERNEL_INSTRUCTIONS)
    public long kernelTrace() {
        return check(machine, console, Workloads.KERNEL_INSTRUCTIONS, Workloads.KERNEL_OUTPUT);
    }

    /**
     * The IPC-dense variant ({@link Workloads#ipcDenseKernelImage}): one round of work per slice, so a
     * SYSCALL, an ASID switch and an ERET every few dozen instructions.
     */
    @Benchmark
    @OperationsPerInvocation((int) Workloads.IPC_DENSE_INSTRUCTIONS)
    public long ipcDense() {
        return check(denseMachine, denseConsole, Workloads.IPC_DENSE_INSTRUCTIONS, Workloads.IPC_DENSE_OUTPUT);
    }

    private static long check(Machine m, ByteArrayOutputStream out, long instructions, String output) {
        Machine.RunResult r = m.run(Long.MAX_VALUE);
        if (r.instructions() != instructions || !output.equals(out.toString())) {
            throw new IllegalStateException("kernel trace changed: " + r + " output " + out);
        }
        return r.cycles();
    }
}
