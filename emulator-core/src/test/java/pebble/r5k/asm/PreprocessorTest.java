package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C preprocessor pass of {@code .S} sources: expansion, conditionals, includes, diagnostics. */
class PreprocessorTest {
    @TempDir
    Path dir;

    private static String text(List<Preprocessor.PLine> lines) {
        StringBuilder sb = new StringBuilder();
        for (Preprocessor.PLine l : lines) if (!l.text().isBlank()) sb.append(l.line()).append(": ").append(l.text().strip()).append('\n');
        return sb.toString();
    }

    private static String cpp(String src, AsmOptions o) {
        Diagnostics d = new Diagnostics();
        String out = text(Preprocessor.run("t.S", null, src, o, d));
        assertEquals(List.of(), d.errors());
        return out;
    }

    private static List<String> cppErrors(String src) {
        Diagnostics d = new Diagnostics();
        Preprocessor.run("t.S", null, src, AsmOptions.defaults(), d);
        return d.errors();
    }

    @Test
    void objectAndFunctionLikeMacros() {
        String src = "#define N 4\n#define ADD(r, v) addiu r, r, v\n#define CAT(a, b) a ## b\n#define S(x) #x\n"
                + "\tADD($t0, N * 2)\n\tCAT(ad, du) $t0, $t1\n\t.asciz S(a \"b\")\n\tADD\n";
        assertEquals("5: addiu $t0, $t0, 4 * 2\n6: addu $t0, $t1\n7: .asciz \"a \\\"b\\\"\"\n8: ADD\n", cpp(src, AsmOptions.defaults()));
    }

    @Test
    void localLabelsRegistersAndStringsAreNotExpanded() {
        String src = "#define f 9\n#define t0 bad\n#define b 7\n1:\tb 1f\n\tmove $t0, $t1\n\t.ascii \"f b\"\n";
        assertEquals("4: 1:\t7 1f\n5: move $t0, $t1\n6: .ascii \"f b\"\n", cpp(src, AsmOptions.defaults()));
    }

    @Test
    void conditionalsWithDefinedAndExpressions() {
        String src = "#define A 3\n#if A > 2 && defined(A) && !defined B\nyes1\n#else\nno1\n#endif\n"
                + "#ifdef B\nno2\n#elif (A << 1) == 6 ? 1 : 0\nyes2\n#else\nno3\n#endif\n"
                + "#ifndef A\n#if 1\nno4\n#endif\n#else\nyes3\n#endif\n#if 0x10 % 3 == 1 && 'a' == 97 && -1 < 0\nyes4\n#endif\n";
        assertEquals("3: yes1\n10: yes2\n19: yes3\n22: yes4\n", cpp(src, AsmOptions.defaults()));
    }

    @Test
    void commandLineDefinesAndPredefinedNames() {
        AsmOptions o = AsmOptions.defaults().withDefine("DEBUG").withDefine("LEVEL=5").withBigEndian(false);
        String src = "#if DEBUG && LEVEL == 5 && __MIPSEL__ && !defined(__MIPSEB__) && __ASSEMBLER__\nok\n#endif\n";
        assertEquals("2: ok\n", cpp(src, o));
    }

    @Test
    void commentsBecomeBlanksKeepingColumns() {
        Diagnostics d = new Diagnostics();
        List<Preprocessor.PLine> l = Preprocessor.run("t.S", null, "\tnop /* a */ # x\n/* multi\nline */\tnop // c\n", AsmOptions.defaults(), d);
        assertEquals("\tnop         # x", l.get(0).text());
        assertEquals("       \tnop     ", l.get(2).text());
        assertEquals(3, l.get(2).line());
    }

    @Test
    void continuationLinesAndNonDirectiveHashLines() {
        String src = "#define LONG 1 + \\\n  2\n# a comment for the assembler\n# 12 \"x.c\"\n\t.word LONG\n";
        assertEquals("5: .word 1 +   2\n", cpp(src, AsmOptions.defaults()));
    }

    @Test
    void includeSearchesTheIncludingDirectoryThenMinusI() throws Exception {
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Files.writeString(inc.resolve("a.h"), "#define FROM_I 1\n");
        Files.writeString(dir.resolve("b.h"), "#define HERE 2\n\tbogus\n");
        Path main = dir.resolve("m.S");
        Files.writeString(main, "#include <a.h>\n#include \"b.h\"\n\t.word FROM_I + HERE\n");
        AsmOptions o = AsmOptions.defaults().withIncludeDir(inc);
        Diagnostics d = new Diagnostics();
        List<Preprocessor.PLine> l = Preprocessor.run(main.toString(), main, Files.readString(main), o, d).stream()
                .filter(x -> !x.text().isBlank()).toList();
        assertEquals(List.of(), d.errors());
        assertEquals(dir.resolve("b.h").toString(), l.get(0).file());
        assertEquals(2, l.get(0).line());
        assertEquals("\t.word 1 + 2", l.get(1).text());
        // and through the assembler: the error names the header's own line
        try {
            Assembler.assemble(List.of(main), o);
            throw new AssertionError("expected an error");
        } catch (AssemblyException e) {
            assertEquals(List.of(dir.resolve("b.h") + ":2:2: unknown instruction 'bogus'"), e.diagnostics().errors());
        }
    }

    @Test
    void errors() {
        assertEquals(List.of("t.S:1:1: #include file 'nope.h' not found"), cppErrors("#include \"nope.h\"\n"));
        assertEquals(List.of("t.S:2:1: #error no way"), cppErrors("\tnop\n#error no way\n"));
        assertEquals(List.of("t.S:1:1: bad #if expression '1 +': missing operand"), cppErrors("#if 1 +\n#endif\n"));
        assertEquals(List.of("t.S:1:1: unterminated #if"), cppErrors("#ifdef X\n"));
        assertEquals(List.of("t.S:1:1: #endif without #if"), cppErrors("#endif\n"));
        assertEquals(List.of("t.S:2:1: macro 'F' takes 2 arguments, got 1"), cppErrors("#define F(a,b) a\n\tF(1)\n"));
    }

    @Test
    void assemblerSeesPreprocessedTextWithOriginalPositions() throws Exception {
        Path s = dir.resolve("p.S");
        Files.writeString(s, "#define REG $t0\n\t.set noreorder\n\taddiu REG, REG, 1\n\tfrob\n");
        try {
            Assembler.assemble(List.of(s), AsmOptions.defaults());
            throw new AssertionError("expected an error");
        } catch (AssemblyException e) {
            assertEquals(List.of(s + ":4:2: unknown instruction 'frob'"), e.diagnostics().errors());
        }
        Files.writeString(s, "#define REG $t0\n\t.set noreorder\n\taddiu REG, REG, 1\n");
        AssembledProgram p = Assembler.assemble(List.of(s), AsmOptions.defaults());
        assertEquals(0x25080001, AsmTestSupport.words(p)[0]);
    }
}
