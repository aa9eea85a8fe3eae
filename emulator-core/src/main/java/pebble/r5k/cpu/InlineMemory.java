package pebble.r5k.cpu;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import java.util.EnumMap;
import java.util.Map;

import static org.objectweb.asm.Opcodes.*;
import static pebble.r5k.isa.Fields.*;

/**
 * The ordinary loads and stores (LB..LD, SB..SD) on {@link RegionRegisters}: the address lives in a JVM local,
 * and the access is {@code Cpu.loadN}/{@code storeN} itself, which {@code LoadStoreOps} also calls. In timed
 * regions the D-cache's last-line filter hit ({@link pebble.r5k.cache.L1Cache#filterVa}, the first test
 * {@code Cpu.loadN} makes) is emitted inline, and for words the set filter's test after it (the second): a hit
 * touches no device, no stall and no field but the cache's own, so it needs none of the state a call needs (the
 * PC and cycle fields, a new event bound). Everything else, misaligned addresses included, takes the call,
 * which tests the same things again. Functional regions do the same with the last-page filter
 * ({@link Cpu#loadPage}).
 */
final class InlineMemory {
    private static final String CPU = "pebble/r5k/cpu/Cpu", L1 = "pebble/r5k/cache/L1Cache";

    /** Per row: the access size, and for loads the conversion of the loaded value. */
    private record Access(int size, boolean store, boolean unsigned) {}

    private static final Map<Op, Access> ROWS = new EnumMap<>(Op.class);

    static {
        ROWS.put(Op.LB, new Access(1, false, false));
        ROWS.put(Op.LBU, new Access(1, false, true));
        ROWS.put(Op.LH, new Access(2, false, false));
        ROWS.put(Op.LHU, new Access(2, false, true));
        ROWS.put(Op.LW, new Access(4, false, false));
        ROWS.put(Op.LWU, new Access(4, false, true));
        ROWS.put(Op.LD, new Access(8, false, false));
        ROWS.put(Op.SB, new Access(1, true, false));
        ROWS.put(Op.SH, new Access(2, true, false));
        ROWS.put(Op.SW, new Access(4, true, false));
        ROWS.put(Op.SD, new Access(8, true, false));
    }

    static boolean handles(Op op) {
        return ROWS.containsKey(op);
    }

    /** What the emitter supplies besides {@link InlineOps.Host}. */
    interface Host extends InlineOps.Host {
        /** Local holding the D-cache (timed), or -1 (functional: no inline hit path). */
        int dcache();

        /** Local for the effective address (a long). */
        int va();

        /** Writes what a call may read: the cycle, the PC and the delay-slot flag of the current instruction. */
        void beforeCall();

        /** After the call: the delay-slot flag again, then leaves through the exception path if {@code c.memFault}. */
        void afterCall();

        /** After a call that may have reached a device: the memory stall and the event bound. */
        void afterDeviceAccess();
    }

    private final Host h;
    private final MethodVisitor mv;
    private final RegionRegisters r;

    InlineMemory(Host h) {
        this.h = h;
        this.mv = h.mv();
        this.r = h.regs();
    }

