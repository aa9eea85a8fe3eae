package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfSection;
import pebble.r5k.elf.ElfSymbol;
import pebble.r5k.elf.ElfWriter;
import pebble.r5k.emit.CodeBuffer;
import pebble.r5k.emit.EmitException;
import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Op;

/**
 * After the last source: lays the sections out as GNU ld's default script would, defines the linker
 * symbols, applies the {@link Fixup}s, and builds the {@link AssembledProgram} (and from it the ELF image).
 */
final class Linker {
    private final Assembler asm;
    private final SymbolTable symbols;
    private final Emitter emitter;

    Linker(Assembler asm) {
        this.asm = asm;
        this.symbols = asm.symbols;
        this.emitter = asm.emitter;
    }

    /** The linked program; throws {@link AssemblyException} if any error was reported while assembling or linking. */
    AssembledProgram link() throws AssemblyException {
        symbols.publishGlobals();
        // as GNU ld's default script: text, data, then the small data ($gp) area .sdata/.sbss, then .bss
        List<Section> order = new ArrayList<>();
        for (Section s : emitter.sections.values()) if (s.exec) order.add(s);
        for (Section s : emitter.sections.values()) if (!s.exec && !s.nobits && !SmallData.isSmall(s.name)) order.add(s);
        int firstSmall = order.size();
        for (int rank = 1; rank <= 4; rank++) {
            for (Section s : emitter.sections.values()) if (!s.exec && SmallData.rank(s.name) == rank) order.add(s);
        }
        for (Section s : emitter.sections.values()) if (!s.exec && s.nobits && !SmallData.isSmall(s.name)) order.add(s);
        long addr = asm.opts.textAddress();
        long gpBase = -1;
        boolean dataPlaced = asm.opts.dataAddress() < 0;
        for (int i = 0; i < order.size(); i++) {
            Section s = order.get(i);
            // -Tdata: where .data goes, or (no .data) the small-data area and .bss after it, as in GNU ld
            if (!dataPlaced && (s.name.equals(".data") && s.size() > 0 || i >= firstSmall)) {
                addr = asm.opts.dataAddress();
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
        if (asm.diags.hasErrors()) throw new AssemblyException(asm.diags);
        List<AssembledProgram.OutSection> outs = new ArrayList<>();
        for (Section s : order) {
            if (s.size() == 0) continue;
            outs.add(new AssembledProgram.OutSection(s.name, s.nobits, s.exec, s.write, s.addr,
                    s.nobits ? new byte[0] : s.buf.toByteArray(), s.size(), s.align));
        }
        return new AssembledProgram(asm.opts.bigEndian(), entry, outs, outSymbols(), asm.listing.render(), asm.diags.warnings());
    }

    /**
     * The symbols GNU ld's default script defines ({@code _ftext _etext _fdata _edata __bss_start _end _gp}...),
     * for start-up code that clears {@code .bss} or finds the end of the image; a program's own definition wins.
     */
    private void linkerSymbols(List<Section> order, long gp) {
        long ftext = -1, etext = -1, fdata = -1, edata = -1, fbss = -1, end = asm.opts.textAddress();
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
            Symbol g = symbols.globals.get(n[i]);
            if (g != null && g.defined) continue;
            Symbol s = new Symbol(n[i]);
            s.defined = true;
            s.global = true;
            s.value = v[i];
            symbols.globals.put(n[i], s);
        }
    }

    /** The entry point: {@code -e SYMBOL}, else {@code _start} or {@code __start}, else the start of .text. */
    private long entry() {
        String want = asm.opts.entrySymbol();
        List<String> names = want != null ? List.of(want) : List.of("_start", "__start");
        for (String n : names) {
            Symbol s = symbols.globals.get(n);
            if (s == null) {
                for (Scope sc : symbols.scopes) {
                    Symbol c = sc.symbols.get(n);
                    if (c != null && c.defined) {
                        s = c;
                        break;
                    }
                }
            }
            if (s != null && s.defined) {
                try {
                    return symbols.eval(new Expr.Sym(n, symbols.scopeOf(s), 1), true).off();
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        if (want != null) asm.diags.error("entry symbol '" + want + "' is not defined");
        return emitter.section(".text").addr;
    }

    private void applyFixups(Section s) {
        for (Fixup f : s.buf.fixups()) {
            SourceLoc where = (SourceLoc) f.origin();
            long v;
            try {
                v = symbols.eval((Expr) f.target(), true).off();
            } catch (SymbolTable.Undefined u) {
                String n = u.sym.name();
                int k = n.indexOf('\u0002');
                String shown = k >= 0 ? "local label " + n.substring(0, k) + " (no definition follows)" : "symbol '" + n + "'";
                asm.diags.error(where.at(u.sym.col()), "undefined " + shown);
                continue;
            } catch (AsmError e) {
                asm.diags.error(where.at(e.col > 0 ? e.col : where.col()), e.getMessage());
                continue;
            }
            long pc = s.addr + f.offset();
            String err = apply(s.buf, f, v, pc);
            if (err != null) asm.diags.error(where, err);
        }
    }

    /** Puts {@code v} into the buffer as {@code f} says (through {@link Fixup#applyTo}); returns an error message or null. */
    static String apply(CodeBuffer buf, Fixup f, long v, long pc) {
        try {
            if (!relaxBranch(buf, f, v, pc)) f.applyTo(buf, v, pc);
            return null;
        } catch (EmitException e) {
            return e.getMessage();
        }
    }

    /**
     * GNU as (non-PIC) turns a "b"/"bal" whose word-aligned target is out of branch range but in the jump's
     * 256 MB region into "j"/"jal". Returns whether it did.
     */
    private static boolean relaxBranch(CodeBuffer buf, Fixup f, long v, long pc) {
        if (f.reloc() != Reloc.PCREL16) return false;
        int w = buf.readWord(f.offset());
        boolean b = w >>> 16 == Op.ALIAS_B.match >>> 16, bal = w >>> 16 == Op.ALIAS_BAL.match >>> 16;
        if (!(b || bal) || ((v - pc) & 3) != 0 || Reloc.branchReaches(v, pc) || !Reloc.jumpReaches(v, pc)) return false;
        buf.patchWord(f.offset(), Reloc.ABS26.apply(b ? Op.J.match : Op.JAL.match, v, pc));
        return true;
    }

    private List<AssembledProgram.OutSymbol> outSymbols() {
        List<AssembledProgram.OutSymbol> out = new ArrayList<>();
        for (Scope sc : symbols.scopes) {
            for (Symbol s : sc.symbols.values()) {
                if (!s.defined || s.isGenerated()) continue;
                if (s.global && symbols.globals.get(s.name) != s) continue;
                long v;
                String sec;
                try {
                    Value val = symbols.eval(new Expr.Sym(s.name, sc, 1), false);
                    sec = val.section() == null ? null : val.section().name;
                    v = val.section() == null ? val.off() : val.section().addr + val.off();
                } catch (RuntimeException e) {
                    continue;
                }
                if (sec != null && emitter.section(sec).size() == 0) sec = null;
                int type = s.type;
                out.add(new AssembledProgram.OutSymbol(s.name, v & 0xFFFFFFFFL, s.size, type, s.global, sec));
            }
        }
        return out;
    }

    /** The program as an ELF32 MIPS executable (o32 flags) that GNU objdump and our loader read. */
    static byte[] toElf(AssembledProgram p) {
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
}
