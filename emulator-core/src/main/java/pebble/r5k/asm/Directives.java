package pebble.r5k.asm;

import static pebble.r5k.asm.SourceText.leading;
import static pebble.r5k.asm.SourceText.splitArgs;
import static pebble.r5k.asm.SourceText.unquoteString;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import pebble.r5k.elf.ElfConstants;
import pebble.r5k.emit.CodeBuffer;

/**
 * The assembler directives ({@code .word .space .align .section .set .comm .type ...}): parses their
 * arguments and turns them into section switches, data, alignment and symbol attributes.
 */
final class Directives {
    private final Assembler asm;
    private final SymbolTable symbols;
    private final Emitter emitter;

    private record Lcomm(Symbol sym, Section section, long size, long align) {}

    private final List<Lcomm> pendingLcomm = new ArrayList<>();

    Directives(Assembler asm) {
        this.asm = asm;
        this.symbols = asm.symbols;
        this.emitter = asm.emitter;
    }

    private Section cur() { return emitter.cur; }

    /** At the end of each file: the {@code .lcomm} objects go after the file's other contents of their section. */
    void allocateLcomm() {
        for (Lcomm l : pendingLcomm) allocate(l.sym(), l.section(), l.size(), l.align());
        pendingLcomm.clear();
    }

    private static void allocate(Symbol s, Section bss, long size, long align) {
        bss.buf.fill((int) ((-bss.size()) & (align - 1)), 0);
        s.value = bss.size();
        bss.buf.fill((int) size, 0);
    }

