package pebble.r5k.asm;

import java.util.List;

import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.Operand;
import pebble.r5k.isa.OperandType;
import pebble.r5k.isa.Reg;

/**
 * Expands the pseudo-instructions ({@link OpKind#MACRO} rows of {@link Op}) and the GNU as operand forms
 * that have no row of their own into the exact sequences GNU as 2.40 emits for {@code -march=r5000
 * -mabi=32} (non-PIC). Sequences were taken by assembling each form with {@code mips-linux-gnu-as} and
 * reading the result with objdump; {@code AsmDifferentialTest} keeps them equal.
 *
 * <p>Under {@code .set reorder} GNU as emits most expansions instruction by instruction, so their last
 * instruction may move into a following delay slot ({@link Assembler#seq}); sequences with branches of
 * their own ({@code abs}, {@code div}) are emitted {@link Assembler#verbatim verbatim}, and an address of a
 * symbol not defined yet is never moved (GNU as keeps it relaxable for small-data addressing).
 */
final class MacroExpander {
    private static final int AT = Reg.AT, ZERO = Reg.ZERO;
    private final Assembler a;

    MacroExpander(Assembler a) {
        this.a = a;
    }

    /** {@code $at} as a macro temporary; warns under {@code .set noat} like GNU as. */
    int at() {
        if (a.noAt()) a.diags.warning(a.loc, "macro used $at after \".set noat\"");
        return AT;
    }

    // ------------------------------------------------------------------ forms without rows of their own

    /**
     * GNU as operand forms that are not table rows: immediate third operands of register ops, register
     * shift amounts, symbolic or 32-bit load/store addresses, {@code j $reg}, compare-with-immediate
     * branches and traps. Returns false when {@code args} are not such a form (the caller reports the
     * rows' own mismatch).
     */
    boolean fallback(String m, List<Op> rows, List<Arg> args, InsnAssembler.Mismatch best) {
        int n = args.size();
        // j $r, jal $r, jal $rd,$rs
        if ((m.equals("j") || m.equals("jal")) && n >= 1 && args.get(n - 1) instanceof Arg.RegArg r && r.kind() == 'g') {
            if (m.equals("j") && n == 1) { a.insn(Op.JR, r.num()); return true; }
            if (m.equals("jal") && n == 1) { a.insn(Op.JALR, Reg.RA, r.num()); return true; }
            if (m.equals("jal") && n == 2 && gpr(args.get(0)) >= 0) { a.insn(Op.JALR, gpr(args.get(0)), r.num()); return true; }
        }
        if ((m.equals("div") || m.equals("divu") || m.equals("rem") || m.equals("remu")) && n == 3
                && gpr(args.get(0)) >= 0 && gpr(args.get(1)) >= 0 && args.get(2) instanceof Arg.ExprArg e) {
            Op row = m.equals("div") ? Op.M_DIV : m.equals("divu") ? Op.M_DIVU : m.equals("rem") ? Op.M_REM : Op.M_REMU;
            divide(row, gpr(args.get(0)), gpr(args.get(1)), e.e());
            return true;
        }
        Op immOp = immediateForm(m);
        if (immOp != null || m.equals("nor")) {
            // rd,rs,imm or rd,imm (rd doubles as rs)
            if ((n == 3 || n == 2) && args.get(n - 1) instanceof Arg.ExprArg e && gpr(args.get(0)) >= 0 && gpr(args.get(n - 2)) >= 0) {
                aluImmediate(m, immOp, gpr(args.get(0)), gpr(args.get(n - 2)), e.e());
                return true;
            }
        }
        Op varShift = variableShift(m);
        if (varShift != null && n == 3 && gpr(args.get(0)) >= 0 && gpr(args.get(1)) >= 0 && gpr(args.get(2)) >= 0) {
            a.insn(varShift, gpr(args.get(0)), gpr(args.get(1)), gpr(args.get(2)));
            return true;
        }
        if ((m.equals("beq") || m.equals("bne") || m.equals("beql") || m.equals("bnel")) && n == 3
                && gpr(args.get(0)) >= 0 && args.get(1) instanceof Arg.ExprArg imm && args.get(2) instanceof Arg.ExprArg t) {
            Op op = m.equals("beq") ? Op.BEQ : m.equals("bne") ? Op.BNE : m.equals("beql") ? Op.BEQL : Op.BNEL;
            Value v = a.tryEval(imm.e());
            if (v != null && v.isAbsolute() && v.off() == 0) {
                branch(op, gpr(args.get(0)), ZERO, t.e());
            } else {
                a.seq(() -> {
                    li(at(), imm.e());
                });
                branch(op, gpr(args.get(0)), AT, t.e());
            }
            return true;
        }
        Op trapImm = trapImmediate(m);
        if (trapImm != null && n == 2 && gpr(args.get(0)) >= 0 && args.get(1) instanceof Arg.ExprArg e) {
            long v = a.constant(e.e(), "trap immediate");
            if (Operand.SIMM16.fits(v)) {
                a.insn(trapImm, gpr(args.get(0)), v);
            } else {
                Op reg = regTrap(m);
                a.seq(() -> {
                    li32(at(), v);
                    a.insn(reg, gpr(args.get(0)), AT, 0);
                });
            }
            return true;
        }
        // loads/stores with a symbolic or out-of-range address
        for (Op row : rows) {
            if (row.kind == OpKind.MACRO || row.format.count() != 3 || !InsnAssembler.isMemSlot(row.format, 1)) continue;
            if (n != 2) continue;
            long first = firstOperand(row, args.get(0));
            if (first < 0) continue;
            Arg addr = args.get(1);
            Arg.MemArg mem;
            if (addr instanceof Arg.ExprArg e) mem = new Arg.MemArg(e.e(), -1, -1, e.col());
            else if (addr instanceof Arg.MemArg mm && mm.index() < 0 && mm.off() != null && !(mm.off() instanceof Expr.HiLo)) mem = mm;
            else continue;
            loadStore(row, first, mem);
            return true;
        }
        return false;
    }

