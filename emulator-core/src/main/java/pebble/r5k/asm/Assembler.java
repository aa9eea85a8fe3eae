package pebble.r5k.asm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfSection;
import pebble.r5k.elf.ElfSymbol;
import pebble.r5k.elf.ElfWriter;
import pebble.r5k.emit.CodeBuffer;
import pebble.r5k.emit.EmitException;
import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Operand;

/**
 * GNU-as-compatible MIPS assembler for the R5000 ({@code -march=r5000 -mabi=32}) that links its output
 * directly: one or more sources in, one {@link AssembledProgram} (and via {@link #toElf} an ELF32
 * executable) out. Statements are handled in one pass; values not known yet become {@link Fixup}s that
 * are applied after layout. All errors are collected in {@link Diagnostics}.
 */
public final class Assembler implements ExprParser.Context {
    private final AsmOptions opts;
    final Diagnostics diags = new Diagnostics();
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final Map<String, Symbol> globals = new HashMap<>();
    private final Map<String, UserMacro> macros = new HashMap<>();
    private final java.util.ArrayDeque<Section[]> sectionStack = new java.util.ArrayDeque<>();
    private final List<Symbol> pendingLabels = new ArrayList<>();
    private final Deque<boolean[]> setStack = new ArrayDeque<>();
    private final List<ListingLine> listingLines = new ArrayList<>();
    final Reorderer reorderer = new Reorderer();
    private final InsnAssembler insns;
    final MacroExpander expander;

    Section cur;
    private Section previous;
    Scope scope;
    private Map<Integer, Integer> localCounts = new HashMap<>();
    boolean reorder = true;
    boolean noAt;
    /** >0 while a macro emits a fixed sequence that must not be reordered. */
    private int verbatim;
    /**
     * The first instruction after noreorder code never moves into a delay slot, unless that code ended
     * with a filled delay slot (GNU as 2.40 behaves so).
     */
    private boolean pinNext;
    /** Whether the last emitted word had a delay slot / sat in one. */
    private boolean lastHadSlot, lastInSlot;
    SourceLoc loc = new SourceLoc("<none>", 0, 1);
    private int includeDepth;
    private int macroDepth;
    private int macroCounter;

    private record ListingLine(Section section, int start, int end, SourceLoc loc, String text) {}

    private record UserMacro(String name, List<String> params, List<String> defaults, List<String> body, boolean vararg) {}

    private Assembler(AsmOptions opts) {
        this.opts = opts;
        this.expander = new MacroExpander(this);
        this.insns = new InsnAssembler(this);
        cur = section(".text");
    }

    // ------------------------------------------------------------------ public API

    /** Assembles and links {@code sources}; throws {@link AssemblyException} listing every error. */
    public static AssembledProgram assemble(List<Path> sources, AsmOptions opts) throws AssemblyException {
        Assembler a = new Assembler(opts);
        for (Path p : sources) {
            String text;
            try {
                text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                a.diags.error(p + ": cannot read file");
                continue;
            }
            a.file(p.toString(), p, text);
        }
        return a.finish();
    }

    /** Assembles one source held in memory (tests, {@code pebble run}); {@code name} is used in messages. */
    public static AssembledProgram assembleString(String name, String text, AsmOptions opts) throws AssemblyException {
        Assembler a = new Assembler(opts);
        a.file(name, null, text);
        return a.finish();
    }

    /** The program as an ELF32 MIPS executable (o32 flags) that GNU objdump and our loader read. */
    public static byte[] toElf(AssembledProgram p) {
        List<ElfSection> secs = new ArrayList<>();
        for (AssembledProgram.OutSection s : p.sections()) {
            int flags = ElfConstants.SHF_ALLOC | (s.exec() ? ElfConstants.SHF_EXECINSTR : 0) | (s.write() ? ElfConstants.SHF_WRITE : 0);
            secs.add(new ElfSection(s.name(), s.nobits() ? ElfConstants.SHT_NOBITS : ElfConstants.SHT_PROGBITS, flags,
                    s.addr(), s.nobits() ? null : s.data(), s.size(), s.align()));
        }
        List<ElfSymbol> syms = new ArrayList<>();
        for (AssembledProgram.OutSymbol s : p.symbols()) {
            syms.add(new ElfSymbol(s.name(), s.value(), s.size(), s.type(),
                    s.global() ? ElfConstants.STB_GLOBAL : ElfConstants.STB_LOCAL, s.section()));
        }
        return ElfWriter.writeExecutable(p.bigEndian(), p.entry(), ElfConstants.DEFAULT_FLAGS_O32, secs, syms);
    }

    // ------------------------------------------------------------------ sources and statements

    private void file(String name, Path path, String text) {
        scope = new Scope(name);
        scopes.add(scope);
        localCounts = new HashMap<>();
        reorder = true;
        noAt = false;
        for (Section s : sections.values()) padTo16(s);
        cur = section(".text");
        previous = cur;
        reorderer.barrier();
        lines(name, path, text);
        checkOpenBlocks();
        flushHazards();
        for (Lcomm l : pendingLcomm) allocate(l.sym(), l.section(), l.size(), l.align());
        pendingLcomm.clear();
        for (Section s : sections.values()) padTo16(s);
    }

    private record Lcomm(Symbol sym, Section section, long size, long align) {}

    private final List<Lcomm> pendingLcomm = new ArrayList<>();

    private static void allocate(Symbol s, Section bss, long size, long align) {
        bss.buf.fill((int) ((-bss.size()) & (align - 1)), 0);
        s.value = bss.size();
        bss.buf.fill((int) size, 0);
    }

    private static void padTo16(Section s) {
        int pad = (-s.size()) & 15;
        if (pad != 0) s.buf.fill(pad, 0);
    }

    private void lines(String name, Path path, String text) {
        List<Preprocessor.PLine> pl;
        if (Preprocessor.wantsCpp(name)) {
            pl = Preprocessor.run(name, path, text, opts, diags);
        } else {
            String[] raw = stripBlockComments(text).split("\n", -1);
            pl = new ArrayList<>(raw.length);
            for (int i = 0; i < raw.length; i++) pl.add(new Preprocessor.PLine(raw[i], name, path, i + 1));
        }
        SmallData.scan(pl, scope.smallData);
        for (Preprocessor.PLine l : pl) {
            String line = l.text();
            curPath = l.path();
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            loc = new SourceLoc(l.file(), l.line(), 1);
            feed(line);
        }
    }

    // ------------------------------------------------------------------ line-level blocks

    /** The macro being defined (its body collected raw until the matching {@code .endm}), and its nesting. */
    private UserMacro defining;
    private int definingDepth;
    /** A {@code .rept/.irp/.irpc} block being collected until its {@code .endr}. */
    private Repeat repeat;
    /** Conditional assembly: per open {@code .if}: {active, some branch taken, enclosing active}. */
    private final List<boolean[]> conds = new ArrayList<>();
    private boolean exitMacro;
    private Path curPath;

