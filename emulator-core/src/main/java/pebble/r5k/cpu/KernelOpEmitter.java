package pebble.r5k.cpu;

import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Op;

import java.util.EnumSet;
import java.util.Set;

import static org.objectweb.asm.Opcodes.*;

/**
 * The end of a region at a kernel instruction: a CP0 write, a TLB instruction, ERET, CACHE, SYNC, WAIT,
 * SYSCALL/BREAK or an FP branch. Each may change what the loop itself depends on (the mode, the ASID and
 * so the translation, the I-cache, events, the PC), so a region ends after it. The region has already
 * bounded, fetched and issued the instruction like any other; this class emits the rest, which is one
 * call: {@link Region#kernelOp} (timed) or {@link Region#kernelOpFunctional} hands the region's counters
 * and PC state back to the machine and runs the instruction through the loop's own execute and retire
 * ({@link TimedCore#regionKernelOp}, {@link Interpreter#executeAndRetire}): the same semantics, the same
 * flushes, the same exception entry or ERET cost, the same event check. Then the region returns, and the
 * dispatcher goes on from whatever PC the instruction left.
 */
final class KernelOpEmitter {
    private KernelOpEmitter() {}

    /** The instructions a region ends after (never in a delay slot: RegionCompiler.extent). */
    static final Set<Op> OPS = EnumSet.of(Op.MTC0, Op.DMTC0, Op.TLBR, Op.TLBWI, Op.TLBWR, Op.TLBP, Op.ERET,
            Op.CACHE, Op.SYNC, Op.WAIT, Op.SYSCALL, Op.BREAK, Op.BC1F, Op.BC1T, Op.BC1FL, Op.BC1TL);

    private static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region";

    /**
     * Emits the execute and retire of the kernel instruction {@code word} (Op ordinal {@code op}) at {@code pc},
     * not in a delay slot, issued at the cycle in long local {@code issueLocal}, with the region's retired and
     * same-line-hit counts in long locals {@code retiredLocal} and {@code hitsLocal} (timed only), and returns.
     */
    static void emit(MethodVisitor mv, boolean timed, int op, int word, long pc, int coreLocal, int cpuLocal,
                     int issueLocal, int retiredLocal, int hitsLocal) {
        if (timed) mv.visitVarInsn(ALOAD, coreLocal);
        mv.visitVarInsn(ALOAD, cpuLocal);
        mv.visitLdcInsn(op);
        mv.visitLdcInsn(word);
        mv.visitLdcInsn(pc);
        mv.visitVarInsn(LLOAD, issueLocal);
        mv.visitVarInsn(LLOAD, retiredLocal);
        if (timed) {
            mv.visitVarInsn(LLOAD, hitsLocal);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "kernelOp", "(L" + CORE + ";L" + CPU + ";IIJJJJ)V", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "kernelOpFunctional", "(L" + CPU + ";IIJJJ)V", false);
        }
        mv.visitInsn(RETURN);
    }
}