    private static int gpr(Arg x) {
        return x instanceof Arg.RegArg r && r.kind() == 'g' ? r.num() : -1;
    }

    /** The value of a load/store's first operand for {@code row}, or -1 when it does not fit the row. */
    private long firstOperand(Op row, Arg x) {
        Operand o = row.format.operand(0);
        switch (o.type) {
            case GPR: return gpr(x);
            case FPR: return x instanceof Arg.RegArg r && r.kind() == 'f' ? r.num() : -1;
            case CP0_REG: return x instanceof Arg.RegArg r && r.kind() == 'g' ? r.num() : -1;
            default:
                if (!(x instanceof Arg.ExprArg e)) return -1;
                long v = a.constant(e.e(), o.name().toLowerCase());
                return o.fits(v) ? v : -1;
        }
    }

    private static Op immediateForm(String m) {
        switch (m) {
            case "add": return Op.ADDI;
            case "addu": return Op.ADDIU;
            case "sub": return Op.ADDI;
            case "subu": return Op.ADDIU;
            case "dadd": return Op.DADDI;
            case "daddu": return Op.DADDIU;
            case "dsub": return Op.DADDI;
            case "dsubu": return Op.DADDIU;
            case "and": return Op.ANDI;
            case "or": return Op.ORI;
            case "xor": return Op.XORI;
            case "slt": return Op.SLTI;
            case "sltu": return Op.SLTIU;
            default: return null;
        }
    }

    private static Op registerForm(String m) {
        switch (m) {
            case "add": return Op.ADD;
            case "addu": return Op.ADDU;
            case "sub": return Op.SUB;
            case "subu": return Op.SUBU;
            case "dadd": return Op.DADD;
            case "daddu": return Op.DADDU;
            case "dsub": return Op.DSUB;
            case "dsubu": return Op.DSUBU;
            case "and": return Op.AND;
            case "or": return Op.OR;
            case "xor": return Op.XOR;
            case "nor": return Op.NOR;
            case "slt": return Op.SLT;
            case "sltu": return Op.SLTU;
            default: return null;
        }
    }

    private static Op variableShift(String m) {
        switch (m) {
            case "sll": return Op.SLLV;
            case "srl": return Op.SRLV;
            case "sra": return Op.SRAV;
            case "dsll": return Op.DSLLV;
            case "dsrl": return Op.DSRLV;
            case "dsra": return Op.DSRAV;
            default: return null;
        }
    }

    private static Op trapImmediate(String m) {
        switch (m) {
            case "teq": return Op.TEQI;
            case "tne": return Op.TNEI;
            case "tge": return Op.TGEI;
            case "tgeu": return Op.TGEIU;
            case "tlt": return Op.TLTI;
            case "tltu": return Op.TLTIU;
            default: return null;
        }
    }

