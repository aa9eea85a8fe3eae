package pebble.r5k.cpu;

import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import static org.objectweb.asm.Opcodes.*;

/**
 * The guest registers a region keeps in JVM locals while it runs (docs/translator.md, "Registers"): each GPR
 * the region's instructions name, in a long local, so the semantics need no load or store of
 * {@code Cpu.gpr} (an array C2 must assume aliases every other long[] the region touches, such as
 * {@code Scoreboard.gprReadyAt}). The ready cycles stay in the scoreboard's array: keeping them in locals
 * too measured no faster (docs/translator.md) and doubles what every entry and exit moves.
 *
 * <p>The rule that keeps this exact: <b>the locals always hold the current value</b> of the registers
 * they cache, and {@code Cpu.gpr} holds it for every other register. So the array needs the locals' values
 * only when someone else reads it ({@link #spillAll}: every exit, and a call that reads GPRs), and the
 * locals need reloading only after someone else wrote it ({@link #reloadAll}). Only registers some
 * instruction of the region writes can differ from the array ({@link #written}).
 */
final class RegionLocals {
    /** First local slot of the GPR values (the emitter's own locals are below). */
    static final int BASE = 42;
    private static final String CPU = "pebble/r5k/cpu/Cpu";

    /** Registers named by the region (read or written), and those it may write; never $0. */
    final boolean[] used = new boolean[32], written = new boolean[32];
    /** Locals holding Cpu.gpr and (timed) Scoreboard.gprReadyAt, loaded once at entry. */
    private final int gprArray, readyArray;
    private MethodVisitor mv;

    RegionLocals(int[] words, int gprArray, int readyArray) {
        this.gprArray = gprArray;
        this.readyArray = readyArray;
        for (int w : words) {
            Op op = Decoder.decode(w);
            int e = op.effects;
            if ((e & Effects.READS_RS) != 0) use((w >>> 21) & 31, false);
            if ((e & Effects.READS_RT) != 0) use((w >>> 16) & 31, false);
            if ((e & Effects.WRITES_RD) != 0) use((w >>> 11) & 31, true);
            if ((e & Effects.WRITES_RT) != 0) use((w >>> 16) & 31, true);
            if ((e & Effects.WRITES_RA) != 0) use(31, true);
        }
    }

    private void use(int r, boolean write) {
        if (r == 0) return;
        used[r] = true;
        if (write) written[r] = true;
    }

    void setVisitor(MethodVisitor mv) { this.mv = mv; }

    static int gprSlot(int r) { return BASE + 2 * r; }

    /** A long local for moving a value under an array reference; the first slot above it is free. */
    private static final int SCRATCH = BASE + 64;

    // ------------------------------------------------------------------ values

    /** Pushes GPR r (a long; $0 is the constant 0). */
    void load(int r) {
        if (r == 0) {
            mv.visitInsn(LCONST_0);
            return;
        }
        if (!used[r]) throw new IllegalStateException("r" + r + " is not cached in this region");
        mv.visitVarInsn(LLOAD, gprSlot(r));
    }

    /** Pops a long into GPR r (dropped for $0). */
    void store(int r) {
        if (r == 0) {
            mv.visitInsn(POP2);
            return;
        }
        if (!written[r]) throw new IllegalStateException("r" + r + " is not known to be written in this region");
        mv.visitVarInsn(LSTORE, gprSlot(r));
    }

    /** Pushes the ready cycle of GPR r from Scoreboard.gprReadyAt (0 for $0, which is always ready). */
    void loadReady(int r) {
        if (r == 0) {
            mv.visitInsn(LCONST_0);
            return;
        }
        mv.visitVarInsn(ALOAD, readyArray);
        mv.visitLdcInsn(r);
        mv.visitInsn(LALOAD);
    }

    /** Pops a long into the ready cycle of GPR r (dropped for $0). */
    void storeReady(int r) {
        if (r == 0) {
            mv.visitInsn(POP2);
            return;
        }
        mv.visitVarInsn(LSTORE, SCRATCH);
        mv.visitVarInsn(ALOAD, readyArray);
        mv.visitLdcInsn(r);
        mv.visitVarInsn(LLOAD, SCRATCH);
        mv.visitInsn(LASTORE);
    }

    // ------------------------------------------------------------------ moving between locals and arrays

    /** At entry, and after a call that may have written any GPR: every cached value from Cpu.gpr. */
    void reloadAll() {
        for (int r = 1; r < 32; r++) if (used[r]) reload(r);
    }

    /** Every value the region may have changed, to Cpu.gpr: before leaving, or a call that may read any. */
    void spillAll() {
        for (int r = 1; r < 32; r++) if (written[r]) spill(r);
    }

    void spill(int r) {
        mv.visitVarInsn(ALOAD, gprArray);
        mv.visitLdcInsn(r);
        mv.visitVarInsn(LLOAD, gprSlot(r));
        mv.visitInsn(LASTORE);
    }

    private void reload(int r) {
        mv.visitVarInsn(ALOAD, gprArray);
        mv.visitLdcInsn(r);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, gprSlot(r));
    }

    /** Loads the array locals: {@code gpr = c.gpr} (the ready array is set by the emitter, timed only). */
    void loadArrays(int cpuLocal) {
        mv.visitVarInsn(ALOAD, cpuLocal);
        mv.visitFieldInsn(GETFIELD, CPU, "gpr", "[J");
        mv.visitVarInsn(ASTORE, gprArray);
    }
}
