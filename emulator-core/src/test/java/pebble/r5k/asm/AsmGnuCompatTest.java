package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GNU as / ld conventions beyond single instructions: macro name case, string pasting, ld's symbols, -I. */
class AsmGnuCompatTest {
    @TempDir
    Path dir;

    /**
     * Macros whose address needs $at, and expression and data corner cases, word for word as GNU as 2.40 gives them
     * (`mips-linux-gnu-as -march=r5000 -mabi=32`, objdump -d): found by a random differential run. ush/ulh with the
     * address in $at used to overwrite it before the second byte; ld/sd with an offset that fits when offset + 4
     * does not were refused; >> was arithmetic (GNU shifts the 64-bit value as unsigned); an out-of-range .byte
     * was an error (GNU warns and keeps the low byte).
     */
    @Test
    void addressMacrosAndExpressionsAsGnuAs() {
        AssembledProgram p = AsmTestSupport.assemble("\t.set noreorder\n"
                + "\tush $t4, 0x12344($ra)\n\tulh $t4, 0x12344($ra)\n"
                + "\tld $t2, 32766($t4)\n\tld $t2, 0x17ffe($t4)\n\tsd $t2, 32766($t4)\n"
                + "\t.data\n\t.word -16>>36, -1>>63, 1<<64\n\t.byte 300\n");
        int[] gnu = {
            0x3c010001, 0x34212344, 0x003f0821, 0xa02c0001, 0x000c6202, 0xa02c0000, 0x90210001, 0x000c6200, 0x01816025,
            0x3c010001, 0x34212344, 0x003f0821, 0x802c0000, 0x90210001, 0x000c6200, 0x01816025,
            0x25817ffe, 0x8c2a0000, 0x8c2b0004,
            0x3c010001, 0x34217ffe, 0x01810821, 0x8c2a0000, 0x8c2b0004,
            0x25817ffe, 0xac2a0000, 0xac2b0004};
        assertArrayEquals(gnu, java.util.Arrays.copyOf(AsmTestSupport.words(p), gnu.length));
        byte[] d = p.section(".data").data();
        assertArrayEquals(new byte[] {0x0f, -1, -1, -1, 0, 0, 0, 1, 0, 0, 0, 0, 0x2c}, java.util.Arrays.copyOf(d, 13));
    }

    /** Only the signed divides by the register $zero become a lone break; GNU as keeps divu/remu/ddivu/dremu whole. */
    @Test
    void unsignedDivideByZeroRegisterKeepsItsSequence() {
        AssembledProgram p = AsmTestSupport.assemble("\t.set noreorder\n\tdivu $t0, $t1, $zero\n\tremu $t0, $t1, $zero\n"
                + "\tdiv $t0, $t1, $zero\n\tddivu $t0, $t1, $zero\n\tdremu $t0,$t1,$zero\n\t.set reorder\n\tdivu $t0, $t1, $zero\n");
        int[] gnu = { // mips-linux-gnu-as 2.40 -march=r5000 -mabi=32, objdump -d
            0x14000002, 0x0120001b, 0x0007000d, 0x00004012,
            0x14000002, 0x0120001b, 0x0007000d, 0x00004010,
            0x0007000d,
            0x14000002, 0x0120001f, 0x0007000d, 0x00004012,
            0x14000002, 0x0120001f, 0x0007000d, 0x00004010,
            0x00000000, 0x14000002, 0x0120001b, 0x0007000d, 0x00004012};
        assertArrayEquals(gnu, java.util.Arrays.copyOf(AsmTestSupport.words(p), gnu.length));
    }

    @Test
    void macroNamesAreCaseInsensitive() {
        AssembledProgram p = AsmTestSupport.assemble("\t.set noreorder\n\t.macro Inc r\n\taddiu \\r, \\r, 1\n\t.endm\n\tINC $t0\n\tinc $t1\n");
        int[] w = AsmTestSupport.words(p);
        assertEquals(0x25080001, w[0]);
        assertEquals(0x25290001, w[1]);
    }

    @Test
    void adjacentStringsAreOneString() {
        AssembledProgram p = AsmTestSupport.assemble("\t.data\n\t.asciz \"ab\" \"cd\", \"e\"\n");
        byte[] d = p.section(".data").data();
        assertEquals("ab" + "cd\0e\0", new String(d, 0, 7, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void linkerDefinedSymbolsAsGnuLdDefinesThem() {
        AssembledProgram p = AsmTestSupport.assemble("\t.set noreorder\n\tla $t0, __bss_start\n\tla $t1, _end\n\tla $t2, _etext\n"
                + "\tla $t3, _edata\n\t.data\n\t.word 1\n\t.bss\n\t.space 32\n");
        long text = p.section(".text").addr(), data = p.section(".data").addr(), bss = p.section(".bss").addr();
        int[] w = AsmTestSupport.words(p);
        assertEquals(bss, address(w, 0));
        assertEquals(bss + 32, address(w, 2));
        assertEquals(text + p.section(".text").size(), address(w, 4));
        assertEquals(data + p.section(".data").size(), address(w, 6));
    }

    /** The address a lui/addiu pair at word {@code i} builds. */
    private static long address(int[] w, int i) {
        return ((long) (w[i] & 0xFFFF) << 16) + (short) w[i + 1] & 0xFFFFFFFFL;
    }

    @Test
    void programDefinitionOfALinkerSymbolWins() {
        AssembledProgram p = AsmTestSupport.assemble("\t.set noreorder\n\tli $t0, _end\n\t.globl _end\n\t.equ _end, 0x1234\n");
        assertEquals(0x24081234, AsmTestSupport.words(p)[0]);
    }

    @Test
    void includeSearchesMinusIDirectories() throws Exception {
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Files.writeString(inc.resolve("defs.inc"), "\t.equ VALUE, 7\n");
        Path src = dir.resolve("sub/m.s");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "\t.include \"defs.inc\"\n\t.set noreorder\n\tli $t0, VALUE\n");
        AssembledProgram p = Assembler.assemble(List.of(src), AsmOptions.defaults().withIncludeDir(inc));
        assertEquals(0x24080007, AsmTestSupport.words(p)[0]);
    }

    @Test
    void smallDataGoesThroughGpAndRuns() throws Exception {
        String src = "\t.set noreorder\n\t.globl _start\n_start:\tla $gp, _gp\n\tlw $t1, val\n\tsw $t1, copy\n\tlw $t2, copy\n"
                + "\tlui $t0, 0xbfff\n\tsw $t2, 0($t0)\n1:\tb 1b\n\tnop\n\t.lcomm copy, 4\n\t.sdata\nval:\t.word 7\n";
        AssembledProgram p = AsmTestSupport.assemble(src);
        int[] w = AsmTestSupport.words(p);
        assertEquals(0x8f890000, w[2] & 0xFFFF0000, "lw $t1, %gp_rel(val)($gp)");
        long gp = p.section(".sdata").addr() + 0x7FF0;
        assertEquals(p.section(".sdata").addr() - gp, (short) w[2]);
        assertEquals(p.section(".sbss").addr() - gp, (short) w[3]);
        Path f = dir.resolve("gp.s");
        Files.writeString(f, src);
        assertEquals(7, pebble.r5k.cli.CliRun.pebble("run", f.toString()).exit());
    }
}