    private static Op regTrap(String m) {
        switch (m) {
            case "teq": return Op.TEQ;
            case "tne": return Op.TNE;
            case "tge": return Op.TGE;
            case "tgeu": return Op.TGEU;
            case "tlt": return Op.TLT;
            default: return Op.TLTU;
        }
    }

    /** {@code op rd,rs,imm}: the immediate row when the value fits, else {@code li $at} + the register row. */
    private void aluImmediate(String m, Op immOp, int rd, int rs, Expr e) {
        Value val = a.tryEval(e);
        boolean sub = m.equals("sub") || m.equals("subu") || m.equals("dsub") || m.equals("dsubu");
        if (val == null || !val.isAbsolute()) {
            if (immOp == null || sub) throw new AsmError(e.col(), "'" + m + "' needs a constant immediate");
            a.insn(immOp, new long[] {rd, rs, 0}, 2, Reloc.FIELD, e);
            return;
        }
        long v = val.off();
        if (m.equals("nor")) {
            if (Operand.UIMM16.fits(v)) {
                a.seq(() -> {
                    a.insn(Op.ORI, rd, rs, v);
                    a.insn(Op.NOR, rd, rd, ZERO);
                });
            } else {
                a.seq(() -> {
                    li32(at(), v);
                    a.insn(Op.NOR, rd, rs, AT);
                });
            }
            return;
        }
        long iv = sub ? -v : v;
        Operand field = immOp.format.operand(2);
        if (field.fits(iv)) {
            a.insn(immOp, rd, rs, iv);
            return;
        }
        Op reg = registerForm(m);
        a.seq(() -> {
            li32(at(), v);
            a.insn(reg, rd, rs, AT);
        });
    }

    /**
     * {@code ld}/{@code sd} under {@code -mabi=32}: GNU as treats GPRs as 32 bits wide and moves the
     * doubleword as two words through the register pair rt, rt+1 (the second word first when the load
     * overwrites its own base). Returns false when the operands are not {@code rt, address}.
     */
    boolean doubleWord(String m, List<Arg> args) {
        if (args.size() != 2 || gpr(args.get(0)) < 0) return false;
        int rt = gpr(args.get(0));
        Arg.MemArg mem;
        if (args.get(1) instanceof Arg.ExprArg e) mem = new Arg.MemArg(e.e(), -1, -1, e.col());
        else if (args.get(1) instanceof Arg.MemArg mm && mm.index() < 0) mem = mm;
        else return false;
        if (rt == 31) throw new AsmError(args.get(0).col(), "'" + m + "' needs a register pair: $31 has no successor");
        boolean load = m.equals("ld");
        Op op = load ? Op.LW : Op.SW;
        int base = mem.base() < 0 ? ZERO : mem.base();
        Expr off = mem.off() == null ? new Expr.Num(0, mem.col()) : mem.off();
        Value v = a.tryEval(off);
        boolean lo = off instanceof Expr.HiLo h && !h.hi();
        if (!lo && v != null && v.isAbsolute() && Operand.SIMM16.fits(v.off()) && Operand.SIMM16.fits(v.off() + 4)) {
            long x = v.off();
            a.seq(() -> {
                if (load && rt == base) {
                    a.insn(op, rt + 1, x + 4, base);
                    a.insn(op, rt, x, base);
                } else {
                    a.insn(op, rt, x, base);
                    a.insn(op, rt + 1, x + 4, base);
                }
            });
            return true;
        }
        if (lo || v != null && v.isAbsolute() && Operand.SIMM16.fits(v.off())) {
            // the offset fits but offset+4 does not (or is a %lo): GNU as adds it to the base in $at first
            int tmp = at();
            a.seq(() -> {
                if (lo) a.insn(Op.ADDIU, new long[] {tmp, base, 0}, 2, Reloc.LO16, ((Expr.HiLo) off).e());
                else a.insn(Op.ADDIU, tmp, base, v.off());
                a.insn(op, rt, 0, tmp);
                a.insn(op, rt + 1, 4, tmp);
            });
            return true;
        }
        Expr off4 = new Expr.Binary("+", off, new Expr.Num(4, off.col()), off.col());
        Expr g = v != null && v.isAbsolute() ? null : gpRel(off);
        if (g != null) {
            Expr g4 = new Expr.Binary("+", g, new Expr.Num(4, off.col()), off.col());
            int b = mem.base() >= 0 ? at() : GP;
            a.seq(() -> {
                if (mem.base() >= 0) a.insn(Op.ADDU, b, base, GP);
                a.insn(op, new long[] {rt, 0, b}, 1, Reloc.FIELD, g);
                a.insn(op, new long[] {rt + 1, 0, b}, 1, Reloc.FIELD, g4);
            });
            a.noSwap();
            return true;
        }
        int tmp = at();
        a.seq(() -> {
            if (v != null && v.isAbsolute()) {
                long x = v.off();
                if ((short) x + 4 > Short.MAX_VALUE) {
                    // the low half plus 4 overflows: GNU as loads the whole offset into $at
                    li32(tmp, x);
                    if (mem.base() >= 0) a.insn(Op.ADDU, tmp, base, tmp);
                    a.insn(op, rt, 0, tmp);
                    a.insn(op, rt + 1, 4, tmp);
                    return;
                }
                a.insn(Op.LUI, tmp, Reloc.hi16(x));
                if (mem.base() >= 0) a.insn(Op.ADDU, tmp, base, tmp);
                a.insn(op, rt, (short) x, tmp);
                a.insn(op, rt + 1, (short) x + 4, tmp);
            } else {
                a.insn(Op.LUI, new long[] {tmp, 0}, 1, Reloc.HI16, off);
                if (mem.base() >= 0) a.insn(Op.ADDU, tmp, base, tmp);
                a.insn(op, new long[] {rt, 0, tmp}, 1, Reloc.LO16, off);
                a.insn(op, new long[] {rt + 1, 0, tmp}, 1, Reloc.LO16, off4);
            }
        });
        if (v == null) a.noSwap();
        return true;
    }

