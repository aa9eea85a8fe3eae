package pebble.r5k.cpu;

import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;

/**
 * The guest registers as a region's code reads and writes them: in {@code Cpu.gpr}, through a local that
 * holds the array (docs/translator.md, "Registers"). The array is always current, so a semantics method, a
 * kernel instruction or an exit needs nothing written back first, and nothing reloaded after.
 *
 * <p>Regions used to keep the registers they name in long locals, written back at every exit and around every
 * call. C2 then had every cached register live across each call and into the one shared exit block, and
 * compiled a region about a fifth longer for no measurable gain in steady state. Without them, whole process:
 * CoreMark 0.91 and the gcc workload 0.92 of the CPU time (docs/translator.md, "Registers").
 */
final class RegionRegisters {
    /** A long local for moving a value under an array reference (the emitter's own locals are below it). */
    static final int SCRATCH = 42;
    private static final String CPU = "pebble/r5k/cpu/Cpu";

    /** Locals holding Cpu.gpr and (timed) Scoreboard.gprReadyAt, loaded once at entry. */
    private final int gprArray, readyArray;
    private MethodVisitor mv;

    RegionRegisters(int gprArray, int readyArray) {
        this.gprArray = gprArray;
        this.readyArray = readyArray;
    }

    void setVisitor(MethodVisitor mv) { this.mv = mv; }

    /** Pushes GPR r (a long; $0 is the constant 0). */
    void load(int r) { loadElement(gprArray, r); }

    /** Pops a long into GPR r (dropped for $0). */
    void store(int r) { storeElement(gprArray, r); }

    /** Pushes the ready cycle of GPR r from Scoreboard.gprReadyAt (0 for $0, which is always ready). */
    void loadReady(int r) { loadElement(readyArray, r); }

    /** Pops a long into the ready cycle of GPR r (dropped for $0). */
    void storeReady(int r) { storeElement(readyArray, r); }

    /** Element r of the long[] in local {@code array}; $0 reads as 0 from either array. */
    private void loadElement(int array, int r) {
        if (r == 0) {
            mv.visitInsn(LCONST_0);
            return;
        }
        mv.visitVarInsn(ALOAD, array);
        mv.visitLdcInsn(r);
        mv.visitInsn(LALOAD);
    }

    /** Pops a long into element r of the long[] in local {@code array}; dropped for $0. */
    private void storeElement(int array, int r) {
        if (r == 0) {
            mv.visitInsn(POP2);
            return;
        }
        mv.visitVarInsn(LSTORE, SCRATCH);
        mv.visitVarInsn(ALOAD, array);
        mv.visitLdcInsn(r);
        mv.visitVarInsn(LLOAD, SCRATCH);
        mv.visitInsn(LASTORE);
    }

    /** Loads the array local: {@code gpr = c.gpr} (the ready array is set by the emitter, timed only). */
    void loadArrays(int cpuLocal) {
        mv.visitVarInsn(ALOAD, cpuLocal);
        mv.visitFieldInsn(GETFIELD, CPU, "gpr", "[J");
        mv.visitVarInsn(ASTORE, gprArray);
    }
}
