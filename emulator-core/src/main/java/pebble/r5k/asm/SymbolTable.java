package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import pebble.r5k.emit.Reloc;

/**
 * The symbols: one {@link Scope} per source file plus the shared table of globals, numeric local labels,
 * {@code =}/{@code .set}/{@code .equ} assignments, and the evaluation of expressions over them (section
 * relative while assembling, absolute addresses after layout).
 */
final class SymbolTable {
    private final Assembler a;
    final List<Scope> scopes = new ArrayList<>();
    final Map<String, Symbol> globals = new HashMap<>();
    Scope scope;
    private Map<Integer, Integer> localCounts = new HashMap<>();

    SymbolTable(Assembler a) {
        this.a = a;
    }

    /** Each source file gets its own scope and numbering of local labels. */
    void startFile(String name) {
        scope = new Scope(name);
        scopes.add(scope);
        localCounts = new HashMap<>();
    }

    /** Defines label {@code name} at the current end of {@code sec}. */
    Symbol defineLabel(String name, int col, Section sec) {
        Symbol s;
        if (Character.isDigit(name.charAt(0))) {
            int n;
            try {
                n = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                throw new AsmError(col, "bad label '" + name + "'");
            }
            int k = localCounts.merge(n, 1, Integer::sum);
            s = scope.get(n + "\u0002" + k);
        } else {
            s = scope.get(name);
        }
        if (s.defined) throw new AsmError(col, "symbol '" + name + "' is already defined (at " + s.definedAt + ")");
        s.defined = true;
        s.isLabel = true;
        s.section = sec;
        s.value = sec.size();
        s.definedAt = a.loc.at(col);
        return s;
    }

    /** Generated name of local label {@code n}: the last definition ({@code b}) or the next one ({@code f}). */
    String localLabel(int n, boolean forward, int col) {
        int k = localCounts.getOrDefault(n, 0);
        if (!forward && k == 0) throw new AsmError(col, "local label " + n + "b has no earlier definition of " + n + ":");
        return n + "\u0002" + (forward ? k + 1 : k);
    }

    void assign(String name, String exprText, int col, boolean redefinable) {
        if (name.isEmpty() || !ExprParser.isSymStart(name.charAt(0))) throw new AsmError(col, "expected a symbol name, got '" + name + "'");
        Expr e = ExprParser.parse(exprText, col, a);
        Symbol s = scope.get(name);
        if (s.defined && (s.isLabel || !redefinable)) throw new AsmError(col, "symbol '" + name + "' is already defined");
        s.defined = true;
        s.definedAt = a.loc.at(col);
        Value v = tryEval(e);
        if (v != null) {
            s.section = v.section();
            s.value = v.off();
            s.lazy = null;
        } else {
            s.lazy = e;
        }
    }

    /** Whether GNU as would address {@code sym} through $gp: defined (or about to be) in .sdata/.sbss. */
    boolean isSmallData(Expr.Sym sym) {
        Symbol s = sym.scope().symbols.get(sym.name());
        if (s != null && s.defined) return s.section != null && SmallData.isSmall(s.section.name);
        return sym.scope().smallData.contains(sym.name());
    }

    Symbol lookup(Scope sc, String name) {
        Symbol s = sc.symbols.get(name);
        if (s != null && s.defined) return s;
        Symbol g = globals.get(name);
        if (g != null && g.defined) return g;
        return null;
    }

    /** Before layout: every file's defined globals go into the shared table; a second definition is an error. */
    void publishGlobals() {
        for (Scope sc : scopes) {
            for (Symbol s : sc.symbols.values()) {
                if (!s.global || !s.defined) continue;
                Symbol old = globals.putIfAbsent(s.name, s);
                if (old != null && old != s) a.diags.error(s.definedAt, "global symbol '" + s.name + "' is also defined at " + old.definedAt);
            }
        }
    }

    Scope scopeOf(Symbol s) {
        for (Scope sc : scopes) if (sc.symbols.get(s.name) == s) return sc;
        return scopes.get(0);
    }

    // ------------------------------------------------------------------ evaluation

    /** Thrown (without a stack trace) when an expression uses a symbol not defined yet. */
    static final class Undefined extends RuntimeException {
        final Expr.Sym sym;

        Undefined(Expr.Sym sym) {
            super(null, null, false, false);
            this.sym = sym;
        }
    }

    /** Value of {@code e} now, or null when it depends on a symbol not yet defined. */
    Value tryEval(Expr e) {
        try {
            return eval(e, false);
        } catch (Undefined u) {
            return null;
        }
    }

