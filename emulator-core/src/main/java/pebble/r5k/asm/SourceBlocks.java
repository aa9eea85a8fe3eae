package pebble.r5k.asm;

import pebble.r5k.host.HostFiles;
import static pebble.r5k.asm.SourceText.firstWord;
import static pebble.r5k.asm.SourceText.leading;
import static pebble.r5k.asm.SourceText.splitArgs;
import static pebble.r5k.asm.SourceText.stripBlockComments;
import static pebble.r5k.asm.SourceText.stripComment;
import static pebble.r5k.asm.SourceText.unquote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source lines before they become statements: reading a file (through the C preprocessor when it wants
 * one), {@code .include}, user macros ({@code .macro/.endm}), repeat blocks ({@code .rept/.irp/.irpc})
 * and conditional assembly ({@code .if...}). Whatever line survives goes to {@link Assembler#line}.
 */
final class SourceBlocks {
    private final Assembler asm;
    final Map<String, UserMacro> macros = new HashMap<>();
    private int includeDepth;
    int macroDepth;
    private int macroCounter;

    /** The macro being defined (its body collected raw until the matching {@code .endm}), and its nesting. */
    private UserMacro defining;
    private int definingDepth;
    /** A {@code .rept/.irp/.irpc} block being collected until its {@code .endr}. */
    private Repeat repeat;
    /** Conditional assembly: per open {@code .if}: {active, some branch taken, enclosing active}. */
    private final List<boolean[]> conds = new ArrayList<>();
    private boolean exitMacro;
    private Path curPath;

    record UserMacro(String name, List<String> params, List<String> defaults, List<String> body, boolean vararg) {}

    SourceBlocks(Assembler asm) {
        this.asm = asm;
    }

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
        SourceLoc here = asm.loc.at(Math.max(1, argStart - first.length() + 1));
        if (first.startsWith(".if") || first.equals(".else") || first.equals(".elseif") || first.equals(".endif")) {
            try {
                conditional(first, rest, restCol);
            } catch (AsmError e) {
                asm.diags.error(e.col > 0 ? asm.loc.at(e.col) : here, e.getMessage());
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
                asm.diags.error(here, ".endm without .macro");
                return;
            case ".include":
                include(curPath, line);
                return;
            case ".rept": case ".irp": case ".irpc":
                repeat = new Repeat(first, rest, here);
                return;
            case ".endr":
                asm.diags.error(here, ".endr without .rept");
                return;
            case ".exitm":
                if (macroDepth == 0) asm.diags.error(here, ".exitm outside a macro");
                else exitMacro = true;
                return;
            case ".purgem":
                if (macros.remove(rest.toLowerCase()) == null) asm.diags.error(asm.loc.at(restCol), "macro '" + rest + "' is not defined");
                return;
            default:
                asm.line(line);
        }
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
            case ".if": case ".ifne": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) != 0;
            case ".ifeq": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) == 0;
            case ".ifge": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) >= 0;
            case ".ifgt": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) > 0;
            case ".ifle": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) <= 0;
            case ".iflt": return asm.symbols.constant(ExprParser.parse(arg, col, asm), d) < 0;
            case ".ifdef": return asm.symbols.lookup(asm.symbols.scope, arg) != null;
            case ".ifndef": case ".ifnotdef": return asm.symbols.lookup(asm.symbols.scope, arg) == null;
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

    /**
     * Lines fed by every .rept of the run so far, bounded so that a huge or nested count ends with an error in a
     * few seconds: 16 M lines, 64 MB of {@code .word}s (a line costs about a quarter of a microsecond).
     */
    private long repeatedLines;
    static final long MAX_REPEATED_LINES = 1L << 24;

    /** Expands a collected {@code .rept N} / {@code .irp sym,values} / {@code .irpc sym,chars} block. */
    private void runRepeat(Repeat r) {
        if (macroDepth > 50) {
            asm.diags.error(r.at, "repeat blocks nested too deeply");
            return;
        }
        macroDepth++;
        int condBase = conds.size();
        try {
            if (r.kind.equals(".rept")) {
                long n;
                try {
                    n = asm.symbols.constant(ExprParser.parse(r.args, 1, asm), ".rept count");
                } catch (AsmError e) {
                    asm.diags.error(r.at, e.getMessage());
                    return;
                }
                for (long i = 0; i < n && !exitMacro; i++) {
                    for (String b : r.body) {
                        if (++repeatedLines > MAX_REPEATED_LINES) {
                            asm.diags.error(r.at, ".rept expands to more than " + MAX_REPEATED_LINES + " lines");
                            return;
                        }
                        feed(b);
                    }
                }
                return;
            }
            List<String> a = splitArgs(r.args);
            if (a.isEmpty() || a.get(0).isBlank()) {
                asm.diags.error(r.at, r.kind + " expects SYMBOL, VALUES");
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
    void checkOpenBlocks() {
        if (defining != null) asm.diags.error(asm.loc, "missing .endm for macro '" + defining.name() + "'");
        if (repeat != null) asm.diags.error(repeat.at, "missing .endr for " + repeat.kind);
        if (!conds.isEmpty()) asm.diags.error(asm.loc, "missing .endif");
        defining = null;
        repeat = null;
        conds.clear();
    }

    /** Feeds the lines of one file (or include): through cpp when its name asks for it, else with block comments blanked. */
    void lines(String name, Path path, String text) {
        List<Preprocessor.PLine> pl;
        if (Preprocessor.wantsCpp(name)) {
            pl = Preprocessor.run(name, path, text, asm.opts, asm.diags);
        } else {
            String[] raw = stripBlockComments(text).split("\n", -1);
            pl = new ArrayList<>(raw.length);
            for (int i = 0; i < raw.length; i++) pl.add(new Preprocessor.PLine(raw[i], name, path, i + 1));
        }
        SmallData.scan(pl, asm.symbols.scope.smallData);
        for (Preprocessor.PLine l : pl) {
            String line = l.text();
            curPath = l.path();
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            asm.loc = new SourceLoc(l.file(), l.line(), 1);
            feed(line);
        }
    }

    private void include(Path from, String line) {
        String t = line.trim().substring(".include".length()).trim();
        if (t.length() < 2 || t.charAt(0) != '"' || !t.endsWith("\"")) {
            asm.diags.error(asm.loc, "expected a quoted file name after .include");
            return;
        }
        String fname = t.substring(1, t.length() - 1);
        // the including file's directory first, then the working directory (GNU as: the working directory and -I)
        Path p = from != null && from.getParent() != null ? from.getParent().resolve(fname) : Path.of(fname);
        if (!Files.isReadable(p) && Files.isReadable(Path.of(fname))) p = Path.of(fname);
        for (Path dir : asm.opts.includeDirs()) {  // then the -I directories, in order
            if (Files.isReadable(p)) break;
            p = dir.resolve(fname);
        }
        if (includeDepth > 20) {
            asm.diags.error(asm.loc, ".include nested too deeply");
            return;
        }
        String text;
        try {
            text = new String(HostFiles.read(p, HostFiles.MAX_TEXT_BYTES, "an include file"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            asm.diags.error(asm.loc.at(line.indexOf('"') + 1), "cannot read include file '" + fname + "': " + e.getMessage());
            return;
        }
        SourceLoc saved = asm.loc;
        Path savedPath = curPath;
        includeDepth++;
        lines(p.toString(), p, text);
        includeDepth--;
        asm.loc = saved;
        curPath = savedPath;
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
        if (name.isEmpty()) asm.diags.error(asm.loc, ".macro needs a name");
        else macros.put(name.toLowerCase(), m);  // GNU as matches macro names case-insensitively
        return m;
    }

    void expandUserMacro(UserMacro m, String args) {
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
        SourceLoc saved = asm.loc;
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
                asm.loc = saved;
                feed(s);
            }
        } finally {
            exitMacro = false;
            macroDepth--;
            asm.loc = saved;
            while (conds.size() > condBase) conds.remove(conds.size() - 1);  // .exitm inside an .if
        }
    }
}
