package pebble.r5k.portal.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.disasm.Disassembler;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Reg;

/**
 * Emit → disassemble → assemble (our assembler) gives the same words, for the templates and for installed
 * portals, so the generator and the assembler agree on every encoding through the one instruction table.
 */
class PortalRoundTripTest {
    private static final PortalValues VALUES = new PortalValues(0x80012340L, 0x80018000L, 5, 0x00400120L,
            0x12345678L, 17, 0, 0x8000fff0L, 0x80000400L, 0x80000440L);
    private static final long BASE = 0x80100000L;

    @Test void templatesRoundTrip() {
        for (String s : GeneratedCode.specs()) {
            var t = GeneratedCode.generate(s);
            check(s + " call", t.call().words(), 0);
            check(s + " return", t.ret().words(), 0);
        }
    }

    @Test void installedPortalsRoundTrip() {
        for (String s : GeneratedCode.specs()) {
            check(s, GeneratedCode.generate(s).install(VALUES, BASE), BASE);
        }
    }

    private static void check(String what, int[] words, long address) {
        StringBuilder src = new StringBuilder("\t.set noreorder\n\t.set noat\n");
        for (int i = 0; i < words.length; i++) {
            String text = toSource(Disassembler.PLAIN.disassemble(words[i], address + 4L * i));
            // "li" is objdump's spelling of both addiu and ori from $zero; the assembler reads it as addiu
            if (Decoder.decode(words[i]) == Op.ORI && text.startsWith("li\t")) {
                text = "ori\t$" + Reg.name(Fields.rt(words[i])) + ",$zero," + Fields.uimm(words[i]);
            }
            src.append('\t').append(text).append('\n');
        }
        AssembledProgram p;
        try {
            p = Assembler.assembleString(what, src.toString(), AsmOptions.defaults().withText(address));
        } catch (AssemblyException e) {
            throw new AssertionError(what + ": " + e.getMessage() + "\n" + src);
        }
        // the section is padded to its alignment after the last instruction
        assertArrayEquals(words, java.util.Arrays.copyOf(textWords(p), words.length), what + "\n" + src);
    }

    private static int[] textWords(AssembledProgram p) {
        byte[] d = p.section(".text").data();
        int[] w = new int[d.length / 4];
        for (int i = 0; i < w.length; i++) {
            int b = 4 * i;
            w[i] = (d[b] & 0xFF) << 24 | (d[b + 1] & 0xFF) << 16 | (d[b + 2] & 0xFF) << 8 | (d[b + 3] & 0xFF);
        }
        return w;
    }

    private static final Pattern BARE_REG = Pattern.compile("(?<![$\\w.])(zero|at|v[01]|a[0-3]|t[0-9]|s[0-8]|k[01]|gp|sp|fp|ra)(?![\\w])");

    /** objdump's operand text → GNU as source: register names get their '$'. */
    private static String toSource(String objdump) {
        int tab = objdump.indexOf('\t');
        if (tab < 0) return objdump;
        Matcher m = BARE_REG.matcher(objdump.substring(tab));
        return objdump.substring(0, tab) + m.replaceAll("\\$$1");
    }
}
