package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Error messages: one line each, {@code file:line:col: message}, all errors of a run reported together. */
class AsmErrorTest {
    private static String only(String src) {
        List<String> e = AsmTestSupport.errors(src);
        assertEquals(1, e.size(), e.toString());
        return e.get(0);
    }

    @Test
    void unknownMnemonic() {
        assertEquals("t.s:2:3: unknown instruction 'frob'", only("\tnop\n  frob $t0, $t1\n"));
    }

    @Test
    void badRegister() {
        assertEquals("t.s:1:12: bad register '$t99'", only("\taddu $t0, $t99, $t1\n"));
        assertEquals("t.s:1:11: bad register '$32'", only("\taddu $t0,$32,$t1\n"));
    }

    @Test
    void wrongRegisterKind() {
        assertEquals("t.s:1:13: expected an FP register $fN as operand 2 of 'add.s'", only("\tadd.s $f0, $t1, $f2\n"));
    }

    @Test
    void immediateOutOfRange() {
        assertEquals("t.s:1:18: immediate 70000 out of range for 'addiu' (-32768..32767)", only("\taddiu $t0, $t1, 70000\n"));
        assertEquals("t.s:1:16: immediate 32 out of range for 'sll' (0..31)", only("\tsll $t0, $t1, 32\n"));
        assertEquals("t.s:1:17: immediate -1 out of range for 'andi' (0..65535)", only("\tandi $t0, $t1, -1\n"));
    }

    @Test
    void undefinedSymbolIsReportedOncePerStatement() {
        assertEquals("t.s:2:10: undefined symbol 'nowhere'", only("\t.set noreorder\n\tlw $t0, nowhere\n"));
        assertEquals("t.s:1:4: undefined symbol 'nowhere'", only("\tj nowhere\n"));
    }

    @Test
    void undefinedLocalLabel() {
        assertEquals("t.s:1:4: undefined local label 1 (no definition follows)", only("\tb 1f\n"));
        assertEquals("t.s:1:4: local label 2b has no earlier definition of 2:", only("\tb 2b\n"));
    }

    @Test
    void branchTargetOutOfRange() {
        String e = only("\t.set noreorder\n\tbeq $t0, $t1, far\n\tnop\n\t.space 0x40000\nfar:\tnop\n");
        assertTrue(e.startsWith("t.s:2:2: branch target out of range"), e);
    }

    @Test
    void jumpTargetChecks() {
        assertEquals("t.s:1:2: jump target 0x3 is not word-aligned", only("\tj 3\n"));
        assertTrue(only("\tj 0x90000000\n").contains("outside the 256 MB region"));
    }

    @Test
    void unknownDirective() {
        assertEquals("t.s:1:2: unknown directive '.bogus'", only("\t.bogus 1\n"));
        assertEquals("t.s:1:7: unknown .set option 'nonsense'", only("\t.set nonsense\n"));
    }

    @Test
    void operandCount() {
        assertEquals("t.s:1:2: 'addu' expects rd,rs,rt (3 operands), got 4", only("\taddu $t0, $t1, $t2, $t3\n"));
    }

    @Test
    void duplicateLabel() {
        assertEquals("t.s:2:1: symbol 'x' is already defined (at t.s:1:1)", only("x: nop\nx: nop\n"));
    }

    @Test
    void badExpression() {
        assertEquals("t.s:1:14: expected an expression", only("\t.word 1, 2 +\n"));
        assertEquals("t.s:1:12: expected ')'", only("\t.word (1+2\n"));
    }

    @Test
    void allErrorsInOnePass() {
        List<String> e = AsmTestSupport.errors("\tfrob\n\tnop\n\t.bogus\n\taddiu $t0,$t0,99999\n\tj nowhere\n");
        assertEquals(4, e.size(), e.toString());
        assertTrue(e.get(0).startsWith("t.s:1:2:"), e.get(0));
        assertTrue(e.get(1).startsWith("t.s:3:2:"), e.get(1));
        assertTrue(e.get(2).startsWith("t.s:4:"), e.get(2));
        assertTrue(e.get(3).startsWith("t.s:5:4:"), e.get(3));
        for (String line : e) assertTrue(line.matches("t\\.s:\\d+:\\d+: .+") && !line.contains("\n"), line);
    }

    @Test
    void macroMissingEndm() {
        assertTrue(only(".macro m\n\tnop\n").contains("missing .endm for macro 'm'"));
    }

    @Test
    void includeNotFound() {
        assertEquals("t.s:1:10: cannot read include file 'nope.inc': nope.inc: No such file or directory", only(".include \"nope.inc\"\n"));
    }

    @Test
    void conditionalAndRepeatBlocks() {
        assertEquals("t.s:2:1: .endif without .if", only("\tnop\n.endif\n"));
        assertEquals("t.s:1:1: .else without .if", only(".else\n"));
        assertEquals("t.s:1:5: .if must be a constant expression", only(".if nowhere\n.endif\n"));
        assertEquals("t.s:1:2: missing .endr for .rept", only("\t.rept 2\n\tnop\n"));
        assertEquals("t.s:2:1: .endr without .rept", only("\tnop\n.endr\n"));
        assertEquals("t.s:1:2: .exitm outside a macro", only("\t.exitm\n"));
        assertEquals("t.s:3:1: missing .endif", only(".if 1\n\tnop\n"));
        assertEquals("t.s:1:2: .error: stop", only("\t.error \".error: stop\"\n"));
    }
}
