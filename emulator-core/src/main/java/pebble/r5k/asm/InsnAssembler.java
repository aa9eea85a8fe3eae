package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.Operand;
import pebble.r5k.isa.OperandType;

/**
 * Mnemonic → candidate rows of {@link Op} → the first row whose operands all parse and fit (REAL and
 * ALIAS rows first, then MACRO rows); the GNU as forms that are not rows of their own (immediate
 * operands of three-register ops, symbolic load/store addresses, {@code j $reg}...) go to
 * {@link MacroExpander}. When nothing fits, the error of the row that got furthest is reported.
 */
final class InsnAssembler {
    private static final Map<String, List<Op>> ROWS = new HashMap<>();
    private static final java.util.Set<String> SKIPPED_ALIASES = java.util.Set.of("move", "li", "div", "divu", "ddiv", "ddivu", ".word");

    static {
        for (OpKind k : new OpKind[] {OpKind.REAL, OpKind.ALIAS, OpKind.MACRO}) {
            for (Op op : Op.all()) {
                if (op.kind != k || op == Op.RESERVED) continue;
                // move and li are macros in GNU as (move is "or"); the alias rows are for the disassembler.
                // The three-operand divide aliases only describe objdump's spelling of the real rows.
                if (k == OpKind.ALIAS && SKIPPED_ALIASES.contains(op.mnemonic)) continue;
                ROWS.computeIfAbsent(op.mnemonic, x -> new ArrayList<>()).add(op);
            }
        }
    }

    static boolean isMnemonic(String m) { return ROWS.containsKey(m); }

    private final Assembler asm;

    private final ExtraMacros extra;

    InsnAssembler(Assembler asm) {
        this.asm = asm;
        this.extra = new ExtraMacros(asm, asm.expander);
    }

    /** Why a row did not take the operands; {@code depth} ranks how far it got. */
    static final class Mismatch extends RuntimeException {
        final int col;
        final int depth;
        final boolean range;

        Mismatch(int col, int depth, boolean range, String message) {
            super(message, null, false, false);
            this.col = col;
            this.depth = depth;
            this.range = range;
        }
    }

    /** The operands of a REAL/ALIAS row, bound: field values plus at most one deferred field. */
    private record Bound(long[] values, int fixIndex, Reloc reloc, Expr target) {}

    /** GNU as's FP load/store spellings: the same instructions. */
    private static final Map<String, String> RENAMED = Map.of("l.s", "lwc1", "l.d", "ldc1", "s.s", "swc1", "s.d", "sdc1");

