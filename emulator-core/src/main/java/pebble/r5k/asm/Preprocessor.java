package pebble.r5k.asm;

import pebble.r5k.host.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C preprocessor pass for {@code .S} sources, as {@code gcc -E -x assembler-with-cpp} would run before
 * GNU as: {@code #include "f"}/{@code <f>} (the including file's directory, then {@code -I} directories),
 * object- and function-like {@code #define} (with {@code #} and {@code ##}), {@code #undef},
 * {@code #if/#ifdef/#ifndef/#elif/#else/#endif} with C integer expressions and {@code defined},
 * {@code #error/#warning}, C comments. A line starting with {@code #} that is not a directive is left to
 * the assembler, for which it is a comment. Every output line keeps its original file and line number;
 * comments become blanks of the same width, so columns stay right on lines without macro expansion.
 */
final class Preprocessor {
    /** One logical output line and where it came from. */
    record PLine(String text, String file, Path path, int line) {}

    private record Macro(List<String> params, boolean variadic, String body) {}

    private static final int MAX_DEPTH = 40;
    private final AsmOptions opts;
    private final Diagnostics diags;
    private final Map<String, Macro> macros = new HashMap<>();
    private final List<PLine> out = new ArrayList<>();
    private int depth;
    private SourceLoc loc;

    private Preprocessor(AsmOptions opts, Diagnostics diags) {
        this.opts = opts;
        this.diags = diags;
        object("__ASSEMBLER__", "1");
        object("_LANGUAGE_ASSEMBLY", "1");
        object("__mips__", "1");
        object("__mips", "4");
        object("mips", "1");
        object("_MIPS_ISA", "4");
        object("_ABIO32", "1");
        object("_MIPS_SIM", "_ABIO32");
        object("_MIPS_SZINT", "32");
        object("_MIPS_SZLONG", "32");
        object("_MIPS_SZPTR", "32");
        object("__mips_hard_float", "1");
        String e = opts.bigEndian() ? "EB" : "EL";
        object("__MIPS" + e + "__", "1");
        object("__MIPS" + e, "1");
        object("_MIPS" + e, "1");
        object("MIPS" + e, "1");
        for (Map.Entry<String, String> d : opts.defines().entrySet()) object(d.getKey(), d.getValue());
    }

    private void object(String name, String value) {
        macros.put(name, new Macro(null, false, value));
    }

    /** Preprocesses one {@code .S} file; errors go to {@code diags}. */
    static List<PLine> run(String name, Path path, String text, AsmOptions opts, Diagnostics diags) {
        Preprocessor p = new Preprocessor(opts, diags);
        p.file(name, path, text);
        return p.out;
    }

    /** {@code .S} (capital S) sources are preprocessed, as gcc does. */
    static boolean wantsCpp(String name) {
        return name.endsWith(".S");
    }

    // ------------------------------------------------------------------ files and lines

    private void file(String name, Path path, String text) {
        String[] phys = text.split("\n", -1);
        // conditional stack: each entry: [active now, some branch taken, parent active]
        List<boolean[]> cond = new ArrayList<>();
        List<SourceLoc> condAt = new ArrayList<>();  // where each open #if is, for "unterminated #if"
        boolean inComment = false;
        for (int i = 0; i < phys.length; i++) {
            int first = i;
            StringBuilder sb = new StringBuilder(strip(phys[i]));
            while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < phys.length) {
                sb.setLength(sb.length() - 1);
                sb.append(strip(phys[++i]));
            }
            loc = new SourceLoc(name, first + 1, 1);
            // comments: blanked out, keeping columns; a block comment may continue on the next lines
            char[] c = sb.toString().toCharArray();
            inComment = blankComments(c, inComment);
            String line = new String(c);
            boolean active = cond.isEmpty() || cond.get(cond.size() - 1)[0];
            String t = line.stripLeading();
            if (t.startsWith("#")) {
                String rest = t.substring(1).stripLeading();
                String word = identAt(rest, 0);
                String arg = rest.substring(word.length()).strip();
                switch (word) {
                    case "if": case "ifdef": case "ifndef": {
                        boolean v = active && (word.equals("if") ? evalCondition(arg) : macros.containsKey(identAt(arg, 0)) == word.equals("ifdef"));
                        cond.add(new boolean[] {v, v, active});
                        condAt.add(loc);
                        continue;
                    }
                    case "elif": case "else": {
                        if (cond.isEmpty()) {
                            diags.error(loc, "#" + word + " without #if");
                            continue;
                        }
                        boolean[] top = cond.get(cond.size() - 1);
                        boolean v = top[2] && !top[1] && (word.equals("else") || evalCondition(arg));
                        top[0] = v;
                        top[1] |= v;
                        continue;
                    }
                    case "endif":
                        if (cond.isEmpty()) diags.error(loc, "#endif without #if");
                        else {
                            cond.remove(cond.size() - 1);
                            condAt.remove(condAt.size() - 1);
                        }
                        continue;
                    default:
                        break;
                }
                if (!active) continue;
                switch (word) {
                    case "define": define(arg); continue;
                    case "undef": macros.remove(identAt(arg, 0)); continue;
                    case "include": include(path, arg); continue;
                    case "error": diags.error(loc, "#error " + arg); continue;
                    case "warning": diags.warning(loc, "#warning " + arg); continue;
                    default: continue;  // #line, #pragma, line markers, "# comment": nothing for the assembler
                }
            }
            if (!active) continue;
            out.add(new PLine(expand(line, new HashSet<>()), name, path, first + 1));
        }
        if (!cond.isEmpty()) diags.error(condAt.get(condAt.size() - 1), "unterminated #if");
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Blanks C comments in {@code c}; returns whether a block comment is still open at the end. */
    private static boolean blankComments(char[] c, boolean inComment) {
        char quote = 0;
        for (int i = 0; i < c.length; i++) {
            if (inComment) {
                if (c[i] == '*' && i + 1 < c.length && c[i + 1] == '/') {
                    c[i] = ' ';
                    c[i + 1] = ' ';
                    i++;
                    inComment = false;
                } else {
                    c[i] = ' ';
                }
                continue;
            }
            if (quote != 0) {
                if (c[i] == '\\') i++;
                else if (c[i] == quote) quote = 0;
                continue;
            }
            if (c[i] == '"') quote = '"';
            else if (c[i] == '\'' && charLiteralEnd(c, i) > 0) i = charLiteralEnd(c, i);
            else if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '*') {
                c[i] = ' ';
                c[i + 1] = ' ';
                i++;
                inComment = true;
            } else if (c[i] == '/' && i + 1 < c.length && c[i + 1] == '/') {
                for (int j = i; j < c.length; j++) c[j] = ' ';
                break;
            }
        }
        return inComment;
    }

    /** The index of the closing quote of a character literal {@code 'x'} / {@code '\x'} at {@code i}, or -1. */
    private static int charLiteralEnd(char[] c, int i) {
        if (i + 2 < c.length && c[i + 1] != '\\' && c[i + 2] == '\'') return i + 2;
        if (i + 3 < c.length && c[i + 1] == '\\' && c[i + 3] == '\'') return i + 3;
        return -1;
    }

    private void include(Path from, String arg) {
        String a = expand(arg, new HashSet<>()).strip();
        if (a.length() < 2 || !(a.charAt(0) == '"' && a.endsWith("\"") || a.charAt(0) == '<' && a.endsWith(">"))) {
            diags.error(loc, "#include expects \"FILE\" or <FILE>");
            return;
        }
        String fname = a.substring(1, a.length() - 1);
        Path found = null;
        List<Path> dirs = new ArrayList<>();
        if (from != null && from.getParent() != null) dirs.add(from.getParent());
        else if (from != null) dirs.add(Path.of(""));
        dirs.addAll(opts.includeDirs());
        for (Path d : dirs) {
            Path p = d.resolve(fname);
            if (Files.isReadable(p)) {
                found = p;
                break;
            }
        }
        if (found == null) {
            diags.error(loc, "#include file '" + fname + "' not found");
            return;
        }
        if (depth >= MAX_DEPTH) {
            diags.error(loc, "#include nested too deeply");
            return;
        }
        String text;
        try {
            text = new String(HostFiles.read(found, HostFiles.MAX_TEXT_BYTES, "an include file"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            diags.error(loc, "cannot read #include file '" + fname + "': " + e.getMessage());
            return;
        }
        SourceLoc saved = loc;
        depth++;
        file(found.toString(), found, text);
        depth--;
        loc = saved;
    }

    // ------------------------------------------------------------------ macros

    private static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean identPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String identAt(String s, int i) {
        if (i >= s.length() || !identStart(s.charAt(i))) return "";
        int j = i;
        while (j < s.length() && identPart(s.charAt(j))) j++;
        return s.substring(i, j);
    }

    private void define(String arg) {
        String name = identAt(arg, 0);
        if (name.isEmpty()) {
            diags.error(loc, "#define needs a macro name");
            return;
        }
        int i = name.length();
        if (i < arg.length() && arg.charAt(i) == '(') {
            int close = arg.indexOf(')', i);
            if (close < 0) {
                diags.error(loc, "missing ')' in the parameter list of macro '" + name + "'");
                return;
            }
            List<String> params = new ArrayList<>();
            boolean variadic = false;
            for (String p : arg.substring(i + 1, close).split(",")) {
                p = p.strip();
                if (p.isEmpty()) continue;
                if (p.equals("...")) {
                    variadic = true;
                    params.add("__VA_ARGS__");
                } else {
                    params.add(p);
                }
            }
            macros.put(name, new Macro(params, variadic, arg.substring(close + 1).strip()));
        } else {
            macros.put(name, new Macro(null, false, arg.substring(i).strip()));
        }
    }

    /** Expands the macros in {@code s}; {@code off} holds the names being expanded (no recursion). */
    private String expand(String s, Set<String> off) {
        StringBuilder sb = new StringBuilder();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != '"') j += s.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(j + 1, n);
                sb.append(s, i, j);
                i = j;
            } else if (c == '\'' && charLiteralEnd(s.toCharArray(), i) > 0) {
                int j = charLiteralEnd(s.toCharArray(), i) + 1;
                sb.append(s, i, j);
                i = j;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                // a pp-number (1f, 0x10, 2b): never expanded
                int j = i + 1;
                while (j < n && (identPart(s.charAt(j)) || s.charAt(j) == '.')) j++;
                sb.append(s, i, j);
                i = j;
            } else if (identStart(c)) {
                String id = identAt(s, i);
                int j = i + id.length();
                Macro m = off.contains(id) ? null : macros.get(id);
                if (id.equals("__LINE__")) {
                    sb.append(loc.line());
                } else if (id.equals("__FILE__")) {
                    sb.append('"').append(loc.file()).append('"');
                } else if (m == null) {
                    sb.append(id);
                } else if (m.params() == null) {
                    sb.append(expand(m.body(), with(off, id)));
                } else {
                    int k = j;
                    while (k < n && Character.isWhitespace(s.charAt(k))) k++;
                    if (k >= n || s.charAt(k) != '(') {
                        sb.append(id);
                    } else {
                        List<String> args = new ArrayList<>();
                        int end = collectArgs(s, k, args);
                        if (end < 0) {
                            diags.error(loc, "unterminated argument list invoking macro '" + id + "'");
                            sb.append(s, i, n);
                            return sb.toString();
                        }
                        sb.append(expand(substitute(id, m, args, off), with(off, id)));
                        j = end;
                    }
                }
                i = j;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static Set<String> with(Set<String> s, String id) {
        Set<String> r = new HashSet<>(s);
        r.add(id);
        return r;
    }

    /** Splits the arguments of the call whose '(' is at {@code open}; returns the index after ')', or -1. */
    private static int collectArgs(String s, int open, List<String> args) {
        int depth = 0, start = open + 1;
        char quote = 0;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
                continue;
            }
            if (c == '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (c == ')' || c == ',' && depth == 0) {
                args.add(s.substring(start, i).strip());
                start = i + 1;
                if (c == ')') return i + 1;
            }
        }
        return -1;
    }

    /** The body of {@code m} with parameters replaced: {@code #p} stringified, {@code ##} pasted. */
    private String substitute(String name, Macro m, List<String> args, Set<String> off) {
        List<String> params = m.params();
        if (args.size() == 1 && args.get(0).isEmpty() && params.isEmpty()) args = List.of();
        if (m.variadic() && args.size() > params.size()) {
            List<String> a = new ArrayList<>(args.subList(0, params.size() - 1));
            a.add(String.join(",", args.subList(params.size() - 1, args.size())));
            args = a;
        }
        if (m.variadic() && args.size() == params.size() - 1) {
            args = new ArrayList<>(args);
            args.add("");
        }
        if (args.size() != params.size()) {
            diags.error(loc, "macro '" + name + "' takes " + params.size() + " arguments, got " + args.size());
            return "";
        }
        String b = m.body();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < b.length()) {
            char c = b.charAt(i);
            if (c == '#' && i + 1 < b.length() && b.charAt(i + 1) == '#') {
                // paste: drop the operator and the blanks around it
                while (sb.length() > 0 && Character.isWhitespace(sb.charAt(sb.length() - 1))) sb.setLength(sb.length() - 1);
                i += 2;
                while (i < b.length() && Character.isWhitespace(b.charAt(i))) i++;
                String id = identAt(b, i);
                int p = params.indexOf(id);
                if (p >= 0) {
                    sb.append(args.get(p));
                    i += id.length();
                }
                continue;
            }
            if (c == '#') {
                int k = i + 1;
                while (k < b.length() && Character.isWhitespace(b.charAt(k))) k++;
                String id = identAt(b, k);
                int p = params.indexOf(id);
                if (p >= 0) {
                    sb.append('"').append(args.get(p).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    i = k + id.length();
                    continue;
                }
            }
            if (identStart(c)) {
                String id = identAt(b, i);
                int p = params.indexOf(id);
                if (p < 0) {
                    sb.append(id);
                } else {
                    int k = i + id.length();
                    while (k < b.length() && Character.isWhitespace(b.charAt(k))) k++;
                    boolean pasted = k + 1 < b.length() && b.charAt(k) == '#' && b.charAt(k + 1) == '#';
                    sb.append(pasted ? args.get(p) : expand(args.get(p), off));
                }
                i += id.length();
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < b.length() && (identPart(b.charAt(j)) || b.charAt(j) == '.')) j++;
                sb.append(b, i, j);
                i = j;
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ #if expressions

    private boolean evalCondition(String arg) {
        // defined X / defined(X) before expansion, then macros, then any identifier left is 0
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < arg.length()) {
            String id = identAt(arg, i);
            if (!id.isEmpty() && (i == 0 || !identPart(arg.charAt(i - 1)))) {
                if (id.equals("defined")) {
                    int k = i + id.length();
                    while (k < arg.length() && Character.isWhitespace(arg.charAt(k))) k++;
                    boolean paren = k < arg.length() && arg.charAt(k) == '(';
                    if (paren) k++;
                    while (k < arg.length() && Character.isWhitespace(arg.charAt(k))) k++;
                    String name = identAt(arg, k);
                    k += name.length();
                    if (paren) {
                        while (k < arg.length() && Character.isWhitespace(arg.charAt(k))) k++;
                        if (k < arg.length() && arg.charAt(k) == ')') k++;
                    }
                    sb.append(macros.containsKey(name) ? " 1 " : " 0 ");
                    i = k;
                    continue;
                }
                sb.append(id);
                i += id.length();
                continue;
            }
            sb.append(arg.charAt(i++));
        }
        String e = expand(sb.toString(), new HashSet<>());
        try {
            CondExpr p = new CondExpr(e);
            long v = p.ternary();
            p.skip();
            if (p.pos < e.length()) throw new IllegalArgumentException("unexpected '" + e.substring(p.pos).strip() + "'");
            return v != 0;
        } catch (IllegalArgumentException | ArithmeticException ex) {
            diags.error(loc, "bad #if expression '" + arg.strip() + "': " + ex.getMessage());
            return false;
        }
    }

    /** C integer constant expressions (64-bit signed arithmetic; identifiers are 0). */
    private static final class CondExpr {
        final String s;
        int pos;

        CondExpr(String s) {
            this.s = s;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        boolean eat(String op) {
            skip();
            if (!s.startsWith(op, pos)) return false;
            // do not take "<" from "<<" or "<=", "&" from "&&", "|" from "||", "=" alone...
            if (op.length() == 1 && pos + 1 < s.length()) {
                char n = s.charAt(pos + 1);
                if ((op.equals("<") || op.equals(">")) && (n == '=' || n == op.charAt(0))) return false;
                if ((op.equals("&") || op.equals("|")) && n == op.charAt(0)) return false;
                if (op.equals("!") && n == '=') return false;
            }
            pos += op.length();
            return true;
        }

        long ternary() {
            long c = or();
            if (eat("?")) {
                long a = ternary();
                if (!eat(":")) throw new IllegalArgumentException("missing ':'");
                long b = ternary();
                return c != 0 ? a : b;
            }
            return c;
        }

        long or() {
            long v = and();
            while (eat("||")) {
                long r = and();
                v = (v != 0 || r != 0) ? 1 : 0;
            }
            return v;
        }

        long and() {
            long v = bitOr();
            while (eat("&&")) {
                long r = bitOr();
                v = (v != 0 && r != 0) ? 1 : 0;
            }
            return v;
        }

        long bitOr() {
            long v = bitXor();
            while (eat("|")) v |= bitXor();
            return v;
        }

        long bitXor() {
            long v = bitAnd();
            while (eat("^")) v ^= bitAnd();
            return v;
        }

        long bitAnd() {
            long v = equality();
            while (eat("&")) v &= equality();
            return v;
        }

        long equality() {
            long v = relational();
            for (;;) {
                if (eat("==")) v = v == relational() ? 1 : 0;
                else if (eat("!=")) v = v != relational() ? 1 : 0;
                else return v;
            }
        }

        long relational() {
            long v = shift();
            for (;;) {
                if (eat("<=")) v = v <= shift() ? 1 : 0;
                else if (eat(">=")) v = v >= shift() ? 1 : 0;
                else if (eat("<")) v = v < shift() ? 1 : 0;
                else if (eat(">")) v = v > shift() ? 1 : 0;
                else return v;
            }
        }

        long shift() {
            long v = additive();
            for (;;) {
                if (eat("<<")) v <<= additive();
                else if (eat(">>")) v >>= additive();
                else return v;
            }
        }

        long additive() {
            long v = term();
            for (;;) {
                if (eat("+")) v += term();
                else if (eat("-")) v -= term();
                else return v;
            }
        }

        long term() {
            long v = unary();
            for (;;) {
                if (eat("*")) v *= unary();
                else if (eat("/")) v /= unary();
                else if (eat("%")) v %= unary();
                else return v;
            }
        }

        long unary() {
            if (eat("!")) return unary() == 0 ? 1 : 0;
            if (eat("~")) return ~unary();
            if (eat("-")) return -unary();
            if (eat("+")) return unary();
            if (eat("(")) {
                long v = ternary();
                if (!eat(")")) throw new IllegalArgumentException("missing ')'");
                return v;
            }
            skip();
            if (pos >= s.length()) throw new IllegalArgumentException("missing operand");
            char c = s.charAt(pos);
            if (Character.isDigit(c)) {
                int j = pos;
                while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) j++;
                String t = s.substring(pos, j).toLowerCase().replaceAll("[ul]+$", "");
                pos = j;
                try {
                    if (t.startsWith("0x")) return Long.parseUnsignedLong(t.substring(2), 16);
                    if (t.startsWith("0b")) return Long.parseUnsignedLong(t.substring(2), 2);
                    if (t.length() > 1 && t.startsWith("0")) return Long.parseUnsignedLong(t.substring(1), 8);
                    return Long.parseUnsignedLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number '" + t + "'");
                }
            }
            if (c == '\'') {
                int end = charLiteralEnd(s.toCharArray(), pos);
                if (end < 0) throw new IllegalArgumentException("bad character constant");
                char v = s.charAt(pos + 1);
                if (v == '\\') v = switch (s.charAt(pos + 2)) { case 'n' -> '\n'; case 't' -> '\t'; case '0' -> 0; default -> s.charAt(pos + 2); };
                pos = end + 1;
                return v;
            }
            if (identStart(c)) {
                pos += identAt(s, pos).length();
                return 0;
            }
            throw new IllegalArgumentException("unexpected '" + c + "'");
        }
    }
}
