package pebble.r5k.bench;

import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.image.GuestImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The benchmark guest images: the integer workload (built from src-guest/bench by gcc, committed as
 * resources) and the kernel-style trace (assembled from its committed source at set-up).
 */
public final class Workloads {
    private Workloads() {}

    /** Instructions the integer workload retires (deterministic; checked at set-up). */
    public static final long INTEGER_WORKLOAD_INSTRUCTIONS = 9_275_634L;

    /**
     * Instructions the kernel-style trace ({@code workloads/kernel.s}) retires. ERET retires (docs/cpu.md), so
     * this includes its 30,000 ERETs: 20,000 system calls and 10,000 TLB refills each return with one.
     */
    public static final long KERNEL_INSTRUCTIONS = 4_691_503L;

    /** What the kernel-style trace prints: the two checksums, computed from its arithmetic alone. */
    public static final String KERNEL_OUTPUT = "kernel checksums A=f93dc0bb B=f9ac5e9f\n";

    /**
     * The kernel-style trace as an ELF image, assembled from {@code workloads/kernel.s} by Pebble's own
     * assembler: two user processes at one virtual address (ASIDs 1 and 2), SYSCALL-driven context switches
     * and TLB refills, the kind of code the Pebble nucleus runs.
     */
    public static byte[] kernelImage(boolean bigEndian) {
        return assembleKernel(kernelSource(), bigEndian);
    }

    /** Instructions the IPC-dense variant retires (deterministic; checked at set-up). */
    public static final long IPC_DENSE_INSTRUCTIONS = 1_331_499L;

    /** What the IPC-dense variant prints: one round per slice gives both processes the same checksum. */
    public static final String IPC_DENSE_OUTPUT = "kernel checksums A=ace70402 B=ace70402\n";

    /**
     * The IPC-dense variant of the kernel-style trace: the same kernel, but each user slice does one round of
     * work before its SYSCALL (instead of 24 and 20), so context switches, ERETs, EntryHi writes and TLB
     * refills come every few dozen instructions, as in the Pebble paper's IPC tables.
     */
    public static byte[] ipcDenseKernelImage(boolean bigEndian) {
        String source = kernelSource();
        String dense = source.replace("user_a: USER    24", "user_a: USER    1").replace("user_b: USER    20", "user_b: USER    1");
        if (dense.equals(source)) throw new IllegalStateException("kernel.s: the user processes' USER lines changed");
        return assembleKernel(dense, bigEndian);
    }

    private static String kernelSource() {
        return new String(resource("kernel.s"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] assembleKernel(String source, boolean bigEndian) {
        try {
            AssembledProgram p = Assembler.assembleString("kernel.s", source, AsmOptions.defaults().withBigEndian(bigEndian));
            return Assembler.toElf(p);
        } catch (AssemblyException e) {
            throw new IllegalStateException("kernel.s: " + e.getMessage(), e);
        }
    }

    public static byte[] resource(String name) {
        try (InputStream in = Workloads.class.getResourceAsStream("/workloads/" + name)) {
            if (in == null) throw new IllegalStateException("missing workload resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh machine with the image loaded and the CPU at its entry point, exactly as {@code pebble run}
     * starts it ({@link GuestImage#loadInto}: segments, BSS, TLB rule and the monitor's start state).
     */
    public static Machine load(byte[] image, String name, ByteArrayOutputStream console) {
        GuestImage guest = GuestImage.fromElf(name, image);
        Machine m = Machine.create(guest.bigEndian(), 8L << 20, console, null);
        guest.loadInto(m);
        return m;
    }
}