    void assemble(String m, String operandText, int opCol, int mnemCol) {
        m = RENAMED.getOrDefault(m, m);
        if (m.equals("li.s") || m.equals("li.d")) {
            extra.loadFloat(m.equals("li.d"), operandText, opCol);
            return;
        }
        List<Op> rows = ROWS.get(m);
        boolean extraForm = ExtraMacros.handles(m) || m.equals("ddiv") || m.equals("ddivu");
        if (rows == null && !extraForm) throw new AsmError(mnemCol, "unknown instruction '" + m + "'");
        List<Arg> args = Arg.parseAll(operandText, opCol, asm);
        MacroExpander x = asm.expander;
        // trunc.w.d fd,fs,rt: GNU's MIPS I macro form; MIPS II and later need no scratch register
        if (m.startsWith("trunc.w.") && args.size() == 3 && args.get(2) instanceof Arg.RegArg r && r.kind() == 'g') {
            args = args.subList(0, 2);
        }
        if (extraForm && !(args.size() == 3 && isReg(args.get(0), 0) && m.startsWith("ddiv")) && (rows == null || args.size() == 3)) {
            if (extra.expand(m, args)) return;
            if (rows == null) throw new AsmError(mnemCol, "bad operands for '" + m + "'");
        }

        if ((m.equals("ld") || m.equals("sd")) && x.doubleWord(m, args)) return;
        // "div $zero,rs,rt" is the machine instruction (objdump's spelling); other three-operand forms are macros.
        if (args.size() == 3 && isReg(args.get(0), 0)) {
            Op real = m.equals("div") ? Op.DIV : m.equals("divu") ? Op.DIVU : m.equals("ddiv") ? Op.DDIV : m.equals("ddivu") ? Op.DDIVU : null;
            if (real != null) {
                emitBound(real, bind(real, args.subList(1, 3), mnemCol));
                return;
            }
        }
        Mismatch best = null;
        // Pass 0 takes the operands as written, pass 1 the shorthand forms (so "jalr $t1" is jalr $ra,$t1).
        for (int pass = 0; pass < 2; pass++) {
            for (Op row : rows) {
                if (row.kind == OpKind.MACRO) continue;
                if ((m.equals("div") || m.equals("divu")) && row.isReal()) continue;
                List<List<Arg>> vs = variants(row.format, args);
                for (int vi = pass == 0 ? 0 : 1; vi < (pass == 0 ? 1 : vs.size()); vi++) {
                    try {
                        emitBound(row, bind(row, vs.get(vi), mnemCol));
                        return;
                    } catch (Mismatch mm) {
                        if (best == null || mm.depth > best.depth || (mm.depth == best.depth && mm.range && !best.range)) best = mm;
                    }
                }
            }
        }
        if (x.fallback(m, rows, args, best)) return;
        for (Op row : rows) {
            if (row.kind != OpKind.MACRO) continue;
            for (List<Arg> a : variants(row.format, args)) {
                try {
                    Object[] bound = bindMacro(row, a, mnemCol);
                    x.expand(row, bound);
                    return;
                } catch (Mismatch mm) {
                    if (best == null || mm.depth > best.depth) best = mm;
                }
            }
        }
        if (best == null) throw new AsmError(mnemCol, "bad operands for '" + m + "'");
        throw new AsmError(best.col, best.getMessage());
    }

    static boolean isReg(Arg a, int n) {
        return a instanceof Arg.RegArg r && r.kind() == 'g' && r.num() == n;
    }

    /**
     * The operand lists to try for a format: as written; with the first register repeated when GNU as
     * lets it be omitted ({@code addu $t0,$t1} = {@code addu $t0,$t0,$t1}); with a leading FP condition
     * code or trailing code fields defaulted to 0.
     */
    static List<List<Arg>> variants(OpFormat f, List<Arg> args) {
        List<List<Arg>> out = new ArrayList<>();
        out.add(args);
        int n = slotCount(f);
        if (args.size() == n - 1 && n >= 2 && !args.isEmpty()) {
            OperandType t0 = f.operand(0).type, t1 = f.operand(1).type;
            // not for traps: "teq $t0,5" is teqi, not teq $t0,$t0 with code 5
            boolean codeLast = f.operand(f.count() - 1).type == OperandType.CODE;
            if ((t0 == OperandType.GPR || t0 == OperandType.FPR) && t1 == t0 && args.get(0) instanceof Arg.RegArg && !codeLast) {
                List<Arg> a = new ArrayList<>(args);
                a.add(1, args.get(0));
                out.add(a);
            }
        }
        if (args.size() < n && f.count() > 0 && f.operand(0).type == OperandType.FCC && args.size() == n - 1) {
            List<Arg> a = new ArrayList<>(args);
            a.add(0, new Arg.ExprArg(new Expr.Num(0, 0), 0));
            out.add(a);
        }
        if (args.size() < n) {
            int trailing = 0;
            for (int i = f.count() - 1; i >= 0 && f.operand(i).type == OperandType.CODE && f.operand(i) != Operand.CACHEOP && f.operand(i) != Operand.HINT; i--) trailing++;
            if (trailing > 0 && n - args.size() <= trailing) {
                List<Arg> a = new ArrayList<>(args);
                while (a.size() < n) a.add(new Arg.ExprArg(new Expr.Num(0, 0), 0));
                out.add(a);
            }
        }
        return out;
    }

