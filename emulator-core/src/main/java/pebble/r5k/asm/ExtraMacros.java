package pebble.r5k.asm;

import java.util.List;

import pebble.r5k.isa.Op;
import pebble.r5k.isa.Operand;
import pebble.r5k.isa.Reg;

/**
 * GNU as macros that have no row in {@link Op}: the branch-likely compare macros ({@code bltl}...), the set
 * macros ({@code seq sne sge sgt sle} (+{@code u})), rotates, overflow-checking and doubleword multiplies,
 * doubleword divides, {@code dabs}, {@code li.s/li.d}, {@code uld/usd}. Expansions are those of GNU as 2.40
 * for {@code -march=r5000 -mabi=32}, read back with objdump ({@code AsmDifferentialTest} keeps them equal).
 */
final class ExtraMacros {
    private static final int AT = Reg.AT, ZERO = Reg.ZERO;
    private final Assembler a;
    private final MacroExpander x;

    ExtraMacros(Assembler a, MacroExpander x) {
        this.a = a;
        this.x = x;
    }

    /** True when {@code m} is one of these macros (so an unknown mnemonic is not reported before trying). */
    static boolean handles(String m) {
        switch (m) {
            case "bltl": case "bgel": case "bgtl": case "blel": case "bltul": case "bgeul": case "bgtul": case "bleul":
            case "seq": case "sne": case "sge": case "sgeu": case "sgt": case "sgtu": case "sle": case "sleu":
            case "rol": case "ror": case "drol": case "dror":
            case "mulo": case "mulou": case "dmul": case "dmulo": case "dmulou":
            case "drem": case "dremu": case "dabs": case "uld": case "usd":
                return true;
            default:
                return false;
        }
    }

    private static int gpr(Arg x) {
        return x instanceof Arg.RegArg r && r.kind() == 'g' ? r.num() : -1;
    }

    /** Expands {@code m args}; returns false when the operands are not a form of the macro. */
    boolean expand(String m, List<Arg> args) {
        int n = args.size();
        switch (m) {
            case "bltl": case "bgel": case "bgtl": case "blel": case "bltul": case "bgeul": case "bgtul": case "bleul": {
                if (n != 3 || gpr(args.get(0)) < 0 || !(args.get(2) instanceof Arg.ExprArg t)) return false;
                String base = m.endsWith("ul") ? m.substring(0, m.length() - 2) + "u" : m.substring(0, m.length() - 1);
                if (gpr(args.get(1)) >= 0) x.compareBranch(base, gpr(args.get(0)), gpr(args.get(1)), t.e(), true);
                else if (args.get(1) instanceof Arg.ExprArg imm) x.compareBranchImm(base, gpr(args.get(0)), imm.e(), t.e(), true);
                else return false;
                return true;
            }
            case "ddiv": case "ddivu": case "drem": case "dremu": {
                if (n != 3 || gpr(args.get(0)) < 0 || gpr(args.get(1)) < 0) return false;
                Object d = gpr(args.get(2)) >= 0 ? (Object) gpr(args.get(2)) : args.get(2) instanceof Arg.ExprArg e ? e.e() : null;
                if (d == null) return false;
                x.divide(!m.endsWith("u"), m.startsWith("drem"), true, gpr(args.get(0)), gpr(args.get(1)), d);
                return true;
            }
            case "dabs": {
                if (n < 1 || n > 2 || gpr(args.get(0)) < 0 || gpr(args.get(n - 1)) < 0) return false;
                int rd = gpr(args.get(0)), rs = gpr(args.get(n - 1));
                a.verbatim(() -> {
                    a.insn(Op.BGEZ, rs, 2);
                    if (rd == rs) a.insn(Op.SLL, 0, 0, 0);
                    else a.insn(Op.OR, rd, rs, ZERO);
                    a.insn(Op.DSUB, rd, ZERO, rs);
                });
                return true;
            }
            case "uld": case "usd":
                return unalignedDouble(m.equals("uld"), args);
            default:
                break;
        }
        // rd, rs, (rt | imm) with "rd, (rt | imm)" meaning rd, rd, ...
        if (n != 2 && n != 3) return false;
        int rd = gpr(args.get(0)), rs = gpr(args.get(n - 2));
        if (rd < 0 || rs < 0) return false;
        Arg last = args.get(n - 1);
        int rt = gpr(last);
        Expr imm = last instanceof Arg.ExprArg e ? e.e() : null;
        if (rt < 0 && imm == null) return false;
        if (rt < 0 && a.tryEval(imm) == null) throw new AsmError(imm.col(), "'" + m + "' needs a constant operand");
        long v = rt < 0 ? a.constant(imm, m + " operand") : 0;
        switch (m) {
            case "seq": case "sne": setEqual(m.equals("seq"), rd, rs, rt, v); return true;
            case "sge": case "sgeu": case "sle": case "sleu": case "sgt": case "sgtu": setCompare(m, rd, rs, rt, v); return true;
            case "rol": case "ror": rotate(m.equals("rol"), false, rd, rs, rt, v); return true;
            case "drol": case "dror": rotate(m.equals("drol"), true, rd, rs, rt, v); return true;
            case "dmul":
                a.seq(() -> {
                    if (rt >= 0) {
                        a.insn(Op.DMULTU, rs, rt);
                    } else {
                        x.li32(x.at(), v);
                        a.insn(Op.DMULT, rs, AT);
                    }
                    a.insn(Op.MFLO, rd);
                });
                return true;
            default: // mulo mulou dmulo dmulou
                multiplyChecked(m.startsWith("d"), !m.endsWith("u"), rd, rs, rt, v);
                return true;
        }
    }