    /** Absolute value of {@code e} now, or an error saying a constant was expected. */
    long constant(Expr e, String what) {
        Value v = tryEval(e);
        if (v == null || !v.isAbsolute()) throw new AsmError(e.col(), what + " must be a constant expression");
        return v.off();
    }

    /** Symbols being resolved through one another right now (bounds the recursion of {@link #eval}). */
    private int lazyDepth;
    static final int MAX_LAZY_DEPTH = 1000;

    /** Evaluates; {@code fin} = after layout, when labels are absolute addresses. */
    Value eval(Expr e, boolean fin) {
        if (e instanceof Expr.Num n) return Value.abs(n.v());
        if (e instanceof Expr.Here h) return fin ? Value.abs(h.section().addr + h.off()) : new Value(h.section(), h.off());
        if (e instanceof Expr.Sym s) {
            Symbol sym = lookup(s.scope(), s.name());
            if (sym == null) throw new Undefined(s);
            if (sym.lazy != null) {
                if (sym.resolving) throw new AsmError(s.col(), "symbol '" + s.name() + "' is defined in terms of itself");
                if (lazyDepth >= MAX_LAZY_DEPTH) {
                    throw new AsmError(s.col(), "symbol '" + s.name() + "' is defined through more than " + MAX_LAZY_DEPTH + " other symbols");
                }
                sym.resolving = true;
                lazyDepth++;
                try {
                    Value v = eval(sym.lazy, fin);
                    if (fin) return v;
                    sym.section = v.section();
                    sym.value = v.off();
                    sym.lazy = null;
                } finally {
                    sym.resolving = false;
                    lazyDepth--;
                }
            }
            if (sym.section == null) return Value.abs(sym.value);
            return fin ? Value.abs(sym.section.addr + sym.value) : new Value(sym.section, sym.value);
        }
        if (e instanceof Expr.Unary u) {
            Value v = eval(u.e(), fin);
            if (!v.isAbsolute()) throw new AsmError(u.col(), "operator '" + u.op() + "' needs an absolute value");
            long x = v.off();
            return Value.abs(u.op() == '-' ? -x : u.op() == '~' ? ~x : (x == 0 ? 1 : 0));
        }
        if (e instanceof Expr.HiLo h) {
            Value v = eval(h.e(), fin);
            if (!v.isAbsolute()) throw new AsmError(h.col(), "%" + (h.hi() ? "hi" : "lo") + " of a relocatable value must be a whole operand");
            return Value.abs(h.hi() ? Reloc.hi16(v.off()) : Reloc.lo16(v.off()));
        }
        Expr.Binary b = (Expr.Binary) e;
        Value l = eval(b.l(), fin), r = eval(b.r(), fin);
        String op = b.op();
        if (op.equals("+")) {
            if (l.isAbsolute()) return new Value(r.section(), l.off() + r.off());
            if (r.isAbsolute()) return new Value(l.section(), l.off() + r.off());
        } else if (op.equals("-")) {
            if (r.isAbsolute()) return new Value(l.section(), l.off() - r.off());
            if (l.section() == r.section()) return Value.abs(l.off() - r.off());
        }
        if (!l.isAbsolute() || !r.isAbsolute()) throw new AsmError(b.col(), "operator '" + op + "' needs absolute values");
        long x = l.off(), y = r.off();
        switch (op) {
            case "+": return Value.abs(x + y);
            case "-": return Value.abs(x - y);
            case "*": return Value.abs(x * y);
            case "/": case "%":
                if (y == 0) throw new AsmError(b.col(), "division by zero");
                return Value.abs(op.equals("/") ? x / y : x % y);
            // GNU as shifts the 64-bit value as unsigned (valueT): >> is logical; a count of 64 or more gives 0
            case "<<": return Value.abs(Long.compareUnsigned(y, 64) >= 0 ? 0 : x << y);
            case ">>": return Value.abs(Long.compareUnsigned(y, 64) >= 0 ? 0 : x >>> y);
            case "&": return Value.abs(x & y);
            case "|": return Value.abs(x | y);
            case "^": return Value.abs(x ^ y);
            case "!": return Value.abs(x | ~y);
            case "==": return Value.abs(x == y ? -1 : 0);
            case "!=": case "<>": return Value.abs(x != y ? -1 : 0);
            case "<": return Value.abs(x < y ? -1 : 0);
            case ">": return Value.abs(x > y ? -1 : 0);
            case "<=": return Value.abs(x <= y ? -1 : 0);
            case ">=": return Value.abs(x >= y ? -1 : 0);
            case "&&": return Value.abs(x != 0 && y != 0 ? 1 : 0);
            case "||": return Value.abs(x != 0 || y != 0 ? 1 : 0);
            default: throw new AsmError(b.col(), "unknown operator '" + op + "'");
        }
    }
}