    /** Written operands of a format: offset(base) and index(base) count once. */
    static int slotCount(OpFormat f) {
        int n = 0;
        for (int i = 0; i < f.count(); i++) {
            if (isMemSlot(f, i)) i++;
            n++;
        }
        return n;
    }

    static boolean isMemSlot(OpFormat f, int i) {
        return (f.operand(i) == Operand.OFFSET16 || f.operand(i) == Operand.INDEX) && i + 1 < f.count() && f.operand(i + 1) == Operand.BASE;
    }

    private void emitBound(Op row, Bound b) {
        if (b.fixIndex() >= 0) asm.insn(row, b.values(), b.fixIndex(), b.reloc(), b.target());
        else asm.insn(row, b.values());
    }

    private Bound bind(Op row, List<Arg> args, int mnemCol) {
        OpFormat f = row.format;
        int slots = slotCount(f);
        if (args.size() != slots) {
            throw new Mismatch(mnemCol, -1, false, "'" + row.mnemonic + "' expects " + describe(f) + " (" + slots + " operand" + (slots == 1 ? "" : "s") + "), got " + args.size());
        }
        long[] v = new long[f.count()];
        int fix = -1;
        Reloc reloc = null;
        Expr target = null;
        int j = 0;
        for (int i = 0; i < f.count(); i++, j++) {
            Arg a = args.get(j);
            Operand o = f.operand(i);
            if (isMemSlot(f, i)) {
                if (!(a instanceof Arg.MemArg mem)) {
                    throw new Mismatch(a.col(), j, true, "expected a memory operand offset(base) for '" + row.mnemonic + "'");
                }
                if (o == Operand.INDEX) {
                    if (mem.index() < 0) throw new Mismatch(a.col(), j, false, "expected index($base) with an index register");
                    v[i] = mem.index();
                } else {
                    if (mem.index() >= 0) throw new Mismatch(a.col(), j, false, "expected offset($base), got a register offset");
                    if (mem.off() != null) {
                        Object r = immediate(row, o, mem.off(), j, true);
                        if (r instanceof Long l) v[i] = l;
                        else {
                            if (fix >= 0) throw new Mismatch(a.col(), j, false, "too many symbolic operands");
                            fix = i;
                            Object[] fr = (Object[]) r;
                            reloc = (Reloc) fr[0];
                            target = (Expr) fr[1];
                        }
                    }
                }
                v[++i] = mem.base();
                continue;
            }
            switch (o.type) {
                case GPR: case CP0_REG: case FCR:
                    v[i] = reg(a, 'g', j, row, o);
                    break;
                case FPR:
                    v[i] = reg(a, 'f', j, row, o);
                    break;
                case FCC:
                    if (a instanceof Arg.RegArg r && r.kind() == 'c') v[i] = r.num();
                    else if (a instanceof Arg.ExprArg e) {
                        long c = asm.constant(e.e(), "condition code");
                        if (c < 0 || c > 7) throw new Mismatch(a.col(), j, true, "condition code " + c + " out of range 0..7");
                        v[i] = c;
                    } else throw new Mismatch(a.col(), j, false, "expected a condition code $fccN");
                    break;
                case BRANCH: case JUMP: {
                    if (!(a instanceof Arg.ExprArg e)) throw new Mismatch(a.col(), j, false, "expected a " + (o.type == OperandType.BRANCH ? "branch" : "jump") + " target");
                    if (fix >= 0) throw new Mismatch(a.col(), j, false, "too many symbolic operands");
                    fix = i;
                    reloc = o.type == OperandType.BRANCH ? Reloc.PCREL16 : Reloc.ABS26;
                    target = e.e();
                    break;
                }
                default: {
                    if (!(a instanceof Arg.ExprArg e)) throw new Mismatch(a.col(), j, false, "expected an immediate value for operand " + (j + 1) + " of '" + row.mnemonic + "'");
                    Object r = immediate(row, o, e.e(), j, false);
                    if (r instanceof Long l) v[i] = l;
                    else {
                        if (fix >= 0) throw new Mismatch(a.col(), j, false, "too many symbolic operands");
                        fix = i;
                        Object[] fr = (Object[]) r;
                        reloc = (Reloc) fr[0];
                        target = (Expr) fr[1];
                    }
                }
            }
        }
        return new Bound(v, fix, reloc, target);
    }