    /** {@code seq}/{@code sne}: the difference (xor, or add of the negated constant) tested against zero. */
    private void setEqual(boolean eq, int rd, int rs, int rt, long v) {
        a.seq(() -> {
            int src;
            if (rt >= 0) {
                if (rs == ZERO) src = rt;
                else if (rt == ZERO) src = rs;
                else {
                    a.insn(Op.XOR, rd, rs, rt);
                    src = rd;
                }
            } else {
                int iv = (int) v;
                if (iv == 0) {
                    src = rs;
                } else if (rs == ZERO) {
                    a.diags.warning(a.loc, "instruction " + (eq ? "seq" : "sne") + ": result is always " + (eq ? "false" : "true"));
                    if (eq) a.insn(Op.OR, rd, ZERO, ZERO);
                    else a.insn(Op.ADDIU, rd, ZERO, 1);
                    return;
                } else if (iv > 0 && iv <= 0xFFFF) {
                    a.insn(Op.XORI, rd, rs, iv);
                    src = rd;
                } else if (iv < 0 && iv > -0x8000) {
                    a.insn(Op.ADDIU, rd, rs, -iv);
                    src = rd;
                } else {
                    x.li32(x.at(), iv);
                    a.insn(Op.XOR, rd, rs, AT);
                    src = rd;
                }
            }
            if (eq) a.insn(Op.SLTIU, rd, src, 1);
            else a.insn(Op.SLTU, rd, ZERO, src);
        });
    }

    /** {@code sge sgeu sgt sgtu sle sleu}: one {@code slt[i][u]}, plus {@code xori 1} for the inverted ones. */
    private void setCompare(String m, int rd, int rs, int rt, long v) {
        boolean unsigned = m.endsWith("u");
        Op slt = unsigned ? Op.SLTU : Op.SLT;
        boolean ge = m.startsWith("sge");
        boolean invert = ge || m.startsWith("sle");
        a.seq(() -> {
            if (ge) {
                if (rt >= 0) a.insn(slt, rd, rs, rt);
                else if (Operand.SIMM16.fits((int) v)) a.insn(unsigned ? Op.SLTIU : Op.SLTI, rd, rs, (int) v);
                else {
                    x.li32(x.at(), v);
                    a.insn(slt, rd, rs, AT);
                }
            } else {  // sgt / sle: rt < rs
                if (rt >= 0) a.insn(slt, rd, rt, rs);
                else {
                    x.li32(x.at(), v);
                    a.insn(slt, rd, AT, rs);
                }
            }
            if (invert) a.insn(Op.XORI, rd, rd, 1);
        });
    }