    void emit(Op op, int w) {
        Access a = ROWS.get(op);
        if ((op.effects & Effects.OP64) != 0) {
            Label ok = new Label();
            mv.visitVarInsn(ALOAD, h.cpu());
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "op64Allowed", "()Z", false);
            mv.visitJumpInsn(IFNE, ok);
            h.raise(ExcCode.RI);
            mv.visitLabel(ok);
        }
        r.load(rs(w));
        if (simm(w) != 0) {
            mv.visitLdcInsn((long) simm(w));
            mv.visitInsn(LADD);
        }
        mv.visitVarInsn(LSTORE, h.va());
        Label slow = new Label(), done = new Label(), setFilter = new Label();
        // Words (LW, LWU, SW) alone also test the set filter inline (wordThroughIndex): for the other sizes too, C2
        // took about three times as long per region, their cache accessors inlined a second time
        // (docs/translator.md, "The data path").
        boolean word = a.size == 4;
        if (h.dcache() >= 0) {
            // (va & (~31 | size - 1)) == d.filterVa: the line, and aligned (a misaligned address keeps a low bit
            // and takes the call, which raises the address error); -1, the dropped filter, matches nothing.
            // Stores: filterStoreVa, set only where the TLB allows writing.
            mv.visitVarInsn(LLOAD, h.va());
            mv.visitLdcInsn(~31L | (a.size - 1));
            mv.visitInsn(LAND);
            mv.visitVarInsn(ALOAD, h.dcache());
            mv.visitFieldInsn(GETFIELD, L1, a.store ? "filterStoreVa" : "filterVa", "J");
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, word ? setFilter : slow);
            // d.hits++
            mv.visitVarInsn(ALOAD, h.dcache());
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, L1, "hits", "J");
            mv.visitInsn(LCONST_1);
            mv.visitInsn(LADD);
            mv.visitFieldInsn(PUTFIELD, L1, "hits", "J");
            if (word) { // the word itself, inline: d.data[idx], idx = d.filterLine << 3 | word
                mv.visitVarInsn(ALOAD, h.dcache());
                mv.visitFieldInsn(GETFIELD, L1, "filterLine", "I");
                mv.visitInsn(ICONST_3);
                mv.visitInsn(ISHL);
                mv.visitVarInsn(LLOAD, h.va());
                mv.visitInsn(L2I);
                mv.visitInsn(ICONST_2);
                mv.visitInsn(IUSHR);
                mv.visitIntInsn(BIPUSH, 7);
                mv.visitInsn(IAND);
                mv.visitInsn(IOR);
                mv.visitVarInsn(ISTORE, h.tmpA());
                wordThroughIndex(a, w, setFilter, slow);
            } else { // the narrower and wider ones through the cache's own accessors
                mv.visitVarInsn(ALOAD, h.dcache());
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, L1, "filterLine", "I");
                mv.visitVarInsn(LLOAD, h.va());
                if (a.store) {
                    value(rt(w), a.size);
                    mv.visitInsn(ICONST_1); // a write-back line: dirty
                    mv.visitMethodInsn(INVOKEVIRTUAL, L1, "write" + a.size * 8, "(IJ" + (a.size == 8 ? "J" : "I") + "Z)V", false);
                } else {
                    mv.visitMethodInsn(INVOKEVIRTUAL, L1, "read" + a.size * 8, "(IJ)" + (a.size == 8 ? "J" : "I"), false);
                    loaded(a, rt(w));
                }
            }
            mv.visitJumpInsn(GOTO, done);
        } else {
            pageFilterHit(a, w, slow);
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(slow);
        h.beforeCall();
        mv.visitVarInsn(ALOAD, h.cpu());
        mv.visitVarInsn(LLOAD, h.va());
        if (a.store) {
            value(rt(w), a.size);
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "store" + a.size * 8, "(J" + (a.size == 8 ? "J" : "I") + ")V", false);
            h.afterCall();
        } else {
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "load" + a.size * 8, "(J)" + (a.size == 8 ? "J" : "I"), false);
            // The value stays on the stack past the fault test: the destination is not written on a fault.
            if (a.size == 8) mv.visitVarInsn(LSTORE, h.va()); else mv.visitVarInsn(ISTORE, h.tmpA());
            h.afterCall();
            if (a.size == 8) mv.visitVarInsn(LLOAD, h.va()); else mv.visitVarInsn(ILOAD, h.tmpA());
            loaded(a, rt(w));
        }
        h.afterDeviceAccess();
        mv.visitLabel(done);
    }

    /**
     * Functional regions: the last-page filter's test and hit, the first thing {@code Cpu.loadN}/{@code storeN}
     * do ({@link Cpu#loadPage}): {@code (va & (~0xFFF | size - 1)) == c.loadPage} (stores: storePage), which
     * also fails for a misaligned address, then RAM at {@code pagePa | (va & 0xFFF)} through PhysicalMemory's own
     * accessors (byte lanes by its byte order). A hit is cached RAM in a page with no code: no device, no
     * event, nothing for the code invalidator, so none of the call's state is needed.
     */
    private void pageFilterHit(Access a, int w, Label slow) {
        String page = a.store ? "storePage" : "loadPage", ram = "pebble/r5k/mem/PhysicalMemory";
        mv.visitVarInsn(LLOAD, h.va());
        mv.visitLdcInsn(~0xFFFL | (a.size - 1));
        mv.visitInsn(LAND);
        mv.visitVarInsn(ALOAD, h.cpu());
        mv.visitFieldInsn(GETFIELD, CPU, page, "J");
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        mv.visitVarInsn(ALOAD, h.cpu());
        mv.visitFieldInsn(GETFIELD, CPU, "ram", "L" + ram + ";");
        mv.visitVarInsn(ALOAD, h.cpu());
        mv.visitFieldInsn(GETFIELD, CPU, page + "Pa", "J");
        mv.visitVarInsn(LLOAD, h.va());
        mv.visitLdcInsn(0xFFFL);
        mv.visitInsn(LAND);
        mv.visitInsn(LOR);
        String wide = a.size == 8 ? "J" : "I";
        if (a.store) {
            value(rt(w), a.size);
            mv.visitMethodInsn(INVOKEVIRTUAL, ram, "write" + a.size * 8, "(J" + wide + ")V", false);
        } else {
            mv.visitMethodInsn(INVOKEVIRTUAL, ram, "read" + a.size * 8, "(J)" + wide, false);
            loaded(a, rt(w));
        }
    }

    /** As LoadStoreOps does: {@code v & mask} for the unsigned rows, the narrowing cast for the others. */
    private void unsignedOr(boolean unsigned, int mask, int cast) {
        if (unsigned) {
            mv.visitLdcInsn(mask);
            mv.visitInsn(IAND);
        } else {
            mv.visitInsn(cast);
        }
    }

    /**
     * A word access, after the last-line filter's hit left its index in tmpA: then the word through the index
     * ({@code d.data}; a store marks the line dirty, as a write-back store does). A last-line miss comes in at
     * {@code setFilter}: the set filter's test, {@code Cpu.load32}/{@code store32}'s second,
     * {@code L1Cache.loadIndex} (storeIndex), which counts the hit and makes it the last-line filter, and gives
     * the index; else the call ({@code slow}).
     */
    private void wordThroughIndex(Access a, int w, Label setFilter, Label slow) {
        Label access = new Label();
        mv.visitJumpInsn(GOTO, access);
        mv.visitLabel(setFilter);
        mv.visitVarInsn(ALOAD, h.dcache());
        mv.visitVarInsn(LLOAD, h.va());
        mv.visitLdcInsn(~31L | (a.size - 1));
        mv.visitMethodInsn(INVOKESTATIC, L1, a.store ? "storeIndex" : "loadIndex", "(L" + L1 + ";JJ)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, h.tmpA());
        mv.visitJumpInsn(IFLT, slow);
        mv.visitLabel(access);
        mv.visitVarInsn(ALOAD, h.dcache());
        mv.visitFieldInsn(GETFIELD, L1, "data", "[I");
        mv.visitVarInsn(ILOAD, h.tmpA());
        if (a.store) {
            value(rt(w), a.size);
            mv.visitInsn(IASTORE);
            mv.visitVarInsn(ALOAD, h.dcache()); // a write-back line: dirty
            mv.visitFieldInsn(GETFIELD, L1, "dirty", "[Z");
            mv.visitVarInsn(ILOAD, h.tmpA());
            mv.visitInsn(ICONST_3);
            mv.visitInsn(IUSHR);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(BASTORE);
        } else {
            mv.visitInsn(IALOAD);
            loaded(a, rt(w));
        }
    }

    /** Pushes the stored value of GPR rt: an int for up to 4 bytes, else the long. */
    private void value(int rt, int size) {
        r.load(rt);
        if (size < 8) mv.visitInsn(L2I);
    }

    /** The loaded value (an int, or a long for LD) on the stack, converted as the row says, into GPR rt. */
    private void loaded(Access a, int rt) {
        switch (a.size) {
            case 1 -> unsignedOr(a.unsigned, 0xFF, I2B);
            case 2 -> unsignedOr(a.unsigned, 0xFFFF, I2S);
            default -> { }
        }
        if (a.size < 8) {
            mv.visitInsn(I2L);
            if (a.size == 4 && a.unsigned) {
                mv.visitLdcInsn(0xFFFFFFFFL);
                mv.visitInsn(LAND);
            }
        }
        r.store(rt);
    }
}
