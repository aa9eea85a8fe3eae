package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import java.util.EnumSet;
import java.util.Set;

import static org.objectweb.asm.Opcodes.*;

/**
 * A kernel instruction in a region: a CP0 write, a TLB instruction, ERET, CACHE, SYNC, WAIT, SYSCALL/BREAK or
 * an FP branch. Each may change what the loop itself depends on (the mode, the ASID and so the translation, the
 * I-cache, events, the PC). The region has already bounded, fetched and issued the instruction like any other;
 * this class emits the rest, which is one call: {@link Region#kernelOp} (timed) or
 * {@link Region#kernelOpFunctional} hands the region's counters and PC state back to the machine and runs the
 * instruction through the loop's own execute and retire ({@link TimedCore#regionKernelOp},
 * {@link Interpreter#executeAndRetire}): the same semantics, the same flushes, the same exception entry or ERET
 * cost, the same event request.
 *
 * <p>After ERET, SYSCALL, BREAK, WAIT and the FP branches the region returns: they always move the PC elsewhere
 * or idle. After the others ({@link #GOES_ON}) the call returns whether the loop would simply go on to the next
 * word with its fetch window unchanged, and if so the region goes on too (docs/translator.md, "Kernel
 * instructions"), with the bound reading {@code nextEventAt} again: an event the instruction requested leaves
 * before the next instruction, as the loop's bound does.
 */
final class KernelOpEmitter {
    private KernelOpEmitter() {}

    /** The kernel instructions (never in a delay slot: RegionCompiler.extent). */
    static final Set<Op> OPS = EnumSet.of(Op.MTC0, Op.DMTC0, Op.TLBR, Op.TLBWI, Op.TLBWR, Op.TLBP, Op.ERET,
            Op.CACHE, Op.SYNC, Op.WAIT, Op.SYSCALL, Op.BREAK, Op.BC1F, Op.BC1T, Op.BC1FL, Op.BC1TL);

    /**
     * Those a region may go on after, when at run time they raised nothing and left the PC on the next word. None
     * writes a GPR, so no ready cycle the region's interlock knowledge holds has changed.
     */
    static final Set<Op> GOES_ON = EnumSet.of(Op.MTC0, Op.DMTC0, Op.TLBR, Op.TLBWI, Op.TLBWR, Op.TLBP, Op.CACHE,
            Op.SYNC);

    static {
        for (Op op : GOES_ON) {
            if ((op.effects & (Effects.WRITES_RD | Effects.WRITES_RT | Effects.WRITES_RA)) != 0) {
                throw new ExceptionInInitializerError(
                        op + " writes a GPR: a region going on after it would misjudge its interlocks");
            }
        }
    }

    private static final boolean[] GOES_ON_BY_ORDINAL = new boolean[Op.values().length];

    static {
        for (Op op : GOES_ON) GOES_ON_BY_ORDINAL[op.ordinal()] = true;
    }

    /**
     * Whether a region in the page at {@code pageVa} may go on after the kernel instruction with Op ordinal
     * {@code op}. A timed region goes on only while the fetch window is still the instruction's line
     * ({@link Region#kernelOp}): every change of a translation that could move its page drops that window (only
     * a kseg0 window survives a context change or TLB write, in kernel mode), and so does every CACHE op on the
     * I-cache. A functional region has no window, so it goes on only in unmapped code (kseg0, kseg1), and only
     * while the CPU is still in kernel mode there ({@link Region#kernelOpFunctional}): no ASID or TLB change can
     * move such a page, and memory is coherent.
     */
    static boolean goesOn(int op, long pageVa, boolean timed) {
        return GOES_ON_BY_ORDINAL[op] && (timed || unmapped(pageVa));
    }

    /** kseg0 or kseg1 (sign-extended 0x80000000..0xBFFFFFFF): translated the same way whatever the ASID and TLB. */
    static boolean unmapped(long va) {
        return (va >>> 30) == 0x3_FFFF_FFFEL;
    }

    private static final String CPU = "pebble/r5k/cpu/Cpu", CORE = "pebble/r5k/cpu/TimedCore",
            REGION = "pebble/r5k/cpu/Region";

    /**
     * Emits the execute and retire of the kernel instruction {@code word} (Op ordinal {@code op}) at {@code pc},
     * not in a delay slot, issued at the cycle in long local {@code issueLocal}, with the region's retired count
     * pushed by {@code pushRetired} and its same-line-hit count in long local {@code hitsLocal} (timed only). Then the
     * method returns, or, with {@code resume} non-null, goes on through {@code resume} (which restores the
     * region's state) when the helper says the loop would go on to the next word.
     */
    static void emit(MethodVisitor mv, boolean timed, int op, int word, long pc, int coreLocal, int cpuLocal,
                     int issueLocal, Runnable pushRetired, int hitsLocal, Runnable resume) {
        if (timed) mv.visitVarInsn(ALOAD, coreLocal);
        mv.visitVarInsn(ALOAD, cpuLocal);
        mv.visitLdcInsn(op);
        mv.visitLdcInsn(word);
        mv.visitLdcInsn(pc);
        mv.visitVarInsn(LLOAD, issueLocal);
        pushRetired.run();
        if (timed) {
            mv.visitVarInsn(LLOAD, hitsLocal);
            mv.visitMethodInsn(INVOKESTATIC, REGION, "kernelOp", "(L" + CORE + ";L" + CPU + ";IIJJJJ)Z", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, REGION, "kernelOpFunctional", "(L" + CPU + ";IIJJJ)Z", false);
        }
        if (resume == null) {
            mv.visitInsn(POP);
            mv.visitInsn(RETURN);
            return;
        }
        Label on = new Label();
        mv.visitJumpInsn(IFNE, on);
        mv.visitInsn(RETURN);
        mv.visitLabel(on);
        resume.run();
    }
}