    private static final class Repeat {
        final String kind, args;
        final SourceLoc at;
        final List<String> body = new ArrayList<>();
        int depth;

        Repeat(String kind, String args, SourceLoc at) {
            this.kind = kind;
            this.args = args;
            this.at = at;
        }
    }

    private boolean active() {
        return conds.isEmpty() || conds.get(conds.size() - 1)[0];
    }

    /** One line of source or of a macro/repeat expansion: blocks and conditionals first, then statements. */
    private void feed(String line) {
        String first = firstWord(line).toLowerCase();
        if (defining != null) {
            if (first.equals(".macro")) definingDepth++;
            if (first.equals(".endm") || first.equals(".endmacro")) {
                if (definingDepth == 0) {
                    defining = null;
                    return;
                }
                definingDepth--;
            }
            defining.body().add(line);
            return;
        }
        if (repeat != null) {
            if (first.equals(".rept") || first.equals(".irp") || first.equals(".irpc")) repeat.depth++;
            if (first.equals(".endr")) {
                if (repeat.depth == 0) {
                    Repeat r = repeat;
                    repeat = null;
                    runRepeat(r);
                    return;
                }
                repeat.depth--;
            }
            repeat.body.add(line);
            return;
        }
        int argStart = line.toLowerCase().indexOf(first) + first.length();
        String rest = argStart <= line.length() ? stripComment(line.substring(argStart)).trim() : "";
        int restCol = argStart + leading(line.substring(argStart)) + 1;
        SourceLoc here = loc.at(Math.max(1, argStart - first.length() + 1));
        if (first.startsWith(".if") || first.equals(".else") || first.equals(".elseif") || first.equals(".endif")) {
            try {
                conditional(first, rest, restCol);
            } catch (AsmError e) {
                diags.error(e.col > 0 ? loc.at(e.col) : here, e.getMessage());
            }
            return;
        }
        if (!active()) return;
        switch (first) {
            case ".macro":
                defining = defineMacro(line);
                definingDepth = 0;
                return;
            case ".endm": case ".endmacro":
                diags.error(here, ".endm without .macro");
                return;
            case ".include":
                include(curPath, line);
                return;
            case ".rept": case ".irp": case ".irpc":
                repeat = new Repeat(first, rest, here);
                return;
            case ".endr":
                diags.error(here, ".endr without .rept");
                return;
            case ".exitm":
                if (macroDepth == 0) diags.error(here, ".exitm outside a macro");
                else exitMacro = true;
                return;
            case ".purgem":
                if (macros.remove(rest.toLowerCase()) == null) diags.error(loc.at(restCol), "macro '" + rest + "' is not defined");
                return;
            default:
                line(line);
        }
    }

