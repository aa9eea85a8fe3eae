package pebble.r5k.asm;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers shared by the assembler tests. */
final class AsmTestSupport {
    private AsmTestSupport() {}

    static final long TEXT = AsmOptions.DEFAULT_TEXT;

    /** Assembles {@code src} (big-endian, default layout) or fails the test with the diagnostics. */
    static AssembledProgram assemble(String src) {
        return assemble(src, AsmOptions.defaults());
    }

    static AssembledProgram assemble(String src, AsmOptions o) {
        try {
            return Assembler.assembleString("t.s", src, o);
        } catch (AssemblyException e) {
            throw new AssertionError("assembly failed:\n" + e.getMessage() + "\nsource:\n" + src);
        }
    }

    /** The error lines of a source that must not assemble. */
    static List<String> errors(String src) {
        try {
            Assembler.assembleString("t.s", src, AsmOptions.defaults());
        } catch (AssemblyException e) {
            return e.diagnostics().errors();
        }
        throw new AssertionError("expected errors from:\n" + src);
    }

    /** The .text words of a program. */
    static int[] words(AssembledProgram p) {
        AssembledProgram.OutSection t = p.section(".text");
        byte[] d = t.data();
        int[] w = new int[d.length / 4];
        for (int i = 0; i < w.length; i++) {
            int b = 4 * i;
            w[i] = p.bigEndian()
                    ? (d[b] & 0xFF) << 24 | (d[b + 1] & 0xFF) << 16 | (d[b + 2] & 0xFF) << 8 | (d[b + 3] & 0xFF)
                    : (d[b + 3] & 0xFF) << 24 | (d[b + 2] & 0xFF) << 16 | (d[b + 1] & 0xFF) << 8 | (d[b] & 0xFF);
        }
        return w;
    }

    private static final Pattern BARE_REG = Pattern.compile("(?<![$\\w.])(zero|at|v[01]|a[0-3]|t[0-9]|s[0-8]|k[01]|gp|sp|fp|ra)(?![\\w])");

    /** objdump operand text → GNU as source: o32 register names get their '$', FCR names become numbers. */
    static String toSource(String objdump) {
        String s = objdump.replace("c1_fcsr", "$31").replace("c1_fir", "$0");
        int tab = s.indexOf('\t');
        if (tab < 0) return s;
        Matcher m = BARE_REG.matcher(s.substring(tab));
        return s.substring(0, tab) + m.replaceAll("\\$$1");
    }
}
