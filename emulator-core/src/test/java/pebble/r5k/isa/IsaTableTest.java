package pebble.r5k.isa;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self-checks of the instruction table (architecture guide §3). Each lists every offending row at once. */
class IsaTableTest {
    private static void assertNone(List<String> failures, String what) {
        assertTrue(failures.isEmpty(), what + ":\n  " + String.join("\n  ", failures));
    }

    @Test
    void decoderBuildsSoNoRealRowsOverlap() {
        // Decoder's class initialisation throws on any two REAL rows that can match one word.
        assertDoesNotThrow(() -> Class.forName(Decoder.class.getName(), true, getClass().getClassLoader()));
    }

    @Test
    void everyRealRowDecodesToItselfWithAnyOperandValues() {
        List<String> bad = new ArrayList<>();
        for (Op op : Op.all()) {
            if (!op.isReal()) continue;
            int fields = op.format.fieldBits() & ~op.mask;
            for (int w : new int[] {op.match, op.match | fields, op.match | (fields & 0x55555555), op.match | (fields & 0xAAAAAAAA)}) {
                if (Decoder.decode(w) != op) bad.add(String.format("%s: %08x decodes to %s", op, w, Decoder.decode(w)));
            }
        }
        assertNone(bad, "rows that do not decode to themselves");
    }

    @Test
    void realRowMaskAndOperandFieldsCoverAll32BitsWithoutOverlap() {
        List<String> bad = new ArrayList<>();
        for (Op op : Op.all()) {
            if (!op.isReal()) continue;
            int fields = op.format.fieldBits();
            if ((op.mask | fields) != -1) bad.add(String.format("%s: bits %08x neither fixed nor an operand", op, ~(op.mask | fields)));
            if ((op.mask & fields) != 0) bad.add(String.format("%s: bits %08x both fixed and an operand", op, op.mask & fields));
            if ((op.match & ~op.mask) != 0) bad.add(String.format("%s: match has bits %08x outside the mask", op, op.match & ~op.mask));
        }
        assertNone(bad, "rows whose encoding is not fully described");
    }

    @Test
    void everyRowHasATimingClass() {
        List<String> bad = new ArrayList<>();
        for (Op op : Op.all()) {
            if (op.timing == null || (op.isReal() && op.timing == TimingClass.NONE)) bad.add(op.name());
        }
        assertNone(bad, "rows without a timing class");
    }

    @Test
    void everyAliasSpellsWordsOfExactlyOneRealRow() {
        List<String> bad = new ArrayList<>();
        for (Op alias : Op.all()) {
            if (alias.kind != OpKind.ALIAS) continue;
            if ((alias.match & ~alias.mask) != 0) bad.add(alias + ": match has bits outside the mask");
            Op real = Decoder.decode(alias.match);
            if (!real.isReal()) {
                bad.add(alias + ": decodes to " + real);
                continue;
            }
            // The alias may only fix more bits than its REAL row, and must agree on the ones the row fixes:
            // then every word the alias matches is a word of that row.
            if ((alias.mask & real.mask) != real.mask) bad.add(String.format("%s: leaves bits %08x free that %s fixes", alias, real.mask & ~alias.mask, real));
            if (((alias.match ^ real.match) & real.mask) != 0) bad.add(alias + ": fixed bits disagree with " + real);
        }
        assertNone(bad, "inconsistent aliases");
    }

    @Test
    void memoryFormatsKeepTheirPunctuation() {
        for (Op op : Op.all()) assertNotNull(op.format, op.name());
        assertSame(Operand.OFFSET16, Op.LW.format.operand(1));
        assertEquals("(", Op.LW.format.separatorBefore(2));
        assertEquals(")", Op.LW.format.trailer());
    }

    @Test
    void reservedIsNeverARealRow() {
        assertNotSame(OpKind.REAL, Op.RESERVED.kind);
        assertSame(Op.RESERVED, Decoder.decode(0x70000000));
    }
}