    private static String stripComment(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') quote = !quote;
            if (!quote && c == '#') return s.substring(0, i);
        }
        return s;
    }

    /** {@code .if} and friends (GNU as): nested, evaluated only where the enclosing code is assembled. */
    private void conditional(String d, String arg, int col) {
        boolean outer = active();
        switch (d) {
            case ".endif":
                if (conds.isEmpty()) throw new AsmError(0, ".endif without .if");
                conds.remove(conds.size() - 1);
                return;
            case ".else": case ".elseif": {
                if (conds.isEmpty()) throw new AsmError(0, d + " without .if");
                boolean[] top = conds.get(conds.size() - 1);
                boolean v = top[2] && !top[1] && (d.equals(".else") || condValue(".if", arg, col));
                top[0] = v;
                top[1] |= v;
                return;
            }
            default: {
                boolean v;
                try {
                    v = outer && condValue(d, arg, col);
                } catch (AsmError e) {
                    conds.add(new boolean[] {false, true, outer});  // still a block, so its .endif matches
                    throw e;
                }
                conds.add(new boolean[] {v, v, outer});
            }
        }
    }

    private boolean condValue(String d, String arg, int col) {
        switch (d) {
            case ".if": case ".ifne": return constant(ExprParser.parse(arg, col, this), d) != 0;
            case ".ifeq": return constant(ExprParser.parse(arg, col, this), d) == 0;
            case ".ifge": return constant(ExprParser.parse(arg, col, this), d) >= 0;
            case ".ifgt": return constant(ExprParser.parse(arg, col, this), d) > 0;
            case ".ifle": return constant(ExprParser.parse(arg, col, this), d) <= 0;
            case ".iflt": return constant(ExprParser.parse(arg, col, this), d) < 0;
            case ".ifdef": return lookup(scope, arg) != null;
            case ".ifndef": case ".ifnotdef": return lookup(scope, arg) == null;
            case ".ifb": return arg.isEmpty();
            case ".ifnb": return !arg.isEmpty();
            case ".ifc": case ".ifnc": {
                List<String> a = splitArgs(arg);
                if (a.size() != 2) throw new AsmError(col, d + " expects STRING1, STRING2");
                boolean eq = unquote(a.get(0).trim()).equals(unquote(a.get(1).trim()));
                return d.equals(".ifc") == eq;
            }
            default: throw new AsmError(0, "unknown directive '" + d + "'");
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    /** Expands a collected {@code .rept N} / {@code .irp sym,values} / {@code .irpc sym,chars} block. */
    private void runRepeat(Repeat r) {
        if (macroDepth > 50) {
            diags.error(r.at, "repeat blocks nested too deeply");
            return;
        }
        macroDepth++;
        int condBase = conds.size();
        try {
            if (r.kind.equals(".rept")) {
                long n;
                try {
                    n = constant(ExprParser.parse(r.args, 1, this), ".rept count");
                } catch (AsmError e) {
                    diags.error(r.at, e.getMessage());
                    return;
                }
                for (long i = 0; i < n && !exitMacro; i++) for (String b : r.body) feed(b);
                return;
            }
            List<String> a = splitArgs(r.args);
            if (a.isEmpty() || a.get(0).isBlank()) {
                diags.error(r.at, r.kind + " expects SYMBOL, VALUES");
                return;
            }
            String sym = a.get(0).trim();
            List<String> values = new ArrayList<>();
            if (r.kind.equals(".irp")) {
                for (int i = 1; i < a.size(); i++) values.add(a.get(i).trim());
                if (values.isEmpty()) values.add("");
            } else {
                String chars = a.size() > 1 ? a.get(1).trim() : "";
                for (char c : chars.toCharArray()) values.add(String.valueOf(c));
            }
            for (String v : values) {
                for (String b : r.body) {
                    if (exitMacro) return;
                    feed(b.replace("\\" + sym, v).replace("\\()", ""));
                }
            }
        } finally {
            macroDepth--;
            if (macroDepth == 0) exitMacro = false;
            while (conds.size() > condBase) conds.remove(conds.size() - 1);
        }
    }

    /** At the end of each file: blocks left open. */
    private void checkOpenBlocks() {
        if (defining != null) diags.error(loc, "missing .endm for macro '" + defining.name() + "'");
        if (repeat != null) diags.error(repeat.at, "missing .endr for " + repeat.kind);
        if (!conds.isEmpty()) diags.error(loc, "missing .endif");
        defining = null;
        repeat = null;
        conds.clear();
    }

    private static String firstWord(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
        int j = i;
        while (j < line.length() && !Character.isWhitespace(line.charAt(j))) j++;
        return line.substring(i, j);
    }

    /** Replaces block comments with spaces, keeping line breaks so line and column numbers stay right. */
    static String stripBlockComments(String text) {
        StringBuilder sb = new StringBuilder(text);
        boolean quote = false;
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '\n') quote = false;
            if (c == '"' && (i == 0 || sb.charAt(i - 1) != '\\')) quote = !quote;
            if (quote) continue;
            if (c == '#') { // line comment: skip to end of line
                while (i < sb.length() && sb.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sb.length() && sb.charAt(i + 1) == '*') {
                int j = i;
                while (j < sb.length() && !(sb.charAt(j) == '*' && j + 1 < sb.length() && sb.charAt(j + 1) == '/')) {
                    if (sb.charAt(j) != '\n') sb.setCharAt(j, ' ');
                    j++;
                }
                if (j < sb.length()) {
                    sb.setCharAt(j, ' ');
                    sb.setCharAt(j + 1, ' ');
                }
                i = j + 1;
            }
        }
        return sb.toString();
    }

    private void include(Path from, String line) {
        String t = line.trim().substring(".include".length()).trim();
        if (t.length() < 2 || t.charAt(0) != '"' || !t.endsWith("\"")) {
            diags.error(loc, "expected a quoted file name after .include");
            return;
        }
        String fname = t.substring(1, t.length() - 1);
        // the including file's directory first, then the working directory (GNU as: the working directory and -I)
        Path p = from != null && from.getParent() != null ? from.getParent().resolve(fname) : Path.of(fname);
        if (!Files.isReadable(p) && Files.isReadable(Path.of(fname))) p = Path.of(fname);
        for (Path dir : opts.includeDirs()) {  // then the -I directories, in order
            if (Files.isReadable(p)) break;
            p = dir.resolve(fname);
        }
        if (includeDepth > 20) {
            diags.error(loc, ".include nested too deeply");
            return;
        }
        String text;
        try {
            text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            diags.error(loc.at(line.indexOf('"') + 1), "cannot read include file '" + fname + "'");
            return;
        }
        SourceLoc saved = loc;
        Path savedPath = curPath;
        includeDepth++;
        lines(p.toString(), p, text);
        includeDepth--;
        loc = saved;
        curPath = savedPath;
    }

    /** One source line: strip the comment, split at ';', run each statement. */
    private void line(String line) {
        int start = 0;
        boolean quote = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ';';
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) quote = !quote;
            if (quote && i < line.length()) continue;
            if (c == '#' && !quote) {
                statementSafely(line.substring(start, i), start + 1);
                return;
            }
            if (c == ';') {
                statementSafely(line.substring(start, i), start + 1);
                start = i + 1;
            }
        }
    }

    private void statementSafely(String text, int col0) {
        if (text.isBlank()) return;
        Section sec = cur;
        int before = sec.size();
        try {
            statement(text, col0);
        } catch (AsmError e) {
            diags.error(loc.at(e.col > 0 ? e.col : col0 + leading(text)), e.getMessage());
        } catch (EmitException e) {
            diags.error(loc.at(col0 + leading(text)), e.getMessage());
        }
        if (opts.listing() && cur == sec && sec.size() > before && macroDepth == 0) {
            listingLines.add(new ListingLine(sec, before, sec.size(), loc, text.strip()));
        }
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private void statement(String text, int col0) {
        int pos = leading(text);
        for (;;) {
            int start = pos;
            while (pos < text.length() && ExprParser.isSymPart(text.charAt(pos))) pos++;
            if (pos > start && pos < text.length() && text.charAt(pos) == ':') {
                defineLabel(text.substring(start, pos), col0 + start);
                pos++;
                pos += leading(text.substring(pos));
                if (pos >= text.length()) return;
                continue;
            }
            if (pos == start) throw new AsmError(col0 + start, "expected an instruction, directive or label");
            String word = text.substring(start, pos);
            int rest = pos + leading(text.substring(pos));
            String operands = text.substring(rest);
            int opCol = col0 + rest;
            if (operands.startsWith("=") && !operands.startsWith("==")) {
                String e = operands.substring(1);
                assign(word, e.trim(), opCol + 1 + leading(e), true);
                return;
            }
            loc = loc.at(col0 + start);
            if (word.charAt(0) == '.') {
                directive(word.toLowerCase(), operands, opCol, col0 + start);
            } else if (macros.containsKey(word.toLowerCase())) {
                expandUserMacro(macros.get(word.toLowerCase()), operands);
            } else {
                insns.assemble(word.toLowerCase(), operands, opCol, col0 + start);
            }
            return;
        }
    }

    // ------------------------------------------------------------------ symbols

    private void defineLabel(String name, int col) {
        // no nops here: hazard nops the next instruction needs go in front of the label (see put)
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
        s.section = cur;
        s.value = cur.size();
        s.definedAt = loc.at(col);
        pendingLabels.add(s);
        reorderer.barrier();
    }

    @Override public Scope scope() { return scope; }
    @Override public Section section() { return cur; }
    @Override public long offset() { return cur.size(); }

    @Override
    public String localLabel(int n, boolean forward, int col) {
        int k = localCounts.getOrDefault(n, 0);
        if (!forward && k == 0) throw new AsmError(col, "local label " + n + "b has no earlier definition of " + n + ":");
        return n + "\u0002" + (forward ? k + 1 : k);
    }

    private void assign(String name, String exprText, int col, boolean redefinable) {
        if (name.isEmpty() || !ExprParser.isSymStart(name.charAt(0))) throw new AsmError(col, "expected a symbol name, got '" + name + "'");
        Expr e = ExprParser.parse(exprText, col, this);
        Symbol s = scope.get(name);
        if (s.defined && (s.isLabel || !redefinable)) throw new AsmError(col, "symbol '" + name + "' is already defined");
        s.defined = true;
        s.definedAt = loc.at(col);
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

    /** Evaluates; {@code fin} = after layout, when labels are absolute addresses. */
    Value eval(Expr e, boolean fin) {
        if (e instanceof Expr.Num n) return Value.abs(n.v());
        if (e instanceof Expr.Here h) return fin ? Value.abs(h.section().addr + h.off()) : new Value(h.section(), h.off());
        if (e instanceof Expr.Sym s) {
            Symbol sym = lookup(s.scope(), s.name());
            if (sym == null) throw new Undefined(s);
            if (sym.lazy != null) {
                if (sym.resolving) throw new AsmError(s.col(), "symbol '" + s.name() + "' is defined in terms of itself");
                sym.resolving = true;
                try {
                    Value v = eval(sym.lazy, fin);
                    if (fin) return v;
                    sym.section = v.section();
                    sym.value = v.off();
                    sym.lazy = null;
                } finally {
                    sym.resolving = false;
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
            return Value.abs(h.hi() ? Expr.hi(v.off()) : Expr.lo(v.off()));
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
            case "<<": return Value.abs(x << y);
            case ">>": return Value.abs(x >> y);
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

    // ------------------------------------------------------------------ emission

    /** Emits one instruction whose operands are all known. */
    void insn(Op op, long... values) {
        put(op, values, -1, null, null);
    }

    /** Emits one instruction with operand {@code index} filled later from {@code target}. */
    void insn(Op op, long[] values, int index, Reloc reloc, Expr target) {
        put(op, values, index, reloc, target);
    }

    /** Runs {@code body} with reordering off: a macro's fixed sequence with branches (GNU as does the same). */
    void verbatim(Runnable body) {
        verbatim++;
        try {
            body.run();
        } finally {
            verbatim--;
        }
        reorderer.barrier();
    }

    /**
     * Before a fixed sequence whose instruction {@code index} writes HI/LO: the nops GNU as puts in front
     * so that write is far enough from a preceding MFHI/MFLO.
     */
    void hazardPad(int index) {
        if (!reorder || verbatim > 0 || !cur.exec) return;
        hazardNopsBeforeLabels(reorderer.nopsBeforeLabel() - index);
    }

    /** A macro expansion emitted instruction by instruction (hazard nops and delay-slot filling as usual). */
    void seq(Runnable body) {
        body.run();
    }

    /** The instruction just emitted must not move into a later delay slot. */
    void noSwap() {
        reorderer.barrier();
    }

    boolean reordering() { return reorder && verbatim == 0; }

    boolean bigEndian() { return opts.bigEndian(); }

    private void put(Op op, long[] values, int index, Reloc reloc, Expr target) {
        long[] v = values.clone();
        if (index >= 0) v[index] = 0;
        int word = CodeBuffer.encode(op, v);
        alignInsn();
        boolean reo = reordering();
        if (reo) {
            int n = reorderer.hazardNops(op);
            hazardNopsBeforeLabels(n);
        }
        int at = cur.buf.word(word);
        lastInSlot = lastHadSlot;
        lastHadSlot = op.hasDelaySlot();
        if (index >= 0) cur.buf.addFixup(new Fixup(at, reloc, op.format.operand(index), target, loc));
        pendingLabels.clear();
        boolean labeled = pinNext;
        pinNext = false;
        if (reo && op.hasDelaySlot()) {
            if (reorderer.canFillSlot(op, word) && at >= 4) {
                cur.buf.swapWords(at - 4, at);
                lastHadSlot = false;  // its slot is filled
                reorderer.record(op, word, false);
            } else {
                reorderer.record(op, word, false);
                rawInsn(Op.SLL, 0);
            }
            reorderer.barrier();
        } else {
            reorderer.record(op, word, reo && !labeled);
        }
    }

    /** Leaving a code section (or the file) in reorder mode: GNU as pads out a pending HI/LO hazard with nops. */
    private void flushHazards() {
        if (reorder && cur.exec && verbatim == 0) hazardNopsBeforeLabels(reorderer.nopsBeforeLabel());
    }

    /** {@code n} hazard nops; GNU as puts them before the labels that name the next item: the labels move along. */
    private void hazardNopsBeforeLabels(int n) {
        if (n <= 0) return;
        int old = cur.size();
        for (int i = 0; i < n; i++) rawInsn(Op.SLL, 0);
        for (Symbol l : pendingLabels) if (l.section == cur && l.value == old) l.value = cur.size();
    }

    /** A word that no reordering touches (hazard and delay-slot nops). */
    private void rawInsn(Op op, int word) {
        cur.buf.word(word);
        lastInSlot = lastHadSlot;
        lastHadSlot = false;
        reorderer.record(op, word, false);
    }

    private void alignInsn() {
        if ((cur.size() & 3) != 0) autoAlign(4);
    }

    /** GNU as on MIPS aligns data directives to their size and moves labels just before them along. */
    private void autoAlign(int n) {
        int old = cur.size();
        int pad = (-old) & (n - 1);
        if (pad == 0) return;
        cur.buf.fill(pad, 0);
        for (Symbol s : pendingLabels) if (s.section == cur && s.value == old) s.value = old + pad;
        if (n > cur.align) cur.align = n;
    }

    private void data(int width, Expr e) {
        Value v = tryEval(e);
        Reloc r = width == 1 ? Reloc.DATA8 : width == 2 ? Reloc.DATA16 : width == 4 ? Reloc.DATA32 : Reloc.DATA64;
        int at = cur.size();
        if (v != null && v.isAbsolute()) {
            long x = v.off();
            if (width < 8) {
                long min = -(1L << (width * 8 - 1)), max = (1L << (width * 8)) - 1;
                if (x < min || x > max) throw new AsmError(e.col(), "value " + x + " does not fit in " + width + " byte" + (width > 1 ? "s" : ""));
            }
            cur.buf.fill(width, 0);
            cur.buf.patch(at, x, width);
        } else {
            cur.buf.fill(width, 0);
            cur.buf.addFixup(new Fixup(at, r, null, e, loc.at(e.col())));
        }
    }

    // ------------------------------------------------------------------ directives

    Section section(String name) {
        Section s = sections.get(name);
        if (s == null) {
            boolean nobits = name.equals(".bss") || name.startsWith(".bss.") || name.equals(".sbss");
            boolean exec = name.equals(".text") || name.startsWith(".text.") || name.equals(".init") || name.equals(".fini");
            boolean write = nobits || name.equals(".data") || name.startsWith(".data.") || name.equals(".sdata");
            s = new Section(name, opts.bigEndian(), nobits, exec, write);
            sections.put(name, s);
        }
        return s;
    }

    private void switchTo(Section s) {
        if (s != cur) flushHazards();
        if (s != cur) previous = cur;
        cur = s;
        pendingLabels.clear();
        reorderer.barrier();
    }

    private List<String> splitArgs(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) quote = !quote;
            if (quote) continue;
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.isBlank()) out.add(text.substring(start));
        return out;
    }

    /** Parses the comma-separated expressions of a directive; returns them with their columns. */
    private List<Expr> exprs(String text, int col) {
        List<Expr> out = new ArrayList<>();
        int off = 0;
        for (String piece : splitArgs(text)) {
            int c = col + off + leading(piece);
            if (piece.isBlank()) throw new AsmError(c, "missing expression");
            out.add(ExprParser.parse(piece.trim(), c, this));
            off += piece.length() + 1;
        }
        return out;
    }

    private void directive(String d, String args, int col, int dcol) {
        if (!d.equals(".set") && !d.equals(".org") && !d.startsWith(".section") && cur.exec && d.matches("\\.(word|half|short|byte|dword|ascii|asciz|asciiz|string|space|skip|float|double|align|balign|p2align|fill|zero|2byte|4byte|8byte|hword|quad|long|int)")) {
            flushHazards();  // data in code: GNU as settles pending hazards first
            reorderer.barrier();
        }
        switch (d) {
            case ".text": switchTo(section(".text")); return;
            case ".data": switchTo(section(".data")); return;
            case ".bss": switchTo(section(".bss")); return;
            case ".rdata": case ".rodata": switchTo(section(".rodata")); return;
            case ".sdata": switchTo(section(".sdata")); return;
            case ".previous": switchTo(previous); return;
            case ".section": sectionDirective(args, col); return;
            case ".globl": case ".global":
                for (String n : names(args, col)) scope.get(n).global = true;
                return;
            case ".local":
                for (String n : names(args, col)) scope.get(n).local = true;
                return;
            case ".align": alignDirective(args, col, true); return;
            case ".p2align": alignDirective(args, col, true); return;
            case ".balign": alignDirective(args, col, false); return;
            case ".byte": for (Expr e : exprs(args, col)) data(1, e); return;
            case ".half": case ".short": autoAlign(2); for (Expr e : exprs(args, col)) data(2, e); return;
            case ".word": case ".long": case ".int": autoAlign(4); for (Expr e : exprs(args, col)) data(4, e); return;
            case ".dword": case ".quad": case ".8byte": autoAlign(8); for (Expr e : exprs(args, col)) data(8, e); return;
            case ".hword": autoAlign(2); for (Expr e : exprs(args, col)) data(2, e); return;
            // GNU as: .2byte and .4byte do not align
            case ".2byte": for (Expr e : exprs(args, col)) data(2, e); return;
            case ".4byte": for (Expr e : exprs(args, col)) data(4, e); return;
            case ".fill": fill(args, col); return;
            case ".zero": {
                long n = constant(ExprParser.parse(args.trim(), col, this), ".zero size");
                if (n < 0 || n > (1 << 28)) throw new AsmError(col, ".zero size " + n + " out of range");
                cur.buf.fill((int) n, 0);
                pendingLabels.clear();
                return;
            }
            case ".pushsection": {
                sectionStack.push(new Section[] {cur, previous});
                sectionDirective(args, col);
                return;
            }
            case ".popsection": {
                if (sectionStack.isEmpty()) throw new AsmError(dcol, ".popsection without .pushsection");
                Section[] top = sectionStack.pop();
                switchTo(top[0]);
                previous = top[1];
                return;
            }
            case ".weak":
                for (String n : names(args, col)) scope.get(n).global = true;
                return;
            case ".err": throw new AsmError(dcol, ".err encountered");
            case ".error": throw new AsmError(dcol, args.isBlank() ? ".error directive invoked in source file" : unquoteString(args.trim()));
            case ".warning":
                diags.warning(loc.at(dcol), args.isBlank() ? ".warning directive invoked in source file" : unquoteString(args.trim()));
                return;
            case ".print":
                diags.warning(loc.at(dcol), unquoteString(args.trim()));
                return;
            case ".extern": case ".hidden": case ".protected": case ".internal": case ".loc": case ".list": case ".nolist":
            case ".eject": case ".title": case ".sbttl": case ".psize": case ".stabs": case ".stabn": case ".stabd":
            case ".loc_mark_labels": case ".lflags": case ".version": case ".cpsetup": case ".cplocal": case ".cpreturn":
                return;
            case ".float": case ".double": floats(d.equals(".double"), args, col); return;
            case ".ascii": strings(args, col, false); return;
            case ".asciz": case ".asciiz": case ".string": strings(args, col, true); return;
            case ".space": case ".skip": {
                List<Expr> es = exprs(args, col);
                if (es.isEmpty() || es.size() > 2) throw new AsmError(col, d + " expects SIZE[, FILL]");
                long n = constant(es.get(0), d + " size");
                long fill = es.size() > 1 ? constant(es.get(1), d + " fill") : 0;
                if (n < 0 || n > (1 << 28)) throw new AsmError(es.get(0).col(), d + " size " + n + " out of range");
                cur.buf.fill((int) n, (int) fill);
                pendingLabels.clear();
                return;
            }
            case ".org": {
                List<Expr> es = exprs(args, col);
                if (es.isEmpty()) throw new AsmError(col, ".org expects an offset");
                Value v = tryEval(es.get(0));
                if (v == null || !(v.isAbsolute() || v.section() == cur)) throw new AsmError(es.get(0).col(), ".org needs a constant or an offset in the current section");
                long target = v.off();
                if (target < cur.size()) throw new AsmError(es.get(0).col(), ".org cannot move backwards (at " + cur.size() + ", asked " + target + ")");
                long fill = es.size() > 1 ? constant(es.get(1), ".org fill") : 0;
                cur.buf.fill((int) (target - cur.size()), (int) fill);
                return;
            }
            case ".set": setDirective(args, col); return;
            case ".equ": case ".equiv": {
                List<String> a = splitArgs(args);
                if (a.size() != 2) throw new AsmError(col, d + " expects SYMBOL, VALUE");
                assign(a.get(0).trim(), a.get(1).trim(), col + a.get(0).length() + 1 + leading(a.get(1)), d.equals(".equ"));
                return;
            }
            case ".type": {
                List<String> a = splitArgs(args);
                if (a.size() != 2) throw new AsmError(col, ".type expects SYMBOL, @function|@object");
                String t = a.get(1).trim().replaceFirst("^[@%#]", "");
                Symbol s = scope.get(a.get(0).trim());
                switch (t) {
                    case "function": case "STT_FUNC": s.type = ElfConstants.STT_FUNC; break;
                    case "object": case "STT_OBJECT": s.type = ElfConstants.STT_OBJECT; break;
                    case "notype": case "STT_NOTYPE": s.type = ElfConstants.STT_NOTYPE; break;
                    default: throw new AsmError(col + a.get(0).length() + 1, "unknown symbol type '" + a.get(1).trim() + "'");
                }
                return;
            }
            case ".size": {
                List<String> a = splitArgs(args);
                if (a.size() != 2) throw new AsmError(col, ".size expects SYMBOL, SIZE");
                int c = col + a.get(0).length() + 1 + leading(a.get(1));
                scope.get(a.get(0).trim()).size = constant(ExprParser.parse(a.get(1).trim(), c, this), ".size");
                return;
            }
            case ".comm": case ".lcomm": {
                List<String> a = splitArgs(args);
                if (a.size() < 2) throw new AsmError(col, d + " expects SYMBOL, SIZE");
                long size = constant(ExprParser.parse(a.get(1).trim(), col, this), d + " size");
                long al = a.size() > 2 ? constant(ExprParser.parse(a.get(2).trim(), col, this), d + " alignment") : Math.min(8, Long.highestOneBit(Math.max(1, size)));
                // GNU as -G 8: objects of at most 8 bytes go to .sbss, reachable through $gp
                Section bss = section(size <= SmallData.G ? ".sbss" : ".bss");
                Symbol s = scope.get(a.get(0).trim());
                if (s.defined) throw new AsmError(col, "symbol '" + s.name + "' is already defined");
                s.defined = true;
                s.isLabel = true;
                s.section = bss;
                s.size = size;
                s.type = ElfConstants.STT_OBJECT;
                s.definedAt = loc;
                if (d.equals(".comm")) {
                    s.global = true;
                    allocate(s, bss, size, al);
                } else {
                    // GNU as puts .lcomm objects in a subsection after the file's other contents of the section
                    pendingLcomm.add(new Lcomm(s, bss, size, al));
                }
                return;
            }
            case ".ent": case ".end": case ".aent": case ".frame": case ".mask": case ".fmask": case ".file": case ".ident":
            case ".module": case ".abicalls": case ".gnu_attribute": case ".nan": case ".insn": case ".option":
                return;
            case ".endm": throw new AsmError(dcol, ".endm without .macro");
            default:
                if (d.startsWith(".cfi_")) return;  // call-frame information: debug data only
                throw new AsmError(dcol, "unknown directive '" + d + "'");
        }
    }

    private List<String> names(String args, int col) {
        List<String> out = new ArrayList<>();
        for (String p : splitArgs(args)) {
            String n = p.trim();
            if (n.isEmpty() || !ExprParser.isSymStart(n.charAt(0))) throw new AsmError(col, "expected a symbol name, got '" + n + "'");
            out.add(n);
        }
        if (out.isEmpty()) throw new AsmError(col, "expected a symbol name");
        return out;
    }

    private void sectionDirective(String args, int col) {
        List<String> a = splitArgs(args);
        if (a.isEmpty() || a.get(0).isBlank()) throw new AsmError(col, ".section expects a name");
        String name = a.get(0).trim();
        if (name.startsWith("\"")) name = name.replace("\"", "");
        boolean known = sections.containsKey(name);
        Section s = section(name);
        if (!known && a.size() > 1) {
            String flags = a.get(1).trim().replace("\"", "");
            boolean nobits = a.size() > 2 && a.get(2).trim().replaceFirst("^[@%]", "").equals("nobits");
            Section n = new Section(name, opts.bigEndian(), nobits || s.nobits, flags.contains("x"), flags.contains("w"));
            sections.put(name, n);
            s = n;
        }
        switchTo(s);
    }

    private void alignDirective(String args, int col, boolean power) {
        List<Expr> es = exprs(args, col);
        if (es.isEmpty()) throw new AsmError(col, "alignment expected");
        long n = constant(es.get(0), "alignment");
        long fill = es.size() > 1 ? constant(es.get(1), "fill") : 0;
        long bytes = power ? 1L << n : n;
        if (n < 0 || (power && n > 16) || bytes <= 0 || Long.bitCount(bytes) != 1 || bytes > (1 << 16)) {
            throw new AsmError(es.get(0).col(), "bad alignment " + n);
        }
        int pad = (int) ((-cur.size()) & (bytes - 1));
        cur.buf.fill(pad, (int) fill);
        if (bytes > cur.align) cur.align = (int) bytes;
        if (pad > 0) pendingLabels.clear();
    }

    private void floats(boolean dbl, String args, int col) {
        autoAlign(dbl ? 8 : 4);
        for (String p : splitArgs(args)) {
            String t = p.trim();
            try {
                double v = Double.parseDouble(t.replaceFirst("^0[fFdDeE]", ""));
                if (dbl) cur.buf.dword(Double.doubleToRawLongBits(v));
                else cur.buf.word(Float.floatToRawIntBits((float) v));
            } catch (NumberFormatException e) {
                throw new AsmError(col, "bad floating-point number '" + t + "'");
            }
        }
    }

    /** {@code .fill REPEAT[, SIZE[, VALUE]]}: as GNU as, sizes above 4 get the 4-byte value then zeros. */
    private void fill(String args, int col) {
        List<Expr> es = exprs(args, col);
        if (es.isEmpty() || es.size() > 3) throw new AsmError(col, ".fill expects REPEAT[, SIZE[, VALUE]]");
        long n = constant(es.get(0), ".fill repeat");
        long size = es.size() > 1 ? constant(es.get(1), ".fill size") : 1;
        long value = es.size() > 2 ? constant(es.get(2), ".fill value") : 0;
        if (n < 0 || size < 0 || n * Math.min(size, 8) > (1 << 28)) throw new AsmError(col, ".fill size out of range");
        if (size > 8) size = 8;
        int w = (int) Math.min(size, 4);
        byte[] one = new byte[(int) size];
        for (int k = 0; k < w; k++) one[k] = (byte) (value >> (8 * (opts.bigEndian() ? w - 1 - k : k)));
        for (long i = 0; i < n; i++) cur.buf.bytes(one);
        pendingLabels.clear();
    }

    private static String unquoteString(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private void strings(String args, int col, boolean nul) {
        int i = 0;
        boolean any = false;
        while (i < args.length()) {
            char c = args.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            if (c != '"') throw new AsmError(col + i, "expected a string in double quotes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            i = StringLit.parse(args, i, col, out);
            // adjacent strings without a comma are one string (GNU as), e.g. from a C macro: GREETING "!"
            for (;;) {
                int j = i;
                while (j < args.length() && Character.isWhitespace(args.charAt(j))) j++;
                if (j >= args.length() || args.charAt(j) != '"') break;
                i = StringLit.parse(args, j, col, out);
            }
            if (nul) out.write(0);
            cur.buf.bytes(out.toByteArray());
            any = true;
        }
        if (!any) throw new AsmError(col, "expected a string in double quotes");
        pendingLabels.clear();
    }

    private void setDirective(String args, int col) {
        List<String> a = splitArgs(args);
        if (a.size() == 2) {
            assign(a.get(0).trim(), a.get(1).trim(), col + a.get(0).length() + 1 + leading(a.get(1)), true);
            return;
        }
        String opt = args.trim();
        switch (opt) {
            case "noreorder": reorder = false; reorderer.barrier(); return;
            case "reorder": if (!reorder) pinNext = !lastInSlot; reorder = true; reorderer.barrier(); return;
            case "noat": noAt = true; return;
            case "at": noAt = false; return;
            case "push": setStack.push(new boolean[] {reorder, noAt}); return;
            case "pop":
                if (setStack.isEmpty()) throw new AsmError(col, ".set pop without .set push");
                boolean[] s = setStack.pop();
                if (!reorder && s[0]) pinNext = !lastInSlot;
                reorder = s[0];
                noAt = s[1];
                reorderer.barrier();
                return;
            case "mips1": case "mips2": case "mips3": case "mips4": case "mips0": case "arch=r5000":
            case "macro": case "nomacro": case "volatile": case "novolatile": case "nomips16": case "nomicromips":
            case "bopt": case "nobopt": case "move": case "nomove": case "hardfloat": case "softfloat":
            case "singlefloat": case "doublefloat": case "oddspreg": case "nooddspreg": case "nodsp": case "nodspr2":
            case "nomt": case "nomdmx": case "nomips3d": case "nosmartmips": case "autoextend": case "noautoextend":
            case "nomsa": case "novirt": case "noxpa": case "nomcu": case "sym32": case "nosym32": case "noginv":
                return;
            default:
                // ISA/ABI selections that do not change what we assemble for the R5000
                if (opt.startsWith("arch=") || opt.startsWith("gp=") || opt.startsWith("fp=") || opt.matches("mips(32|64)(r[2-6])?")) return;
                throw new AsmError(col, "unknown .set option '" + opt + "'");
        }
    }

    // ------------------------------------------------------------------ user macros

    private UserMacro defineMacro(String line) {
        String t = line.trim().substring(".macro".length()).trim();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp)) && t.charAt(sp) != ',') sp++;
        String name = t.substring(0, sp);
        List<String> params = new ArrayList<>(), defaults = new ArrayList<>();
        boolean vararg = false;
        for (String p : t.substring(sp).split("[,\\s]+")) {
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            String pn = eq >= 0 ? p.substring(0, eq) : p;
            if (pn.endsWith(":req")) pn = pn.substring(0, pn.length() - 4);
            if (pn.endsWith(":vararg")) {
                pn = pn.substring(0, pn.length() - 7);
                vararg = true;
            }
            params.add(pn);
            defaults.add(eq >= 0 ? p.substring(eq + 1) : "");
        }
        UserMacro m = new UserMacro(name, params, defaults, new ArrayList<>(), vararg);
        if (name.isEmpty()) diags.error(loc, ".macro needs a name");
        else macros.put(name.toLowerCase(), m);  // GNU as matches macro names case-insensitively
        return m;
    }

    private void expandUserMacro(UserMacro m, String args) {
        if (macroDepth > 50) throw new AsmError(0, "macro '" + m.name() + "' expands recursively too deeply");
        List<String> actual = new ArrayList<>();
        for (String p : splitArgs(args)) actual.add(p.trim());
        int np = m.params().size();
        if (m.vararg() && np > 0 && actual.size() > np) {  // the last parameter takes the rest, commas included
            List<String> rest = new ArrayList<>(actual.subList(np - 1, actual.size()));
            actual = new ArrayList<>(actual.subList(0, np - 1));
            actual.add(String.join(", ", rest));
        }
        if (actual.size() > m.params().size()) throw new AsmError(0, "macro '" + m.name() + "' takes " + m.params().size() + " arguments, got " + actual.size());
        int id = macroCounter++;
        SourceLoc saved = loc;
        macroDepth++;
        int condBase = conds.size();
        try {
            for (String body : m.body()) {
                if (exitMacro) break;
                String s = body;
                for (int i = 0; i < m.params().size(); i++) {
                    String v = i < actual.size() && !actual.get(i).isEmpty() ? actual.get(i) : m.defaults().get(i);
                    s = s.replace("\\" + m.params().get(i), v);
                }
                s = s.replace("\\@", Integer.toString(id)).replace("\\()", "");
                loc = saved;
                feed(s);
            }
        } finally {
            exitMacro = false;
            macroDepth--;
            loc = saved;
            while (conds.size() > condBase) conds.remove(conds.size() - 1);  // .exitm inside an .if
        }
    }

    // ------------------------------------------------------------------ layout and fixups

    private AssembledProgram finish() throws AssemblyException {
        publishGlobals();
        // as GNU ld's default script: text, data, then the small data ($gp) area .sdata/.sbss, then .bss
        List<Section> order = new ArrayList<>();
        for (Section s : sections.values()) if (s.exec) order.add(s);
        for (Section s : sections.values()) if (!s.exec && !s.nobits && !SmallData.isSmall(s.name)) order.add(s);
        int firstSmall = order.size();
        for (int rank = 1; rank <= 4; rank++) {
            for (Section s : sections.values()) if (!s.exec && SmallData.rank(s.name) == rank) order.add(s);
        }
        for (Section s : sections.values()) if (!s.exec && s.nobits && !SmallData.isSmall(s.name)) order.add(s);
        long addr = opts.textAddress();
        long gpBase = -1;
        boolean dataPlaced = opts.dataAddress() < 0;
        for (int i = 0; i < order.size(); i++) {
            Section s = order.get(i);
            // -Tdata: where .data goes, or (no .data) the small-data area and .bss after it, as in GNU ld
            if (!dataPlaced && (s.name.equals(".data") && s.size() > 0 || i >= firstSmall)) {
                addr = opts.dataAddress();
                dataPlaced = true;
            }
            if (i == firstSmall) gpBase = (addr + 15) & -16L;
            if (s.size() == 0 && !s.name.equals(".text")) continue;
            addr = (addr + s.align - 1) & -(long) s.align;
            s.addr = addr;
            addr += s.size();
        }
        if (gpBase < 0) gpBase = (addr + 15) & -16L;
        linkerSymbols(order, gpBase + SmallData.GP_BIAS);
        for (Section s : order) applyFixups(s);
        long entry = entry();
        if (diags.hasErrors()) throw new AssemblyException(diags);
        List<AssembledProgram.OutSection> outs = new ArrayList<>();
        for (Section s : order) {
            if (s.size() == 0) continue;
            outs.add(new AssembledProgram.OutSection(s.name, s.nobits, s.exec, s.write, s.addr,
                    s.nobits ? new byte[0] : s.buf.toByteArray(), s.size(), s.align));
        }
        return new AssembledProgram(opts.bigEndian(), entry, outs, symbols(), listing(), diags.warnings());
    }

    /**
     * The symbols GNU ld's default script defines ({@code _ftext _etext _fdata _edata __bss_start _end _gp}...),
     * for start-up code that clears {@code .bss} or finds the end of the image; a program's own definition wins.
     */
    private void linkerSymbols(List<Section> order, long gp) {
        long ftext = -1, etext = -1, fdata = -1, edata = -1, fbss = -1, end = opts.textAddress();
        for (Section s : order) {
            if (s.size() == 0 && !s.name.equals(".text")) continue;
            long e = s.addr + s.size();
            if (s.exec) {
                if (ftext < 0) ftext = s.addr;
                etext = e;
            } else if (!s.nobits) {
                if (fdata < 0) fdata = s.addr;
                edata = e;
            } else if (fbss < 0) {
                fbss = s.addr;
            }
            end = Math.max(end, e);
        }
        if (fdata < 0) fdata = edata = etext;
        if (fbss < 0) fbss = end;
        long[] v = {ftext, etext, etext, fdata, edata, edata, fbss, fbss, end, end, gp};
        String[] n = {"_ftext", "_etext", "etext", "_fdata", "_edata", "edata", "__bss_start", "_fbss", "_end", "end", "_gp"};
        for (int i = 0; i < n.length; i++) {
            Symbol g = globals.get(n[i]);
            if (g != null && g.defined) continue;
            Symbol s = new Symbol(n[i]);
            s.defined = true;
            s.global = true;
            s.value = v[i];
            globals.put(n[i], s);
        }
    }

    private void publishGlobals() {
        for (Scope sc : scopes) {
            for (Symbol s : sc.symbols.values()) {
                if (!s.global || !s.defined) continue;
                Symbol old = globals.putIfAbsent(s.name, s);
                if (old != null && old != s) diags.error(s.definedAt, "global symbol '" + s.name + "' is also defined at " + old.definedAt);
            }
        }
    }

    private long entry() {
        String want = opts.entrySymbol();
        List<String> names = want != null ? List.of(want) : List.of("_start", "__start");
        for (String n : names) {
            Symbol s = globals.get(n);
            if (s == null) {
                for (Scope sc : scopes) {
                    Symbol c = sc.symbols.get(n);
                    if (c != null && c.defined) {
                        s = c;
                        break;
                    }
                }
            }
            if (s != null && s.defined) {
                try {
                    return eval(new Expr.Sym(n, scopeOf(s), 1), true).off();
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        if (want != null) diags.error("entry symbol '" + want + "' is not defined");
        return section(".text").addr;
    }

    private Scope scopeOf(Symbol s) {
        for (Scope sc : scopes) if (sc.symbols.get(s.name) == s) return sc;
        return scopes.get(0);
    }

    private void applyFixups(Section s) {
        for (Fixup f : s.buf.fixups()) {
            SourceLoc where = (SourceLoc) f.origin();
            long v;
            try {
                v = eval((Expr) f.target(), true).off();
            } catch (Undefined u) {
                String n = u.sym.name();
                int k = n.indexOf('\u0002');
                String shown = k >= 0 ? "local label " + n.substring(0, k) + " (no definition follows)" : "symbol '" + n + "'";
                diags.error(where.at(u.sym.col()), "undefined " + shown);
                continue;
            } catch (AsmError e) {
                diags.error(where.at(e.col > 0 ? e.col : where.col()), e.getMessage());
                continue;
            }
            long pc = s.addr + f.offset();
            String err = apply(s.buf, f, v, pc);
            if (err != null) diags.error(where, err);
        }
    }

    /** Puts {@code v} into the buffer as {@code f} says; returns an error message or null. */
    static String apply(CodeBuffer buf, Fixup f, long v, long pc) {
        int at = f.offset();
        switch (f.reloc()) {
            case DATA8: buf.patch(at, v, 1); return null;
            case DATA16: buf.patch(at, v, 2); return null;
            case DATA32: buf.patch(at, v, 4); return null;
            case DATA64: buf.patch(at, v, 8); return null;
            default: break;
        }
        Operand o = f.operand();
        int w = buf.readWord(at);
        long field;
        switch (f.reloc()) {
            case HI16: field = Expr.hi(v); break;
            case LO16: field = Expr.lo(v); break;
            case PCREL16: {
                long d = v - (pc + 4);
                if ((d & 3) != 0) return "branch target 0x" + Long.toHexString(v) + " is not word-aligned";
                d >>= 2;
                if (!o.fits(d) && (w >>> 16 == 0x1000 || w >>> 16 == 0x0411) && ((pc + 4) & 0xF0000000L) == (v & 0xF0000000L)) {
                    // GNU as (non-PIC) turns an out-of-range "b"/"bal" into "j"/"jal"
                    buf.patchWord(at, (w >>> 16 == 0x1000 ? 0x08000000 : 0x0C000000) | (int) ((v >> 2) & 0x3FFFFFF));
                    return null;
                }
                if (!o.fits(d)) return "branch target out of range (" + d + " words away; a branch reaches -32768..32767)";
                field = d & 0xFFFF;
                break;
            }
            case ABS26: {
                if ((v & 3) != 0) return "jump target 0x" + Long.toHexString(v) + " is not word-aligned";
                if (((pc + 4) & 0xF0000000L) != (v & 0xF0000000L)) return "jump target 0x" + Long.toHexString(v) + " is outside the 256 MB region of the jump";
                field = (v >> 2) & 0x3FFFFFF;
                break;
            }
            default: {
                if (o.type == pebble.r5k.isa.OperandType.SIMM && o.width == 16 && v >= 0x8000 && v <= 0xFFFF) return CodeBuffer.outOfRange(o, v);
                if (!o.fits(v)) return CodeBuffer.outOfRange(o, v);
                field = v;
            }
        }
        buf.patchWord(at, o.insert(w, field & ((1L << o.width) - 1)));
        return null;
    }

    private List<AssembledProgram.OutSymbol> symbols() {
        List<AssembledProgram.OutSymbol> out = new ArrayList<>();
        for (Scope sc : scopes) {
            for (Symbol s : sc.symbols.values()) {
                if (!s.defined || s.isGenerated()) continue;
                if (s.global && globals.get(s.name) != s) continue;
                long v;
                String sec;
                try {
                    Value val = eval(new Expr.Sym(s.name, sc, 1), false);
                    sec = val.section() == null ? null : val.section().name;
                    v = val.section() == null ? val.off() : val.section().addr + val.off();
                } catch (RuntimeException e) {
                    continue;
                }
                if (sec != null && section(sec).size() == 0) sec = null;
                int type = s.type;
                out.add(new AssembledProgram.OutSymbol(s.name, v & 0xFFFFFFFFL, s.size, type, s.global, sec));
            }
        }
        return out;
    }

    private List<String> listing() {
        List<String> out = new ArrayList<>();
        for (ListingLine l : listingLines) {
            StringBuilder sb = new StringBuilder();
            int step = l.section().exec ? 4 : 4;
            for (int off = l.start(); off < l.end(); off += step) {
                int n = Math.min(step, l.end() - off);
                String bytes = n == 4 ? String.format("%08x", l.section().buf.readWord(off)) : hex(l.section().buf, off, n);
                if (off == l.start()) {
                    sb.append(String.format("%08x  %-8s  %s:%d: %s", l.section().addr + off, bytes, l.loc().file(), l.loc().line(), l.text()));
                } else {
                    sb.append(String.format("%n%08x  %-8s", l.section().addr + off, bytes));
                }
                if (off - l.start() >= 64 && !l.section().exec) {
                    sb.append(" ...");
                    break;
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String hex(CodeBuffer b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x", b.read(off + i, 1)));
        return sb.toString();
    }
}
