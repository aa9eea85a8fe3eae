package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Sources written to break the assembler: each must end, soon, with located one-line errors, never a Java
 * exception (a StackOverflowError, an OutOfMemoryError, a NumberFormatException) or an unbounded run.
 */
class AsmHostileInputTest {
    private static String only(String src) {
        List<String> e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> AsmTestSupport.errors(src));
        assertEquals(1, e.size(), e.toString());
        return e.get(0);
    }

    @Test
    void orgFarAheadIsRefusedNotAllocatedOrTruncated() {
        assertEquals("t.s:2:6: .org offset 2147483647 out of range", only(".text\n.org 0x7fffffff\nnop\n"));
        // 2^32 + 16 used to be cut to 32 bits and pad 16 bytes
        assertEquals("t.s:2:6: .org offset 4294967312 out of range", only(".text\n.org 0x100000010\nnop\n"));
    }

    @Test
    void deepExpressionsAreRefused() {
        assertTrue(only(".text\nli $t0, " + "-".repeat(100_000) + "1\n").contains("expression too deeply nested or too long"));
        assertTrue(only(".text\nli $t0, " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n").contains("expression too deeply nested"));
        assertTrue(only(".text\nli $t0, 1" + "+1".repeat(300_000) + "\n").contains("expression too deeply nested or too long"));
        // what real code writes still works: 200 levels of parentheses and a thousand terms
        AsmTestSupport.assemble(".text\nli $t0, " + "(".repeat(200) + "1" + ")".repeat(200) + "\n"
                + "li $t1, 0" + "+1".repeat(1000) + "\n");
    }

    @Test
    void longSymbolChainsAreRefused() {
        StringBuilder b = new StringBuilder(".text\n");
        for (int i = 0; i < 100_000; i++) b.append(".set s").append(i).append(", s").append(i + 1).append("+1\n");
        b.append(".set s100000, 0\nli $t0, s0\n");
        List<String> e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> AsmTestSupport.errors(b.toString()));
        assertTrue(!e.isEmpty() && e.get(0).contains("is defined through more than 1000 other symbols"), e.toString());
    }

    @Test
    void aHugeLocalLabelNumberIsALocatedError() {
        assertEquals("t.s:2:9: bad local label reference '99999999999f'", only(".text\nli $t0, 99999999999f\n"));
    }

    @Test
    void repeatsAreBounded() {
        assertTrue(only(".text\n.rept 0x7fffffff\n.set x, 1\n.endr\n").contains(".rept expands to more than 16777216 lines"));
    }

    @Test
    void manyErrorsStayLinear() {
        String src = "frob\n".repeat(300_000);
        List<String> e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> AsmTestSupport.errors(src));
        assertEquals(300_000, e.size());
    }
}