    /** Directive {@code d} (lower case) with its argument text; {@code col}: where the arguments start, {@code dcol}: the directive. */
    void directive(String d, String args, int col, int dcol) {
        if (!d.equals(".set") && !d.equals(".org") && !d.startsWith(".section") && cur().exec && d.matches("\\.(word|half|short|byte|dword|ascii|asciz|asciiz|string|space|skip|float|double|align|balign|p2align|fill|zero|2byte|4byte|8byte|hword|quad|long|int)")) {
            emitter.flushHazards();  // data in code: GNU as settles pending hazards first
            emitter.reorderer.barrier();
        }
        switch (d) {
            case ".text": emitter.switchTo(emitter.section(".text")); return;
            case ".data": emitter.switchTo(emitter.section(".data")); return;
            case ".bss": emitter.switchTo(emitter.section(".bss")); return;
            case ".rdata": case ".rodata": emitter.switchTo(emitter.section(".rodata")); return;
            case ".sdata": emitter.switchTo(emitter.section(".sdata")); return;
            case ".previous": emitter.switchTo(emitter.previous); return;
            case ".section": sectionDirective(args, col); return;
            case ".globl": case ".global":
                for (String n : names(args, col)) symbols.scope.get(n).global = true;
                return;
            case ".local":
                for (String n : names(args, col)) symbols.scope.get(n).local = true;
                return;
            case ".align": alignDirective(args, col, true); return;
            case ".p2align": alignDirective(args, col, true); return;
            case ".balign": alignDirective(args, col, false); return;
            case ".byte": for (Expr e : exprs(args, col)) emitter.data(1, e); return;
            case ".half": case ".short": emitter.autoAlign(2); for (Expr e : exprs(args, col)) emitter.data(2, e); return;
            case ".word": case ".long": case ".int": emitter.autoAlign(4); for (Expr e : exprs(args, col)) emitter.data(4, e); return;
            case ".dword": case ".quad": case ".8byte": emitter.autoAlign(8); for (Expr e : exprs(args, col)) emitter.data(8, e); return;
            case ".hword": emitter.autoAlign(2); for (Expr e : exprs(args, col)) emitter.data(2, e); return;
            // GNU as: .2byte and .4byte do not align
            case ".2byte": for (Expr e : exprs(args, col)) emitter.data(2, e); return;
            case ".4byte": for (Expr e : exprs(args, col)) emitter.data(4, e); return;
            case ".fill": fill(args, col); return;
            case ".zero": {
                long n = symbols.constant(ExprParser.parse(args.trim(), col, asm), ".zero size");
                if (n < 0 || n > CodeBuffer.MAX_BYTES) throw new AsmError(col, ".zero size " + n + " out of range");
                cur().buf.fill((int) n, 0);
                emitter.pendingLabels.clear();
                return;
            }
            case ".pushsection": {
                emitter.pushSection();
                sectionDirective(args, col);
                return;
            }
            case ".popsection": emitter.popSection(dcol); return;
            case ".weak":
                for (String n : names(args, col)) symbols.scope.get(n).global = true;
                return;
            case ".err": throw new AsmError(dcol, ".err encountered");
            case ".error": throw new AsmError(dcol, args.isBlank() ? ".error directive invoked in source file" : unquoteString(args.trim()));
            case ".warning":
                asm.diags.warning(asm.loc.at(dcol), args.isBlank() ? ".warning directive invoked in source file" : unquoteString(args.trim()));
                return;
            case ".print":
                asm.diags.warning(asm.loc.at(dcol), unquoteString(args.trim()));
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
                long n = symbols.constant(es.get(0), d + " size");
                long fill = es.size() > 1 ? symbols.constant(es.get(1), d + " fill") : 0;
                if (n < 0 || n > CodeBuffer.MAX_BYTES) throw new AsmError(es.get(0).col(), d + " size " + n + " out of range");
                cur().buf.fill((int) n, (int) fill);
                emitter.pendingLabels.clear();
                return;
            }
            case ".org": {
                List<Expr> es = exprs(args, col);
                if (es.isEmpty()) throw new AsmError(col, ".org expects an offset");
                Value v = symbols.tryEval(es.get(0));
                if (v == null || !(v.isAbsolute() || v.section() == cur())) throw new AsmError(es.get(0).col(), ".org needs a constant or an offset in the current section");
                long target = v.off();
                if (target < cur().size()) throw new AsmError(es.get(0).col(), ".org cannot move backwards (at " + cur().size() + ", asked " + target + ")");
                if (target - cur().size() > CodeBuffer.MAX_BYTES) throw new AsmError(es.get(0).col(), ".org offset " + target + " out of range");
                long fill = es.size() > 1 ? symbols.constant(es.get(1), ".org fill") : 0;
                cur().buf.fill((int) (target - cur().size()), (int) fill);
                return;
            }
            case ".set": setDirective(args, col); return;
            case ".equ": case ".equiv": {
                List<String> a = splitArgs(args);
                if (a.size() != 2) throw new AsmError(col, d + " expects SYMBOL, VALUE");
                symbols.assign(a.get(0).trim(), a.get(1).trim(), col + a.get(0).length() + 1 + leading(a.get(1)), d.equals(".equ"));
                return;
            }
            case ".type": {
                List<String> a = splitArgs(args);
                if (a.size() != 2) throw new AsmError(col, ".type expects SYMBOL, @function|@object");
                String t = a.get(1).trim().replaceFirst("^[@%#]", "");
                Symbol s = symbols.scope.get(a.get(0).trim());
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
                symbols.scope.get(a.get(0).trim()).size = symbols.constant(ExprParser.parse(a.get(1).trim(), c, asm), ".size");
                return;
            }
            case ".comm": case ".lcomm": {
                List<String> a = splitArgs(args);
                if (a.size() < 2) throw new AsmError(col, d + " expects SYMBOL, SIZE");
                long size = symbols.constant(ExprParser.parse(a.get(1).trim(), col, asm), d + " size");
                long al = a.size() > 2 ? symbols.constant(ExprParser.parse(a.get(2).trim(), col, asm), d + " alignment") : Math.min(8, Long.highestOneBit(Math.max(1, size)));
                // GNU as -G 8: objects of at most 8 bytes go to .sbss, reachable through $gp
                Section bss = emitter.section(size <= SmallData.G ? ".sbss" : ".bss");
                Symbol s = symbols.scope.get(a.get(0).trim());
                if (s.defined) throw new AsmError(col, "symbol '" + s.name + "' is already defined");
                s.defined = true;
                s.isLabel = true;
                s.section = bss;
                s.size = size;
                s.type = ElfConstants.STT_OBJECT;
                s.definedAt = asm.loc;
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

    /** Parses the comma-separated expressions of a directive; returns them with their columns. */
    private List<Expr> exprs(String text, int col) {
        List<Expr> out = new ArrayList<>();
        int off = 0;
        for (String piece : splitArgs(text)) {
            int c = col + off + leading(piece);
            if (piece.isBlank()) throw new AsmError(c, "missing expression");
            out.add(ExprParser.parse(piece.trim(), c, asm));
            off += piece.length() + 1;
        }
        return out;
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
        boolean known = emitter.sections.containsKey(name);
        Section s = emitter.section(name);
        if (!known && a.size() > 1) {
            String flags = a.get(1).trim().replace("\"", "");
            boolean nobits = a.size() > 2 && a.get(2).trim().replaceFirst("^[@%]", "").equals("nobits");
            Section n = new Section(name, asm.opts.bigEndian(), nobits || s.nobits, flags.contains("x"), flags.contains("w"));
            emitter.sections.put(name, n);
            s = n;
        }
        emitter.switchTo(s);
    }

    private void alignDirective(String args, int col, boolean power) {
        List<Expr> es = exprs(args, col);
        if (es.isEmpty()) throw new AsmError(col, "alignment expected");
        long n = symbols.constant(es.get(0), "alignment");
        long fill = es.size() > 1 ? symbols.constant(es.get(1), "fill") : 0;
        long bytes = power ? 1L << n : n;
        if (n < 0 || (power && n > 16) || bytes <= 0 || Long.bitCount(bytes) != 1 || bytes > (1 << 16)) {
            throw new AsmError(es.get(0).col(), "bad alignment " + n);
        }
        int pad = (int) ((-cur().size()) & (bytes - 1));
        cur().buf.fill(pad, (int) fill);
        if (bytes > cur().align) cur().align = (int) bytes;
        if (pad > 0) emitter.pendingLabels.clear();
    }

    private void floats(boolean dbl, String args, int col) {
        emitter.autoAlign(dbl ? 8 : 4);
        for (String p : splitArgs(args)) {
            String t = p.trim();
            try {
                double v = Double.parseDouble(t.replaceFirst("^0[fFdDeE]", ""));
                if (dbl) cur().buf.dword(Double.doubleToRawLongBits(v));
                else cur().buf.word(Float.floatToRawIntBits((float) v));
            } catch (NumberFormatException e) {
                throw new AsmError(col, "bad floating-point number '" + t + "'");
            }
        }
    }

    /** {@code .fill REPEAT[, SIZE[, VALUE]]}: as GNU as, sizes above 4 get the 4-byte value then zeros. */
    private void fill(String args, int col) {
        List<Expr> es = exprs(args, col);
        if (es.isEmpty() || es.size() > 3) throw new AsmError(col, ".fill expects REPEAT[, SIZE[, VALUE]]");
        long n = symbols.constant(es.get(0), ".fill repeat");
        long size = es.size() > 1 ? symbols.constant(es.get(1), ".fill size") : 1;
        long value = es.size() > 2 ? symbols.constant(es.get(2), ".fill value") : 0;
        if (n < 0 || size < 0 || n * Math.min(size, 8) > CodeBuffer.MAX_BYTES) throw new AsmError(col, ".fill size out of range");
        if (size > 8) size = 8;
        int w = (int) Math.min(size, 4);
        byte[] one = new byte[(int) size];
        for (int k = 0; k < w; k++) one[k] = (byte) (value >> (8 * (asm.opts.bigEndian() ? w - 1 - k : k)));
        for (long i = 0; i < n; i++) cur().buf.bytes(one);
        emitter.pendingLabels.clear();
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
            cur().buf.bytes(out.toByteArray());
            any = true;
        }
        if (!any) throw new AsmError(col, "expected a string in double quotes");
        emitter.pendingLabels.clear();
    }

    private void setDirective(String args, int col) {
        List<String> a = splitArgs(args);
        if (a.size() == 2) {
            symbols.assign(a.get(0).trim(), a.get(1).trim(), col + a.get(0).length() + 1 + leading(a.get(1)), true);
            return;
        }
        String opt = args.trim();
        if (emitter.setMode(opt, col)) return;  // reorder, noat, push, pop: how code is placed
        switch (opt) {
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
}