    // ------------------------------------------------------------------ MACRO rows

    /** Expands MACRO row {@code row} with operands bound by {@link InsnAssembler}: Integer, Expr, MemArg. */
    void expand(Op row, Object[] b) {
        switch (row) {
            case MACRO_NOT: a.insn(Op.NOR, reg(b[0]), reg(b[1]), ZERO); return;
            case M_MOVE: a.insn(Op.OR, reg(b[0]), reg(b[1]), ZERO); return;
            case M_LI: li(reg(b[0]), (Expr) b[1]); return;
            case M_DLI: li(reg(b[0]), (Expr) b[1]); return;
            case M_LA: case M_DLA: la(reg(b[0]), (Arg.MemArg) b[1]); return;
            case M_ABS: abs(reg(b[0]), reg(b[1])); return;
            case M_BLT: case M_BLTU: case M_BLE: case M_BLEU: case M_BGT: case M_BGTU: case M_BGE: case M_BGEU:
                compareBranch(row.mnemonic, reg(b[0]), reg(b[1]), (Expr) b[2], false);
                return;
            case M_BLT_I: case M_BLTU_I: case M_BLE_I: case M_BLEU_I: case M_BGT_I: case M_BGTU_I: case M_BGE_I: case M_BGEU_I:
                compareBranchImm(row.mnemonic, reg(b[0]), (Expr) b[1], (Expr) b[2], false);
                return;
            case M_MUL:
                a.seq(() -> {
                    a.insn(Op.MULTU, reg(b[1]), reg(b[2]));
                    a.insn(Op.MFLO, reg(b[0]));
                });
                return;
            case M_MUL_I: {
                long v = a.constant((Expr) b[2], "mul immediate");
                a.seq(() -> {
                    li32(at(), v);
                    a.insn(Op.MULT, reg(b[1]), AT);
                    a.insn(Op.MFLO, reg(b[0]));
                });
                return;
            }
            case M_DIV: case M_DIVU: case M_REM: case M_REMU:
                divide(row, reg(b[0]), reg(b[1]), b[2]);
                return;
            case M_ULW: case M_USW: case M_ULH: case M_ULHU: case M_USH:
                unaligned(row, reg(b[0]), (Arg.MemArg) b[1]);
                return;
            default:
                throw new AsmError(0, "pseudo-instruction '" + row.mnemonic + "' is not supported");
        }
    }

    private static int reg(Object o) { return (Integer) o; }

    // ---- small data

    private static final int GP = Reg.GP;

