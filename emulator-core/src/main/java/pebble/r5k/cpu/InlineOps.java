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
 * The semantics of the integer ALU, shift, HI/LO, multiply/divide, trap and branch-condition rows as
 * bytecode on {@link RegionRegisters}: what {@code AluOps}, {@code ShiftOps}, {@code MulDivOps},
 * {@code TrapOps} and {@code BranchOps} do, with the operands read from {@code Cpu.gpr} onto the JVM stack.
 * Those methods stay the reference (the interpreter runs them, and regions call them for every row not
 * listed here); {@code InlineSemanticsTest} runs every row listed here both ways on random states.
 *
 * <p>The rows are described by data, not written out one by one: the operand shape comes from the row's
 * {@link Op#format} syntax, the operation from a JVM opcode ({@link #BINARY}) or a comparison
 * ({@link #COMPARE}), and {@link Effects#OP64} adds the 64-bit-mode check.
 */
final class InlineOps {
    /** 32-bit operations: the JVM int opcode on the low words, the result sign-extended (or a 64-bit LOP). */
    private record Binary(int opcode, boolean wide, int overflow) {}

    private static final int NO_OV = 0, OV_ADD = 1, OV_SUB = 2;
    private static final Map<Op, Binary> BINARY = new EnumMap<>(Op.class);

    /** Comparisons: the JVM compare-with-zero jump taken when the row's condition holds, and unsigned or not. */
    private record Compare(int jump, boolean unsigned) {}

    private static final Map<Op, Compare> COMPARE = new EnumMap<>(Op.class);

    static {
        BINARY.put(Op.ADDU, new Binary(IADD, false, NO_OV));
        BINARY.put(Op.ADD, new Binary(IADD, false, OV_ADD));
        BINARY.put(Op.SUBU, new Binary(ISUB, false, NO_OV));
        BINARY.put(Op.SUB, new Binary(ISUB, false, OV_SUB));
        BINARY.put(Op.ADDIU, new Binary(IADD, false, NO_OV));
        BINARY.put(Op.ADDI, new Binary(IADD, false, OV_ADD));
        BINARY.put(Op.DADDU, new Binary(LADD, true, NO_OV));
        BINARY.put(Op.DSUBU, new Binary(LSUB, true, NO_OV));
        BINARY.put(Op.DADDIU, new Binary(LADD, true, NO_OV));
        BINARY.put(Op.AND, new Binary(LAND, true, NO_OV));
        BINARY.put(Op.OR, new Binary(LOR, true, NO_OV));
        BINARY.put(Op.XOR, new Binary(LXOR, true, NO_OV));
        BINARY.put(Op.ANDI, new Binary(LAND, true, NO_OV));
        BINARY.put(Op.ORI, new Binary(LOR, true, NO_OV));
        BINARY.put(Op.XORI, new Binary(LXOR, true, NO_OV));
        // Shifts: the JVM masks the count as MIPS does (5 bits for int, 6 for long).
        for (Op op : new Op[] {Op.SLL, Op.SLLV}) BINARY.put(op, new Binary(ISHL, false, NO_OV));
        for (Op op : new Op[] {Op.SRL, Op.SRLV}) BINARY.put(op, new Binary(IUSHR, false, NO_OV));
        for (Op op : new Op[] {Op.SRA, Op.SRAV}) BINARY.put(op, new Binary(ISHR, false, NO_OV));
        for (Op op : new Op[] {Op.DSLL, Op.DSLL32, Op.DSLLV}) BINARY.put(op, new Binary(LSHL, true, NO_OV));
        for (Op op : new Op[] {Op.DSRL, Op.DSRL32, Op.DSRLV}) BINARY.put(op, new Binary(LUSHR, true, NO_OV));
        for (Op op : new Op[] {Op.DSRA, Op.DSRA32, Op.DSRAV}) BINARY.put(op, new Binary(LSHR, true, NO_OV));

        for (Op op : new Op[] {Op.BEQ, Op.BEQL, Op.TEQ, Op.TEQI}) COMPARE.put(op, new Compare(IFEQ, false));
        for (Op op : new Op[] {Op.BNE, Op.BNEL, Op.TNE, Op.TNEI}) COMPARE.put(op, new Compare(IFNE, false));
        for (Op op : new Op[] {Op.BLEZ, Op.BLEZL}) COMPARE.put(op, new Compare(IFLE, false));
        for (Op op : new Op[] {Op.BGTZ, Op.BGTZL}) COMPARE.put(op, new Compare(IFGT, false));
        for (Op op : new Op[] {Op.BLTZ, Op.BLTZL, Op.BLTZAL, Op.BLTZALL, Op.TLT, Op.TLTI, Op.SLT, Op.SLTI})
            COMPARE.put(op, new Compare(IFLT, false));
        for (Op op : new Op[] {Op.BGEZ, Op.BGEZL, Op.BGEZAL, Op.BGEZALL, Op.TGE, Op.TGEI}) COMPARE.put(op, new Compare(IFGE, false));
        for (Op op : new Op[] {Op.TLTU, Op.TLTIU, Op.SLTU, Op.SLTIU}) COMPARE.put(op, new Compare(IFLT, true));
        for (Op op : new Op[] {Op.TGEU, Op.TGEIU}) COMPARE.put(op, new Compare(IFGE, true));
    }

    /** Rows that run here (the rest call their semantics method). */
    static boolean handles(Op op) {
        if (op.timing == pebble.r5k.isa.TimingClass.TRAP) return COMPARE.containsKey(op);
        return BINARY.containsKey(op) || op == Op.LUI || op == Op.NOR || op == Op.MOVZ || op == Op.MOVN || op == Op.SLT
                || op == Op.SLTU || op == Op.SLTI || op == Op.SLTIU || op == Op.MFHI || op == Op.MFLO
                || op == Op.MTHI || op == Op.MTLO || MULDIV.containsKey(op);
    }

    private static final Map<Op, String> MULDIV = new EnumMap<>(Op.class);

    static {
        for (Op op : new Op[] {Op.MULT, Op.MULTU, Op.DIV, Op.DIVU, Op.DMULT, Op.DMULTU, Op.DDIV, Op.DDIVU}) {
            MULDIV.put(op, op.name().toLowerCase(java.util.Locale.ROOT) + "Operands");
        }
    }

    /** What the emitter supplies: the code, the registers, and the exception path of the current instruction. */
    interface Host {
        MethodVisitor mv();

        RegionRegisters regs();

        /** Local holding the Cpu. */
        int cpu();

        /** Enters exception {@code excCode} for the current instruction and leaves the region (never falls through). */
        void raise(int excCode);

        /** Two free int locals for intermediate values. */
        int tmpA();

        int tmpB();
    }

    private final Host h;
    private final MethodVisitor mv;
    private final RegionRegisters r;

    InlineOps(Host h) {
        this.h = h;
        this.mv = h.mv();
        this.r = h.regs();
    }

    /** Emits {@code op} encoded as {@code w}, a row {@link #handles} accepts. */
    void emit(Op op, int w) {
        if ((op.effects & Effects.OP64) != 0) op64Check();
        if (op.timing == pebble.r5k.isa.TimingClass.TRAP) {
            Label no = new Label(), yes = new Label();
            condition(op, w, yes);
            mv.visitJumpInsn(GOTO, no);
            mv.visitLabel(yes);
            h.raise(ExcCode.TR);
            mv.visitLabel(no);
            return;
        }
        Binary b = BINARY.get(op);
        if (b != null) {
            binary(op, w, b);
            return;
        }
        String md = MULDIV.get(op);
        if (md != null) {
            mv.visitVarInsn(ALOAD, h.cpu());
            r.load(rs(w));
            r.load(rt(w));
            mv.visitMethodInsn(INVOKESTATIC, "pebble/r5k/cpu/MulDivOps", md, "(Lpebble/r5k/cpu/Cpu;JJ)V", false);
            return;
        }
        switch (op) {
            case LUI -> {
                mv.visitLdcInsn((long) (uimm(w) << 16)); // int shift: sign-extends into the 64-bit register
                r.store(rt(w));
            }
            case NOR -> {
                r.load(rs(w));
                r.load(rt(w));
                mv.visitInsn(LOR);
                mv.visitLdcInsn(-1L);
                mv.visitInsn(LXOR);
                r.store(rd(w));
            }
            case MOVZ, MOVN -> {
                Label skip = new Label();
                r.load(rt(w));
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(op == Op.MOVZ ? IFNE : IFEQ, skip);
                r.load(rs(w));
                r.store(rd(w));
                mv.visitLabel(skip);
            }
            case SLT, SLTU, SLTI, SLTIU -> { // (a < b) as 0 or 1: the sign bit of the compare
                compareOperands(op, w);
                mv.visitLdcInsn(31);
                mv.visitInsn(IUSHR);
                mv.visitInsn(I2L);
                r.store(op == Op.SLT || op == Op.SLTU ? rd(w) : rt(w));
            }
            case MFHI, MFLO -> {
                mv.visitVarInsn(ALOAD, h.cpu());
                mv.visitFieldInsn(GETFIELD, "pebble/r5k/cpu/Cpu", op == Op.MFHI ? "hi" : "lo", "J");
                r.store(rd(w));
            }
            case MTHI, MTLO -> {
                mv.visitVarInsn(ALOAD, h.cpu());
                r.load(rs(w));
                mv.visitFieldInsn(PUTFIELD, "pebble/r5k/cpu/Cpu", op == Op.MTHI ? "hi" : "lo", "J");
            }
            default -> throw new IllegalArgumentException("not an inline row: " + op);
        }
    }

    /**
     * Jumps to {@code taken} when the condition of a branch or trap row holds (the registers are read
     * here, before any link write).
     */
    void condition(Op op, int w, Label taken) {
        compareOperands(op, w);
        mv.visitJumpInsn(COMPARE.get(op).jump, taken);
    }

    /** Whether {@link #condition} knows this branch (the jumps J/JAL/JR/JALR have none). */
    static boolean hasCondition(Op op) {
        return COMPARE.containsKey(op);
    }

    /** Pushes the LCMP of the two operands of a comparison row (unsigned rows compare with the sign flipped). */
    private void compareOperands(Op op, int w) {
        boolean unsigned = COMPARE.get(op).unsigned;
        r.load(rs(w));
        if (unsigned) flipSign();
        String syntax = op.format.text();
        if (syntax.contains("imm")) {
            mv.visitLdcInsn(unsigned ? (long) simm(w) ^ Long.MIN_VALUE : (long) simm(w));
        } else if (syntax.startsWith("rs,rt") || syntax.startsWith("rd,rs,rt")) {
            r.load(rt(w));
            if (unsigned) flipSign();
        } else {
            mv.visitInsn(LCONST_0); // BLEZ, BGTZ, BLTZ, BGEZ and their forms compare with zero
        }
        mv.visitInsn(LCMP);
    }

    private void flipSign() {
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
    }

    private void binary(Op op, int w, Binary b) {
        String s = op.format.text();
        int dst;
        if (s.equals("rd,rs,rt")) { // rd = rs OP rt
            dst = rd(w);
            operand(rs(w), b.wide);
            operand(rt(w), b.wide);
        } else if (s.startsWith("rt,rs,")) { // rt = rs OP immediate
            dst = rt(w);
            operand(rs(w), b.wide);
            long imm = s.endsWith("simm16") ? simm(w) : uimm(w);
            if (b.wide) mv.visitLdcInsn(imm); else mv.visitLdcInsn((int) imm);
        } else if (s.equals("rd,rt,sa")) { // rd = rt SHIFT sa (the *32 rows add 32)
            dst = rd(w);
            operand(rt(w), b.wide);
            mv.visitLdcInsn(sa(w) + (op.name().endsWith("32") ? 32 : 0));
        } else if (s.equals("rd,rt,rs")) { // rd = rt SHIFT rs
            dst = rd(w);
            operand(rt(w), b.wide);
            r.load(rs(w));
            mv.visitInsn(L2I);
        } else {
            throw new IllegalArgumentException(op + " has operands " + s);
        }
        if (b.overflow != NO_OV) {
            overflowChecked(b);
        } else {
            mv.visitInsn(b.opcode);
        }
        if (!b.wide) mv.visitInsn(I2L);
        r.store(dst);
    }

    private void operand(int reg, boolean wide) {
        r.load(reg);
        if (!wide) mv.visitInsn(L2I);
    }

    /** a, b on the stack (ints): leaves a OP b, or raises Ov when the signed result overflows. */
    private void overflowChecked(Binary b) {
        int a = h.tmpA(), bb = h.tmpB();
        mv.visitVarInsn(ISTORE, bb);
        mv.visitVarInsn(ISTORE, a);
        // ADD: ((a ^ r) & (b ^ r)) < 0; SUB: ((a ^ b) & (a ^ r)) < 0, with r = a OP b
        mv.visitVarInsn(ILOAD, a);
        mv.visitVarInsn(ILOAD, bb);
        mv.visitInsn(b.opcode);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ILOAD, a);
        mv.visitInsn(IXOR); // r, a^r
        if (b.overflow == OV_ADD) {
            mv.visitInsn(SWAP); // a^r, r
            mv.visitInsn(DUP_X1); // r, a^r, r
            mv.visitVarInsn(ILOAD, bb);
            mv.visitInsn(IXOR); // r, a^r, b^r
        } else {
            mv.visitVarInsn(ILOAD, a);
            mv.visitVarInsn(ILOAD, bb);
            mv.visitInsn(IXOR); // r, a^r, a^b
        }
        mv.visitInsn(IAND);
        Label ok = new Label();
        mv.visitJumpInsn(IFGE, ok);
        mv.visitInsn(POP);
        h.raise(ExcCode.OV);
        mv.visitLabel(ok);
    }

    /** 64-bit rows: Reserved Instruction in user/supervisor mode without UX/SX (Cpu.op64Allowed). */
    private void op64Check() {
        Label ok = new Label();
        mv.visitVarInsn(ALOAD, h.cpu());
        mv.visitMethodInsn(INVOKEVIRTUAL, "pebble/r5k/cpu/Cpu", "op64Allowed", "()Z", false);
        mv.visitJumpInsn(IFNE, ok);
        h.raise(ExcCode.RI);
        mv.visitLabel(ok);
    }
}
