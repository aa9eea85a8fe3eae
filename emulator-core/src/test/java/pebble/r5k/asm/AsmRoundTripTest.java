package pebble.r5k.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import pebble.r5k.disasm.Disassembler;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;
import pebble.r5k.isa.Operand;

/**
 * Every REAL and ALIAS row of the table: sample operands encoded → decoded → printed by the
 * disassembler → assembled by us → the same word. All rows go through one source so the test is fast.
 */
class AsmRoundTripTest {
    /** Sample field values, varied per operand position so swapped fields are caught. */
    static int sampleWord(Op op, int variant) {
        int w = op.match;
        for (int i = 0; i < op.format.count(); i++) {
            Operand o = op.format.operand(i);
            if ((o.fieldMask & op.mask) != 0) continue;  // fixed by the row
            long v;
            switch (o.type) {
                case GPR: case FPR: case CP0_REG: case FCR: v = (5 + 7 * i + 3 * variant) & 31; break;
                case FCC: v = (1 + i + variant) & 7; break;
                case SHAMT: v = (3 + 9 * variant) & 31; break;
                case SIMM: v = variant == 0 ? -12 : 0x1234; break;
                case UIMM: v = variant == 0 ? 0xbeef : 7; break;
                case BRANCH: v = variant == 0 ? 5 : -3; break;
                case JUMP: v = 0x40100 + variant; break;
                default: v = (1 + i + variant) & (int) ((1L << Math.min(o.width, 5)) - 1); if (v == 0) v = 1;
            }
            w = o.insert(w, v & ((1L << o.width) - 1));
        }
        return w;
    }

    /** Spellings shared by several encodings: {@code move} (addu/or/daddu), {@code b} (beq/bgez), {@code li} (addiu/ori). */
    static final java.util.Set<Op> AMBIGUOUS = java.util.EnumSet.of(Op.ALIAS_MOVE, Op.ALIAS_MOVE_DADDU, Op.ALIAS_B_BGEZ, Op.ALIAS_LI_ORI);

    /** Numbers in decimal ("li t0,0x7" and "li t0,7" mean the same). */
    static String decimal(String text) {
        return java.util.regex.Pattern.compile("0x([0-9a-f]+)").matcher(text).replaceAll(r -> Long.toString(Long.parseLong(r.group(1), 16)));
    }

    /** Rows the assembler deliberately does not read back from objdump's text (with the reason). */
    static boolean skipped(Op op) {
        return op.mnemonic.equals(".word")          // raw words objdump prints for encodings it rejects
                || op == Op.COP2 || op == Op.ALIAS_C2   // R5000 has no COP2: no assembler syntax for a raw body
                || op == Op.RESERVED
                || op == Op.LD || op == Op.SD;          // -mabi=32: GNU as (and we) expand these into two lw/sw
    }

    @Test
    void everyRealAndAliasRowRoundTrips() {
        List<Integer> expected = new ArrayList<>();
        List<Op> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder src = new StringBuilder("\t.set noreorder\n\t.set noat\n");
        for (Op op : Op.all()) {
            if (op.kind == OpKind.MACRO || skipped(op)) continue;
            for (int variant = 0; variant < 2; variant++) {
                int word = sampleWord(op, variant);
                if (Decoder.decode(word) == Op.RESERVED) continue;
                long pc = AsmTestSupport.TEXT + 4L * expected.size();
                String text = AsmTestSupport.toSource(Disassembler.PLAIN.disassemble(word, pc));
                if (text.startsWith(".word")) continue;
                expected.add(word);
                rows.add(op);
                texts.add(op + ": " + text);
                src.append('\t').append(text).append('\n');
            }
        }
        int[] got = AsmTestSupport.words(AsmTestSupport.assemble(src.toString()));
        assertEquals(expected.size(), got.length, "one word per line");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < got.length; i++) {
            if (got[i] != expected.get(i) && AMBIGUOUS.contains(rows.get(i))) {
                // several encodings print this way; GNU as (and we) pick one: it must print the same
                long pc = AsmTestSupport.TEXT + 4L * i;
                if (decimal(Disassembler.PLAIN.disassemble(got[i], pc)).equals(decimal(Disassembler.PLAIN.disassemble(expected.get(i), pc)))) continue;
            }
            if (got[i] != expected.get(i)) bad.add(String.format("%s -> %08x, want %08x", texts.get(i), got[i], expected.get(i)));
        }
        assertEquals(List.of(), bad);
        // a sanity floor: the table has well over 200 rows
        org.junit.jupiter.api.Assertions.assertTrue(expected.size() > 400, "rows tested: " + expected.size());
    }
}