    /** {@code rol ror drol dror}: two opposite shifts or-ed together (a negated count for register amounts). */
    private void rotate(boolean left, boolean dbl, int rd, int rs, int rt, long v) {
        a.seq(() -> {
            if (rt >= 0) {
                a.insn(dbl ? Op.DSUBU : Op.SUBU, x.at(), ZERO, rt);
                Op l = dbl ? Op.DSLLV : Op.SLLV, r = dbl ? Op.DSRLV : Op.SRLV;
                a.insn(left ? r : l, AT, rs, AT);
                a.insn(left ? l : r, rd, rs, rt);
                a.insn(Op.OR, rd, rd, AT);
                return;
            }
            int bits = dbl ? 64 : 32;
            int sa = (int) (v & (bits - 1));
            if (sa == 0) {
                a.insn(dbl ? Op.DSRL : Op.SRL, rd, rs, 0);
                return;
            }
            shift(left, dbl, x.at(), rs, sa);
            shift(!left, dbl, rd, rs, bits - sa);
            a.insn(Op.OR, rd, rd, AT);
        });
    }

    private void shift(boolean left, boolean dbl, int rd, int rt, int sa) {
        if (!dbl) a.insn(left ? Op.SLL : Op.SRL, rd, rt, sa);
        else if (sa >= 32) a.insn(left ? Op.DSLL32 : Op.DSRL32, rd, rt, sa - 32);
        else a.insn(left ? Op.DSLL : Op.DSRL, rd, rt, sa);
    }

    /** {@code mulo mulou dmulo dmulou}: the product, then {@code break 6} when it overflowed. */
    private void multiplyChecked(boolean dbl, boolean signed, int rd, int rs, int rt, long v) {
        Op mult = dbl ? (signed ? Op.DMULT : Op.DMULTU) : (signed ? Op.MULT : Op.MULTU);
        a.hazardPad(rt >= 0 ? 0 : liLength(v));
        a.verbatim(() -> {
            int src = rt;
            if (rt < 0) {
                x.li32(x.at(), v);
                src = AT;
            }
            a.insn(mult, rs, src);
            if (signed) {
                a.insn(Op.MFLO, rd);
                a.insn(dbl ? Op.DSRA32 : Op.SRA, rd, rd, 31);
                a.insn(Op.MFHI, x.at());
                a.insn(Op.BEQ, rd, AT, 2);
            } else {
                a.insn(Op.MFHI, x.at());
                a.insn(Op.MFLO, rd);
                a.insn(Op.BEQ, AT, ZERO, 2);
            }
            a.insn(Op.SLL, 0, 0, 0);
            a.insn(Op.BREAK, 6, 0);
        });
        if (signed) a.seq(() -> a.insn(Op.MFLO, rd));
    }

    private static int liLength(long v) {
        int x = (int) v;
        return (x >= -0x8000 && x <= 0xFFFF) || (x & 0xFFFF) == 0 ? 1 : 2;
    }

    /** {@code uld}/{@code usd}: {@code ldl/ldr}, {@code sdl/sdr} in the byte order of the output. */
    private boolean unalignedDouble(boolean load, List<Arg> args) {
        if (args.size() != 2 || gpr(args.get(0)) < 0) return false;
        int rt = gpr(args.get(0));
        Arg.MemArg m;
        if (args.get(1) instanceof Arg.ExprArg e) m = new Arg.MemArg(e.e(), -1, -1, e.col());
        else if (args.get(1) instanceof Arg.MemArg mm && mm.index() < 0) m = mm;
        else return false;
        Value v = m.off() == null ? Value.abs(0) : a.tryEval(m.off());
        int base;
        long off;
        if (m.base() < 0 || v == null || !v.isAbsolute() || !Operand.SIMM16.fits(v.off()) || !Operand.SIMM16.fits(v.off() + 7)) {
            x.la(x.at(), m);
            base = AT;
            off = 0;
        } else {
            base = m.base();
            off = v.off();
        }
        boolean be = a.bigEndian();
        int b = base;
        a.seq(() -> {
            int dst = load && rt == b ? AT : rt;
            a.insn(load ? Op.LDL : Op.SDL, dst, be ? off : off + 7, b);
            a.insn(load ? Op.LDR : Op.SDR, dst, be ? off + 7 : off, b);
            if (dst != rt) a.insn(Op.OR, rt, AT, ZERO);
        });
        return true;
    }

