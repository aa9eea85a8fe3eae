package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.isa.Reg;

/** One parsed instruction operand: a register, a memory reference {@code off(base)}, or an expression. */
sealed interface Arg {
    int col();

    /** {@code kind}: 'g' general register ({@code $n} or name), 'f' FP register, 'c' FP condition code. */
    record RegArg(char kind, int num, boolean numeric, int col) implements Arg {}

    /** {@code off(base)}; {@code off} null when absent; {@code index} >= 0 for {@code $index($base)}. */
    record MemArg(Expr off, int index, int base, int col) implements Arg {}

    record ExprArg(Expr e, int col) implements Arg {}

    /** Splits an operand list at top-level commas and parses each piece. */
    static List<Arg> parseAll(String text, int col0, ExprParser.Context ctx) {
        List<Arg> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quote = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '"') quote = !quote;
            if (quote) continue;
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth <= 0) {
                String piece = text.substring(start, i);
                int lead = 0;
                while (lead < piece.length() && Character.isWhitespace(piece.charAt(lead))) lead++;
                String t = piece.trim();
                int col = col0 + start + lead;
                if (t.isEmpty()) {
                    if (text.isBlank()) return out;
                    throw new AsmError(col, "missing operand");
                }
                out.add(parse(t, col, ctx));
                start = i + 1;
            }
        }
        return out;
    }

    static Arg parse(String t, int col, ExprParser.Context ctx) {
        if (t.charAt(0) == '$' && !t.contains("(")) return reg(t, col);
        if (t.endsWith(")")) {
            int open = t.lastIndexOf('(');
            String inner = t.substring(open + 1, t.length() - 1).trim();
            if (inner.startsWith("$")) {
                RegArg b = reg(inner, col + open + 1);
                if (b.kind() != 'g') throw new AsmError(col + open + 1, "base register must be a general register, got '" + inner + "'");
                String pre = t.substring(0, open).trim();
                if (pre.isEmpty()) return new MemArg(null, -1, b.num(), col);
                if (pre.startsWith("$")) {
                    RegArg ix = reg(pre, col);
                    return new MemArg(null, ix.num(), b.num(), col);
                }
                return new MemArg(ExprParser.parse(pre, col, ctx), -1, b.num(), col);
            }
        }
        return new ExprArg(ExprParser.parse(t, col, ctx), col);
    }

    static RegArg reg(String t, int col) {
        String name = t.substring(1);
        if (name.startsWith("fcc") && name.length() > 3 && allDigits(name.substring(3))) {
            int n = Integer.parseInt(name.substring(3));
            if (n < 8) return new RegArg('c', n, false, col);
        } else if (name.startsWith("f") && name.length() > 1 && allDigits(name.substring(1))) {
            int n = Integer.parseInt(name.substring(1));
            if (n < 32) return new RegArg('f', n, false, col);
        } else {
            int n = Reg.parse(name);
            if (n >= 0) return new RegArg('g', n, allDigits(name), col);
        }
        throw new AsmError(col, "bad register '" + t + "'");
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty() || s.length() > 3) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }
}
