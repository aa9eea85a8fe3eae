package pebble.r5k.portal.gen;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.emit.CodeBuffer;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Operand;
import pebble.r5k.isa.Reg;

/**
 * Emits one portal's code through the shared {@link CodeBuffer} (REAL rows only, so it encodes exactly as
 * the assembler does), grouped into commented phases, with the fastpath's commit point marked. Branches may
 * only go forward: a label must be bound after every branch to it, so portal code cannot loop (§3.7).
 */
final class PortalWriter {

    /** A forward branch target. */
    static final class Label {
        private final List<Integer> branches = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();
        private int offset = -1;
    }

    private final CodeBuffer buf = new CodeBuffer(true);
    private final List<Phase> phases = new ArrayList<>();
    private int commitOffset = -1;

    int size() { return buf.size(); }

    void phase(String title) { phases.add(new Phase(buf.size(), title)); }

    /** Marks the point of no return: every check is above it, every mutation below (the seL4 fastpath's shape). */
    void commitPoint() {
        if (commitOffset >= 0) throw new IllegalStateException("two commit points");
        commitOffset = buf.size();
        phase("point of no return: nothing above changed any state, everything below may");
    }

    void op(Op op, long... values) { buf.emit(op, values); }

    void nop() { op(Op.SLL, Reg.ZERO, Reg.ZERO, 0); }

    void load(Op op, int rt, long offset, int base) { op(op, rt, offset, base); }

    void store(Op op, int rt, long offset, int base) { op(op, rt, offset, base); }

    /** {@code lui rt, %hi(sym); addiu rt, rt, %lo(sym)}: a 32-bit install-time value. */
    void loadSymbol(int rt, PortalSymbol sym) {
        upper(rt, sym);
        fixed(Op.ADDIU, new long[] {rt, rt, 0}, 2, Reloc.LO16, sym);
    }

    /** {@code lui rt, %hi(sym)}: the upper half, for a following access with {@link #lower}. */
    void upper(int rt, PortalSymbol sym) { fixed(Op.LUI, new long[] {rt, 0}, 1, Reloc.HI16, sym); }

    /** A load or store {@code op rt, %lo(sym)(base)} after {@link #upper}. */
    void lower(Op op, int rt, PortalSymbol sym, int base) { fixed(op, new long[] {rt, 0, base}, 1, Reloc.LO16, sym); }

    /** {@code op} with operand {@code index} filled from {@code sym} at install time, through the operand's codec. */
    void fixed(Op op, long[] values, int index, Reloc reloc, PortalSymbol sym) {
        buf.emit(op, values, index, reloc, sym, null);
    }

    /** Loads a constant known now (a layout value) in the fewest instructions. */
    void loadConstant(int rt, long value) {
        long v = value & 0xFFFFFFFFL;
        if (v <= 0xFFFF) {
            op(Op.ORI, rt, Reg.ZERO, v);
        } else if ((v & 0xFFFF) == 0) {
            op(Op.LUI, rt, v >>> 16);
        } else {
            op(Op.LUI, rt, v >>> 16);
            op(Op.ORI, rt, rt, v & 0xFFFF);
        }
    }

    /** A conditional branch forward to {@code target}; the caller emits the delay slot next. */
    void branch(Op op, int rs, int rt, Label target) {
        check(target);
        target.branches.add(buf.size());
        target.ops.add(op);
        op(op, rs, rt, 0);
    }

    /** A one-register conditional branch (BLTZ, BGEZ …) forward to {@code target}. */
    void branch(Op op, int rs, Label target) {
        check(target);
        target.branches.add(buf.size());
        target.ops.add(op);
        op(op, rs, 0);
    }

    /** {@code j sym}: a jump to a nucleus routine (same 256 MB region: KSEG0). */
    void jump(PortalSymbol sym) { fixed(Op.J, new long[] {0}, 0, Reloc.ABS26, sym); }

    void bind(Label label) {
        if (label.offset >= 0) throw new IllegalStateException("label bound twice");
        label.offset = buf.size();
        for (int i = 0; i < label.branches.size(); i++) {
            int at = label.branches.get(i);
            Op op = label.ops.get(i);
            // the branch field is the last operand; it counts words from the delay slot
            Operand field = op.format.operand(op.format.count() - 1);
            long words = (label.offset - (at + 4)) / 4;
            if (!field.fits(words)) throw new IllegalStateException("branch too far: " + words + " words");
            buf.patchWord(at, field.insert(buf.readWord(at), words));
        }
    }

    private static void check(Label target) {
        if (target.offset >= 0) throw new IllegalStateException("backward branch: portal code contains no loops (§3.7)");
    }

    PortalCode finish(String name) {
        return new PortalCode(name, buf.toByteArray(), List.copyOf(buf.fixups()), List.copyOf(phases), commitOffset);
    }
}
