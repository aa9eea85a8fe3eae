package pebble.r5k.asm;

import pebble.r5k.host.HostFiles;
import static pebble.r5k.asm.SourceText.leading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import pebble.r5k.emit.EmitException;
import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;

/**
 * GNU-as-compatible MIPS assembler for the R5000 ({@code -march=r5000 -mabi=32}) that links its output
 * directly: one or more sources in, one {@link AssembledProgram} (and via {@link #toElf} an ELF32
 * executable) out. Statements are handled in one pass; values not known yet become {@link Fixup}s that
 * are applied after layout. All errors are collected in {@link Diagnostics}.
 *
 * <p>This class drives the pass and splits each statement into labels, directives, macros and
 * instructions; the work is done by {@link SourceBlocks} (lines, macros, conditionals), {@link Directives},
 * {@link InsnAssembler}, {@link Emitter} (sections and code placement), {@link SymbolTable} and
 * {@link Linker}.
 */
public final class Assembler implements ExprParser.Context {
    final AsmOptions opts;
    final Diagnostics diags = new Diagnostics();
    final SymbolTable symbols;
    final Emitter emitter;
    final Listing listing = new Listing();
    private final Directives directives;
    private final SourceBlocks blocks;
    private final InsnAssembler insns;
    final MacroExpander expander;

    SourceLoc loc = new SourceLoc("<none>", 0, 1);

    private Assembler(AsmOptions opts) {
        this.opts = opts;
        this.symbols = new SymbolTable(this);
        this.emitter = new Emitter(this);
        this.directives = new Directives(this);
        this.blocks = new SourceBlocks(this);
        this.expander = new MacroExpander(this);
        this.insns = new InsnAssembler(this);
        emitter.cur = emitter.section(".text");
    }

    // ------------------------------------------------------------------ public API

    /** Assembles and links {@code sources}; throws {@link AssemblyException} listing every error. */
    public static AssembledProgram assemble(List<Path> sources, AsmOptions opts) throws AssemblyException {
        Assembler a = new Assembler(opts);
        for (Path p : sources) {
            String text;
            try {
                text = new String(HostFiles.read(p, HostFiles.MAX_TEXT_BYTES, "an assembly source"), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                a.diags.error(e.getMessage()); // path: OS reason
                continue;
            }
            a.file(p.toString(), p, text);
        }
        return new Linker(a).link();
    }

    /** Assembles one source held in memory (tests, {@code pebble run}); {@code name} is used in messages. */
    public static AssembledProgram assembleString(String name, String text, AsmOptions opts) throws AssemblyException {
        Assembler a = new Assembler(opts);
        a.file(name, null, text);
        return new Linker(a).link();
    }

    /** The program as an ELF32 MIPS executable (o32 flags) that GNU objdump and our loader read. */
    public static byte[] toElf(AssembledProgram p) {
        return Linker.toElf(p);
    }

    // ------------------------------------------------------------------ sources and statements

    private void file(String name, Path path, String text) {
        symbols.startFile(name);
        emitter.startFile();
        blocks.lines(name, path, text);
        blocks.checkOpenBlocks();
        emitter.flushHazards();
        directives.allocateLcomm();
        emitter.padSections();
    }

    /** One source line: strip the comment, split at ';', run each statement. */
    void line(String line) {
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
        Section sec = emitter.cur;
        int before = sec.size();
        try {
            statement(text, col0);
        } catch (AsmError e) {
            diags.error(loc.at(e.col > 0 ? e.col : col0 + leading(text)), e.getMessage());
        } catch (EmitException e) {
            diags.error(loc.at(col0 + leading(text)), e.getMessage());
        }
        if (opts.listing() && emitter.cur == sec && sec.size() > before && blocks.macroDepth == 0) {
            listing.add(sec, before, sec.size(), loc, text.strip());
        }
    }

    private void statement(String text, int col0) {
        int pos = leading(text);
        for (;;) {
            int start = pos;
            while (pos < text.length() && ExprParser.isSymPart(text.charAt(pos))) pos++;
            if (pos > start && pos < text.length() && text.charAt(pos) == ':') {
                emitter.label(symbols.defineLabel(text.substring(start, pos), col0 + start, emitter.cur));
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
                symbols.assign(word, e.trim(), opCol + 1 + leading(e), true);
                return;
            }
            loc = loc.at(col0 + start);
            if (word.charAt(0) == '.') {
                directives.directive(word.toLowerCase(), operands, opCol, col0 + start);
            } else if (blocks.macros.containsKey(word.toLowerCase())) {
                blocks.expandUserMacro(blocks.macros.get(word.toLowerCase()), operands);
            } else {
                insns.assemble(word.toLowerCase(), operands, opCol, col0 + start);
            }
            return;
        }
    }

    // ------------------------------------------------------------------ for the expression parser

    @Override public Scope scope() { return symbols.scope; }
    @Override public Section section() { return emitter.cur; }
    @Override public long offset() { return emitter.cur.size(); }

    @Override
    public String localLabel(int n, boolean forward, int col) {
        return symbols.localLabel(n, forward, col);
    }

    // ------------------------------------------------------------------ for InsnAssembler and the macros

    void insn(Op op, long... values) { emitter.insn(op, values); }

    void insn(Op op, long[] values, int index, Reloc reloc, Expr target) { emitter.insn(op, values, index, reloc, target); }

    void verbatim(Runnable body) { emitter.verbatim(body); }

    void hazardPad(int index) { emitter.hazardPad(index); }

    /** A macro expansion emitted instruction by instruction (hazard nops and delay-slot filling as usual). */
    void seq(Runnable body) {
        body.run();
    }

    void noSwap() { emitter.noSwap(); }

    boolean noAt() { return emitter.noAt; }

    boolean bigEndian() { return opts.bigEndian(); }

    Section section(String name) { return emitter.section(name); }

    boolean isSmallData(Expr.Sym sym) { return symbols.isSmallData(sym); }

    Value tryEval(Expr e) { return symbols.tryEval(e); }

    long constant(Expr e, String what) { return symbols.constant(e, what); }
}