    private static String describe(OpFormat f) {
        return f.count() == 0 ? "no operands" : f.text();
    }

    private long reg(Arg a, char kind, int j, Op row, Operand o) {
        if (a instanceof Arg.RegArg r && r.kind() == kind) return r.num();
        String want = kind == 'f' ? "an FP register $fN" : o.type == OperandType.CP0_REG ? "a CP0 register $n" : "a general register";
        throw new Mismatch(a.col(), j, false, "expected " + want + " as operand " + (j + 1) + " of '" + row.mnemonic + "'");
    }

    /** A Long field value, or {Reloc, Expr} for a deferred one. */
    private Object immediate(Op row, Operand o, Expr e, int j, boolean mem) {
        if (e instanceof Expr.HiLo h) {
            if (o.width != 16) throw new Mismatch(e.col(), j, false, "%hi/%lo only fit 16-bit fields");
            Value v = asm.tryEval(h.e());
            if (v != null && v.isAbsolute()) {
                long x = h.hi() ? Reloc.hi16(v.off()) : Reloc.lo16(v.off());
                return o.type == OperandType.SIMM ? (long) (short) x : x;
            }
            return new Object[] {h.hi() ? Reloc.HI16 : Reloc.LO16, h.e()};
        }
        Value v = asm.tryEval(e);
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (!o.fits(x)) {
                String range = o.type == OperandType.SIMM ? -(1L << (o.width - 1)) + ".." + ((1L << (o.width - 1)) - 1) : "0.." + ((1L << o.width) - 1);
                throw new Mismatch(e.col(), j, true, (mem ? "offset " : "immediate ") + x + " out of range for '" + row.mnemonic + "' (" + range + ")");
            }
            return x;
        }
        if (mem) throw new Mismatch(e.col(), j, true, "symbolic address");
        return new Object[] {Reloc.FIELD, e};
    }

    /** Binds a MACRO row's operands: Integer registers, Expr immediates/targets, MemArg addresses. */
    private Object[] bindMacro(Op row, List<Arg> args, int mnemCol) {
        OpFormat f = row.format;
        if (args.size() != f.count()) {
            throw new Mismatch(mnemCol, -1, false, "'" + row.mnemonic + "' expects " + describe(f) + ", got " + args.size() + " operand" + (args.size() == 1 ? "" : "s"));
        }
        Object[] out = new Object[f.count()];
        for (int i = 0; i < f.count(); i++) {
            Arg a = args.get(i);
            Operand o = f.operand(i);
            if (o.type == OperandType.GPR) out[i] = (int) reg(a, 'g', i, row, o);
            else if (o == Operand.ADDR) {
                if (a instanceof Arg.MemArg mem && mem.index() < 0) out[i] = mem;
                else if (a instanceof Arg.ExprArg e) out[i] = new Arg.MemArg(e.e(), -1, -1, e.col());
                else throw new Mismatch(a.col(), i, false, "expected an address as operand " + (i + 1) + " of '" + row.mnemonic + "'");
            } else {
                if (!(a instanceof Arg.ExprArg e)) throw new Mismatch(a.col(), i, false, "expected " + (o == Operand.BRANCH16 ? "a branch target" : "an immediate value") + " as operand " + (i + 1) + " of '" + row.mnemonic + "'");
                out[i] = e.e();
            }
        }
        return out;
    }
}
