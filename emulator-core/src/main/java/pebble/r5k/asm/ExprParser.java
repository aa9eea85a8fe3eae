package pebble.r5k.asm;

/**
 * Parses a GNU as expression from a source line: numbers (decimal, 0x, 0b, octal, 'c'), symbols,
 * numeric local label references ({@code 1f}, {@code 1b}), {@code .}, {@code %hi()}/{@code %lo()},
 * unary {@code - ~ !}, and binary operators in GNU as precedence tiers (highest first):
 * {@code * / % << >>}, then {@code | & ^}, then {@code + - == != < > <= >=}, then {@code && ||}.
 */
final class ExprParser {
    /** What the parser needs from the assembler. */
    interface Context {
        Scope scope();
        Section section();
        long offset();
        /** Generated name of local label {@code n}: the last definition ({@code b}) or the next one ({@code f}). */
        String localLabel(int n, boolean forward, int col);
    }

    private final String s;
    private final int base;   // column of s[0] minus one... col = base + index
    private int pos;
    private final Context ctx;
    /** Nesting depth (unary operators and parentheses) and operand count: both bound the recursion of parse and eval. */
    private int depth;
    private int operands;
    static final int MAX_DEPTH = 1000;
    static final int MAX_OPERANDS = 10000;

    private ExprParser(String s, int startCol, Context ctx) {
        this.s = s;
        this.base = startCol;
        this.ctx = ctx;
    }

    /** Parses all of {@code text} (which starts at column {@code startCol}) as one expression. */
    static Expr parse(String text, int startCol, Context ctx) {
        ExprParser p = new ExprParser(text, startCol, ctx);
        p.skip();
        if (p.pos >= text.length()) throw new AsmError(startCol, "expected an expression");
        Expr e = p.orExpr();
        p.skip();
        if (p.pos < text.length()) throw new AsmError(p.col(), "unexpected '" + text.substring(p.pos) + "' in expression");
        return e;
    }

    private int col() { return base + pos; }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private boolean eat(String op) {
        skip();
        if (s.startsWith(op, pos)) {
            // do not take "<" out of "<<" or "<=", nor "|" out of "||", etc.
            if (op.length() == 1 && pos + 1 < s.length()) {
                char c = op.charAt(0), n = s.charAt(pos + 1);
                if ((c == '<' || c == '>') && (n == c || n == '=')) return false;
                if ((c == '|' || c == '&') && n == c) return false;
                if ((c == '!' || c == '=') && n == '=') return false;
            }
            pos += op.length();
            return true;
        }
        return false;
    }

    private Expr orExpr() {
        Expr l = andExpr();
        for (;;) {
            int c = col();
            if (eat("||")) l = new Expr.Binary("||", l, andExpr(), c);
            else return l;
        }
    }

    private Expr andExpr() {
        Expr l = addExpr();
        for (;;) {
            int c = col();
            if (eat("&&")) l = new Expr.Binary("&&", l, addExpr(), c);
            else return l;
        }
    }

    private static final String[] ADD_OPS = {"==", "!=", "<>", "<=", ">=", "+", "-", "<", ">"};
    private static final String[] BIT_OPS = {"|", "&", "^", "!"};
    private static final String[] MUL_OPS = {"<<", ">>", "*", "/", "%"};

    private Expr addExpr() {
        Expr l = bitExpr();
        for (;;) {
            String op = match(ADD_OPS);
            if (op == null) return l;
            l = new Expr.Binary(op, l, bitExpr(), l.col());
        }
    }

    private Expr bitExpr() {
        Expr l = mulExpr();
        for (;;) {
            String op = match(BIT_OPS);
            if (op == null) return l;
            l = new Expr.Binary(op, l, mulExpr(), l.col());
        }
    }

    private Expr mulExpr() {
        Expr l = unary();
        for (;;) {
            String op = match(MUL_OPS);
            if (op == null) return l;
            l = new Expr.Binary(op, l, unary(), l.col());
        }
    }

    private String match(String[] ops) {
        for (String op : ops) if (eat(op)) return op;
        return null;
    }