    /**
     * {@code off - _gp} when GNU as would reach address {@code off} through {@code $gp}: a small-data
     * symbol plus a constant 0..{@link SmallData#MAX_OFFSET}; else null.
     */
    private Expr gpRel(Expr off) {
        if (off == null) return null;
        Expr.Sym sym = null;
        long c = 0;
        if (off instanceof Expr.Sym s) {
            sym = s;
        } else if (off instanceof Expr.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            Value r = b.r() instanceof Expr.Sym ? null : a.tryEval(b.r());
            Value l = b.l() instanceof Expr.Sym ? null : a.tryEval(b.l());
            if (b.l() instanceof Expr.Sym s && r != null && r.isAbsolute()) {
                sym = s;
                c = b.op().equals("+") ? r.off() : -r.off();
            } else if (b.op().equals("+") && b.r() instanceof Expr.Sym s && l != null && l.isAbsolute()) {
                sym = s;
                c = l.off();
            }
        }
        if (sym == null || c < 0 || c > SmallData.MAX_OFFSET || !a.isSmallData(sym)) return null;
        return new Expr.Binary("-", off, new Expr.Sym("_gp", sym.scope(), off.col()), off.col());
    }

    // ---- li / la

    /** {@code li rt, e}: a constant takes 1 or 2 instructions; a relocatable value only its %lo (as GNU as). */
    private void li(int rt, Expr e) {
        if (e instanceof Expr.HiLo h) {
            Value hv = a.tryEval(h.e());
            if (hv == null || !hv.isAbsolute()) {
                a.insn(Op.ADDIU, new long[] {rt, ZERO, 0}, 2, h.hi() ? Reloc.HI16 : Reloc.LO16, h.e());
                return;
            }
        }
        Value v = a.tryEval(e);
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (x < -0x80000000L || x > 0xFFFFFFFFL) throw new AsmError(e.col(), "number (0x" + Long.toHexString(x) + ") larger than 32 bits");
            li32(rt, x);
            return;
        }
        a.insn(Op.ADDIU, new long[] {rt, ZERO, 0}, 2, Reloc.LO16, e);
    }

    /** Loads a 32-bit constant into {@code rt} exactly as GNU as does. */
    void li32(int rt, long value) {
        int x = (int) value;
        if (x >= -0x8000 && x <= 0x7FFF) {
            a.insn(Op.ADDIU, rt, ZERO, x);
        } else if (x >= 0 && x <= 0xFFFF) {
            a.insn(Op.ORI, rt, ZERO, x);
        } else if ((x & 0xFFFF) == 0) {
            a.insn(Op.LUI, rt, x >>> 16);
        } else {
            a.seq(() -> {
                a.insn(Op.LUI, rt, x >>> 16);
                a.insn(Op.ORI, rt, rt, x & 0xFFFF);
            });
        }
    }

    void la(int rt, Arg.MemArg m) {
        int base = m.base();
        Expr off = m.off();
        Value v = off == null ? Value.abs(0) : a.tryEval(off);
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (base < 0) {
                li32(rt, x);
            } else if (Operand.SIMM16.fits(x)) {
                a.insn(Op.ADDIU, rt, base, x);
            } else {
                int tmp = rt == base ? at() : rt;
                a.seq(() -> {
                    li32(tmp, x);
                    a.insn(Op.ADDU, rt, tmp, base);
                });
            }
            return;
        }
        int tmp = base >= 0 && rt == base ? at() : rt;
        Expr g = gpRel(off);
        if (g != null) {
            a.seq(() -> {
                a.insn(Op.ADDIU, new long[] {tmp, GP, 0}, 2, Reloc.FIELD, g);
                if (base < 0) a.noSwap();  // GNU as keeps the $gp form relaxable: never in a delay slot
                if (base >= 0) a.insn(Op.ADDU, rt, tmp, base);
            });
            return;
        }
        a.seq(() -> {
            a.insn(Op.LUI, new long[] {tmp, 0}, 1, Reloc.HI16, off);
            a.insn(Op.ADDIU, new long[] {tmp, tmp, 0}, 2, Reloc.LO16, off);
            if (base >= 0) a.insn(Op.ADDU, rt, tmp, base);
        });
        // not defined yet: GNU as keeps the lui/addiu pair relaxable, never in a delay slot (an addu after it may move)
        if (v == null && base < 0) a.noSwap();
    }

    /** A load/store whose address does not fit one instruction: {@code lui} (+ {@code addu} base) + the access. */
    private void loadStore(Op row, long first, Arg.MemArg m) {
        int base = m.base();
        Value v = a.tryEval(m.off());
        // GNU as builds the address in the destination of a plain GPR load, else in $at.
        boolean plainLoad = row.format.operand(0).type == OperandType.GPR && row.has(pebble.r5k.isa.Effects.WRITES_RT)
                && !row.has(pebble.r5k.isa.Effects.READS_RT) && !row.has(pebble.r5k.isa.Effects.STORE);
        int tmp = plainLoad && first != ZERO && first != base ? (int) first : at();
        Expr g = v != null && v.isAbsolute() ? null : gpRel(m.off());
        if (g != null) {
            a.seq(() -> {
                if (base >= 0) a.insn(Op.ADDU, tmp, base, GP);
                a.insn(row, new long[] {first, 0, base >= 0 ? tmp : GP}, 1, Reloc.FIELD, g);
            });
            a.noSwap();
            return;
        }
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (x < -0x80000000L || x > 0xFFFFFFFFL) throw new AsmError(m.off().col(), "address 0x" + Long.toHexString(x) + " does not fit 32 bits");
            a.seq(() -> {
                a.insn(Op.LUI, tmp, Reloc.hi16(x));
                if (base >= 0) a.insn(Op.ADDU, tmp, tmp, base);
                a.insn(row, first, (short) x, tmp);
            });
            return;
        }
        a.seq(() -> {
            a.insn(Op.LUI, new long[] {tmp, 0}, 1, Reloc.HI16, m.off());
            if (base >= 0) a.insn(Op.ADDU, tmp, tmp, base);
            a.insn(row, new long[] {first, 0, tmp}, 1, Reloc.LO16, m.off());
        });        if (v == null) a.noSwap();
    }

    // ---- abs, mul, div

    private void abs(int rd, int rs) {
        a.verbatim(() -> {
            a.insn(Op.BGEZ, rs, 2);
            if (rd == rs) a.insn(Op.SLL, 0, 0, 0);
            else a.insn(Op.OR, rd, rs, ZERO);
            a.insn(Op.SUB, rd, ZERO, rs);
        });
    }

    void divide(Op row, int rd, int rs, Object divisor) {
        divide(row == Op.M_DIV || row == Op.M_REM, row == Op.M_REM || row == Op.M_REMU, false, rd, rs, divisor);
    }

    /** {@code div divu rem remu} and the doubleword {@code ddiv ddivu drem dremu}; divisor: Integer register or Expr. */
    void divide(boolean signed, boolean rem, boolean dbl, int rd, int rs, Object divisor) {
        Op div = dbl ? (signed ? Op.DDIV : Op.DDIVU) : (signed ? Op.DIV : Op.DIVU);
        Op move = rem ? Op.MFHI : Op.MFLO;
        if (divisor instanceof Expr e) {
            long v = a.constant(e, "divisor");
            a.seq(() -> {
                if (v == 0) {
                    a.diags.warning(a.loc, "divide by zero");
                    a.insn(Op.BREAK, 7, 0);
                } else if (v == 1) {
                    a.insn(Op.OR, rd, rem ? ZERO : rs, ZERO);
                } else if (v == -1 && signed) {
                    if (rem) a.insn(Op.OR, rd, ZERO, ZERO);
                    else a.insn(dbl ? Op.DSUB : Op.SUB, rd, ZERO, rs);
                } else {
                    li32(at(), v);
                    a.insn(div, rs, AT);
                    a.insn(move, rd);
                }
            });
            return;
        }
        int rt = (Integer) divisor;
        // GNU as shortens only the signed forms with $zero to a break; divu/remu keep the whole sequence
        boolean breakOnly = rt == ZERO && signed;
        if (!breakOnly) a.hazardPad(1);  // the divide is the second instruction
        a.verbatim(() -> {
            if (breakOnly) {
                a.diags.warning(a.loc, "divide by zero");
                a.insn(Op.BREAK, 7, 0);
                return;
            }
            a.insn(Op.BNE, rt, ZERO, 2);
            a.insn(div, rs, rt);
            a.insn(Op.BREAK, 7, 0);
            if (signed) {
                a.insn(Op.ADDIU, at(), ZERO, -1);
                if (dbl) {
                    a.insn(Op.BNE, rt, AT, 5);
                    a.insn(Op.ADDIU, AT, ZERO, 1);
                    a.insn(Op.DSLL32, AT, AT, 31);
                } else {
                    a.insn(Op.BNE, rt, AT, 4);
                    a.insn(Op.LUI, AT, 0x8000);
                }
                a.insn(Op.BNE, rs, AT, 2);
                a.insn(Op.SLL, 0, 0, 0);
                a.insn(Op.BREAK, 6, 0);
            }
            a.insn(move, rd);
        });
    }

    // ---- branches

    private void branch(Op op, int rs, int rt, Expr target) {
        a.insn(op, new long[] {rs, rt, 0}, 2, Reloc.PCREL16, target);
    }

    private void branch1(Op op, int rs, Expr target) {
        a.insn(op, new long[] {rs, 0}, 1, Reloc.PCREL16, target);
    }

    /** The branch-likely form of a conditional branch row (for the {@code bltl}... macros). */
    private static Op likely(Op op, boolean likely) {
        if (!likely) return op;
        switch (op) {
            case BEQ: return Op.BEQL;
            case BNE: return Op.BNEL;
            case BLTZ: return Op.BLTZL;
            case BGEZ: return Op.BGEZL;
            case BLEZ: return Op.BLEZL;
            default: return Op.BGTZL;
        }
    }

    private void always(Expr target) { branch(Op.BEQ, ZERO, ZERO, target); }

    /** Never taken: a {@code nop}, or for a likely macro {@code bnel $0,$0} (which still skips its slot). */
    private void never(boolean lk, Expr target) {
        if (lk) branch(Op.BNEL, ZERO, ZERO, target);
        else a.insn(Op.SLL, 0, 0, 0);
    }

    /** {@code slt/sltu $at,x,y} then {@code bnez/beqz $at}. */
    private void viaAt(boolean unsigned, int x, int y, boolean bnez, Expr target, boolean lk) {
        a.seq(() -> a.insn(unsigned ? Op.SLTU : Op.SLT, at(), x, y));
        branch(likely(bnez ? Op.BNE : Op.BEQ, lk), AT, ZERO, target);
    }

    /** {@code blt ble bgt bge} (+{@code u}) with two registers; {@code lk}: the branch-likely macro. */
    void compareBranch(String m, int rs, int rt, Expr t, boolean lk) {
        switch (m) {
            case "blt":
                if (rt == ZERO) branch1(likely(Op.BLTZ, lk), rs, t);
                else if (rs == ZERO) branch1(likely(Op.BGTZ, lk), rt, t);
                else viaAt(false, rs, rt, true, t, lk);
                return;
            case "ble":
                if (rt == ZERO) branch1(likely(Op.BLEZ, lk), rs, t);
                else if (rs == ZERO) branch1(likely(Op.BGEZ, lk), rt, t);
                else viaAt(false, rt, rs, false, t, lk);
                return;
            case "bgt":
                if (rt == ZERO) branch1(likely(Op.BGTZ, lk), rs, t);
                else if (rs == ZERO) branch1(likely(Op.BLTZ, lk), rt, t);
                else viaAt(false, rt, rs, true, t, lk);
                return;
            case "bge":
                if (rt == ZERO) branch1(likely(Op.BGEZ, lk), rs, t);
                else if (rs == ZERO) branch1(likely(Op.BLEZ, lk), rt, t);
                else viaAt(false, rs, rt, false, t, lk);
                return;
            case "bltu":
                if (rt == ZERO) never(lk, t);
                else if (rs == ZERO) branch(likely(Op.BNE, lk), ZERO, rt, t);
                else viaAt(true, rs, rt, true, t, lk);
                return;
            case "bleu":
                if (rt == ZERO) branch(likely(Op.BEQ, lk), rs, ZERO, t);
                else if (rs == ZERO) always(t);
                else viaAt(true, rt, rs, false, t, lk);
                return;
            case "bgtu":
                if (rt == ZERO) branch(likely(Op.BNE, lk), rs, ZERO, t);
                else if (rs == ZERO) never(lk, t);
                else viaAt(true, rt, rs, true, t, lk);
                return;
            default: // bgeu
                if (rt == ZERO) always(t);
                else if (rs == ZERO) branch(likely(Op.BEQ, lk), ZERO, rt, t);
                else viaAt(true, rs, rt, false, t, lk);
        }
    }

    /** The compare-with-constant branch macros; {@code lk}: the branch-likely macro. */
    void compareBranchImm(String m, int rs, Expr imm, Expr t, boolean lk) {
        long v = a.constant(imm, "branch comparison value");
        boolean unsigned = m.endsWith("u");
        if (unsigned) v &= 0xFFFFFFFFL;
        else v = (int) v;
        // ble/bgt x,v are blt/bge x,v+1 (with the top value always/never true)
        boolean plusOne = m.startsWith("ble") || m.startsWith("bgt");
        boolean lessThan = m.startsWith("blt") || m.startsWith("ble");
        if (plusOne) {
            long max = unsigned ? 0xFFFFFFFFL : 0x7FFFFFFFL;
            if (v == max) {
                if (lessThan) always(t);
                else never(lk, t);
                return;
            }
            v++;
        }
        // now: lessThan ? (rs < v) : (rs >= v)
        if (v == 0) {
            if (unsigned) {
                if (lessThan) never(lk, t);
                else always(t);
            } else {
                branch1(likely(lessThan ? Op.BLTZ : Op.BGEZ, lk), rs, t);
            }
            return;
        }
        if (v == 1) {
            if (unsigned) branch(likely(lessThan ? Op.BEQ : Op.BNE, lk), rs, ZERO, t);
            else branch1(likely(lessThan ? Op.BLEZ : Op.BGTZ, lk), rs, t);
            return;
        }
        long fv = v;
        long sv = unsigned ? (int) v : v;  // sltiu takes a sign-extended immediate
        if (Operand.SIMM16.fits(sv)) {
            a.seq(() -> a.insn(unsigned ? Op.SLTIU : Op.SLTI, at(), rs, sv));
        } else {
            a.seq(() -> {
                li32(at(), fv);
                a.insn(unsigned ? Op.SLTU : Op.SLT, AT, rs, AT);
            });
        }
        branch(likely(lessThan ? Op.BNE : Op.BEQ, lk), AT, ZERO, t);
    }

    // ---- unaligned accesses

    private void unaligned(Op row, int rt, Arg.MemArg m) {
        int base = m.base();
        Value v = m.off() == null ? Value.abs(0) : a.tryEval(m.off());
        long off;
        if (base < 0 || v == null || !v.isAbsolute() || !Operand.SIMM16.fits(v.off()) || !Operand.SIMM16.fits(v.off() + 3)) {
            // address into $at first
            la(at(), m);
            base = AT;
            off = 0;
        } else {
            off = v.off();
        }
        boolean be = a.bigEndian();
        int b = base;
        long o = off;
        a.seq(() -> {
            switch (row) {
                case M_ULW: {
                    int dst = rt == b ? AT : rt;
                    a.insn(Op.LWL, dst, be ? o : o + 3, b);
                    a.insn(Op.LWR, dst, be ? o + 3 : o, b);
                    if (dst != rt) a.insn(Op.OR, rt, AT, ZERO);
                    return;
                }
                case M_USW:
                    a.insn(Op.SWL, rt, be ? o : o + 3, b);
                    a.insn(Op.SWR, rt, be ? o + 3 : o, b);
                    return;
                case M_ULH: case M_ULHU: {
                    // GNU as: with the address in $at, the high byte goes through rt and the low one through $at
                    int hi = b == AT ? rt : AT, lo = b == AT ? AT : rt;
                    a.insn(row == Op.M_ULH ? Op.LB : Op.LBU, hi, be ? o : o + 1, b);
                    a.insn(Op.LBU, lo, be ? o + 1 : o, b);
                    a.insn(Op.SLL, hi, hi, 8);
                    a.insn(Op.OR, rt, rt, AT);
                    return;
                }
                default: // M_USH
                    a.insn(Op.SB, rt, be ? o + 1 : o, b);
                    if (b == AT) {
                        // $at holds the address: shift rt itself, then rebuild it from the stored low byte (GNU as)
                        a.insn(Op.SRL, rt, rt, 8);
                        a.insn(Op.SB, rt, be ? o : o + 1, b);
                        a.insn(Op.LBU, AT, be ? o + 1 : o, b);
                        a.insn(Op.SLL, rt, rt, 8);
                        a.insn(Op.OR, rt, rt, AT);
                    } else {
                        a.insn(Op.SRL, AT, rt, 8);
                        a.insn(Op.SB, AT, be ? o : o + 1, b);
                    }
            }
        });
    }

}