    /** {@code li.s}/{@code li.d} (raw operand text: the constant is a floating-point literal). */
    void loadFloat(boolean dbl, String text, int col) {
        int comma = text.indexOf(',');
        if (comma < 0) throw new AsmError(col, "missing operand");
        String regText = text.substring(0, comma).trim();
        String lit = text.substring(comma + 1).trim();
        Arg.RegArg r = Arg.reg(regText, col);
        double d;
        try {
            d = Double.parseDouble(lit.replaceFirst("^0[fFdDeE]", ""));
        } catch (NumberFormatException e) {
            throw new AsmError(col + comma + 1, "bad floating-point constant '" + lit + "'");
        }
        if (!dbl) {
            int bits = Float.floatToRawIntBits((float) d);
            if (r.kind() == 'g') {
                x.li32(r.num(), bits);
                return;
            }
            if (r.kind() != 'f') throw new AsmError(col, "bad register '" + regText + "'");
            if ((bits & 0xFFFF) != 0) {
                literal(Op.LWC1, r.num(), bits, false, col);
                return;
            }
            a.seq(() -> {
                x.li32(x.at(), bits);
                a.insn(Op.MTC1, AT, r.num());
            });
            return;
        }
        long bits = Double.doubleToRawLongBits(d);
        int hi = (int) (bits >>> 32), lo = (int) bits;
        if (r.kind() == 'g') {
            if (r.num() == 31) throw new AsmError(col, "'li.d' needs a register pair: $31 has no successor");
            boolean be = a.bigEndian();
            int hiReg = be ? r.num() : r.num() + 1, loReg = be ? r.num() + 1 : r.num();
            a.seq(() -> {
                x.li32(hiReg, hi);
                word(loReg, lo);  // GNU as: "move" for a zero low word
            });
            return;
        }
        if (r.kind() != 'f') throw new AsmError(col, "bad register '" + regText + "'");
        if ((r.num() & 1) != 0) throw new AsmError(col, "'li.d' needs an even FP register");
        int f = r.num();
        if (lo != 0 || (hi & 0xFFFF) != 0) {
            literal(Op.LDC1, f, bits, true, col);
            return;
        }
        a.seq(() -> {
            fpWord(f + 1, hi);
            fpWord(f, lo);
        });
    }

    /**
     * GNU as's literal pool: the constant goes to {@code .lit4}/{@code .lit8} (small data, after
     * {@code .sdata}) and is loaded relative to {@code $gp}; the load is never moved into a delay slot.
     */
    private void literal(Op load, int f, long bits, boolean dbl, int col) {
        Section pool = a.section(dbl ? ".lit8" : ".lit4");
        int off = dbl ? pool.buf.dword(bits) : pool.buf.word((int) bits);
        Expr addr = new Expr.Here(pool, off, col);
        Expr rel = new Expr.Binary("-", addr, new Expr.Sym("_gp", a.scope(), col), col);
        a.insn(load, new long[] {f, 0, Reg.GP}, 1, pebble.r5k.emit.Reloc.FIELD, rel);
        a.noSwap();
    }

    private void word(int rd, int value) {
        if (value == 0) a.insn(Op.OR, rd, ZERO, ZERO);
        else x.li32(rd, value);
    }

    private void fpWord(int f, int value) {
        if (value == 0) {
            a.insn(Op.MTC1, ZERO, f);
        } else {
            x.li32(x.at(), value);
            a.insn(Op.MTC1, AT, f);
        }
    }
}