    private Expr unary() {
        skip();
        int c = col();
        if (++depth > MAX_DEPTH || ++operands > MAX_OPERANDS) {
            throw new AsmError(c, "expression too deeply nested or too long (at most " + MAX_DEPTH + " levels, "
                    + MAX_OPERANDS + " operands)");
        }
        try {
            return unaryBody(c);
        } finally {
            depth--;
        }
    }

    private Expr unaryBody(int c) {
        if (eat("-")) return new Expr.Unary('-', unary(), c);
        if (eat("+")) return unary();
        if (eat("~")) return new Expr.Unary('~', unary(), c);
        if (eat("!")) return new Expr.Unary('!', unary(), c);
        return primary();
    }

    private Expr primary() {
        skip();
        int c = col();
        if (pos >= s.length()) throw new AsmError(c, "expected an expression");
        char ch = s.charAt(pos);
        if (ch == '(') {
            pos++;
            Expr e = orExpr();
            skip();
            if (!eat(")")) throw new AsmError(col(), "expected ')'");
            return e;
        }
        if (ch == '%') {
            int start = ++pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) pos++;
            String fn = s.substring(start, pos);
            if (!fn.equals("hi") && !fn.equals("lo")) throw new AsmError(c, "unknown relocation operator '%" + fn + "' (expected %hi or %lo)");
            skip();
            if (!eat("(")) throw new AsmError(col(), "expected '(' after %" + fn);
            Expr e = orExpr();
            if (!eat(")")) throw new AsmError(col(), "expected ')'");
            return new Expr.HiLo(fn.equals("hi"), e, c);
        }
        if (ch == '\'') {
            if (pos + 1 >= s.length()) throw new AsmError(c, "expected a character after '");
            int v;
            int p = pos + 1;
            if (s.charAt(p) == '\\' && p + 1 < s.length()) {
                v = StringLit.escape(s.charAt(p + 1));
                p += 2;
            } else {
                v = s.charAt(p);
                p++;
            }
            if (p < s.length() && s.charAt(p) == '\'') p++;
            pos = p;
            return new Expr.Num(v, c);
        }
        if (Character.isDigit(ch)) return number(c);
        if (isSymStart(ch)) {
            int start = pos;
            while (pos < s.length() && isSymPart(s.charAt(pos))) pos++;
            String name = s.substring(start, pos);
            if (name.equals(".")) return new Expr.Here(ctx.section(), ctx.offset(), c);
            return new Expr.Sym(name, ctx.scope(), c);
        }
        throw new AsmError(c, "unexpected '" + ch + "' in expression");
    }

    static boolean isSymStart(char c) { return Character.isLetter(c) || c == '_' || c == '.' || c == '$'; }

    static boolean isSymPart(char c) { return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$'; }

    private Expr number(int c) {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
        String t = s.substring(start, pos);
        // numeric local label reference: digits followed by f or b
        char last = t.charAt(t.length() - 1);
        if ((last == 'f' || last == 'b' || last == 'F' || last == 'B') && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)
                && !(t.length() > 2 && (t.charAt(1) == 'b' || t.charAt(1) == 'B'))) {
            int n;
            try {
                n = Integer.parseInt(t.substring(0, t.length() - 1));
            } catch (NumberFormatException x) {
                throw new AsmError(c, "bad local label reference '" + t + "'");
            }
            return new Expr.Sym(ctx.localLabel(n, last == 'f' || last == 'F', c), ctx.scope(), c);
        }
        try {
            String lower = t.toLowerCase();
            long v;
            if (lower.startsWith("0x")) v = Long.parseUnsignedLong(lower.substring(2), 16);
            else if (lower.startsWith("0b")) v = Long.parseUnsignedLong(lower.substring(2), 2);
            else if (lower.length() > 1 && lower.charAt(0) == '0') v = Long.parseUnsignedLong(lower.substring(1), 8);
            else v = Long.parseUnsignedLong(lower);
            return new Expr.Num(v, c);
        } catch (NumberFormatException e) {
            throw new AsmError(c, "bad number '" + t + "'");
        }
    }
}
