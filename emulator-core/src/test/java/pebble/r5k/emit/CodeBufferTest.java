package pebble.r5k.emit;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What {@link CodeBuffer#encode} accepts: one instruction word per call, never a macro. */
class CodeBufferTest {
    private static long[] zeros(Op op) {
        return new long[op.format.count()];
    }

    @Test
    void everyMacroRowIsRefused() {
        List<String> accepted = new ArrayList<>();
        int macros = 0;
        for (Op op : Op.all()) {
            if (op.kind != OpKind.MACRO) continue;
            macros++;
            try {
                int w = CodeBuffer.encode(op, zeros(op));
                accepted.add(op + String.format(" -> %08x", w));
            } catch (EmitException e) {
                assertTrue(e.getMessage().startsWith(op.name() + " ("), e.getMessage());
                assertTrue(e.getMessage().contains("use the assembler's macro expansion"), e.getMessage());
            }
        }
        assertTrue(macros > 30, "the table has its pseudo-instructions: " + macros);
        assertEquals(List.of(), accepted, "MACRO rows encoded as one word");
    }

    @Test
    void liMacroMessage() {
        EmitException e = assertThrows(EmitException.class, () -> CodeBuffer.encode(Op.M_LI, 8, 0x12345678));
        assertEquals("M_LI (li rt,imm32) is an assembler macro, not one instruction word: use the assembler's"
                + " macro expansion (asm.MacroExpander) or emit its REAL rows", e.getMessage());
        assertThrows(EmitException.class, () -> new CodeBuffer(true).emit(Op.M_LI, 8, 1));
        assertThrows(EmitException.class, () -> new CodeBuffer(true).emit(Op.M_LA, new long[] {8, 0}, 1, Reloc.LO16, "sym", null));
    }

    /** Each REAL row with all-zero operands is its match bits, and decodes back to itself. */
    @Test
    void everyRealRowEncodesItsMatchBits() {
        List<String> bad = new ArrayList<>();
        for (Op op : Op.all()) {
            if (!op.isReal()) continue;
            int w = CodeBuffer.encode(op, zeros(op));
            if (w != op.match) bad.add(String.format("%s: %08x, match %08x", op, w, op.match));
            else if (Decoder.decode(w) != op) bad.add(op + ": decodes to " + Decoder.decode(w));
        }
        assertEquals(List.of(), bad);
    }

    /**
     * An ALIAS row is a spelling of one REAL word (IsaTableTest): with the operand values its match holds, it
     * encodes to exactly its match, a word of a REAL row.
     */
    @Test
    void everyAliasRowEncodesOneRealWord() {
        List<String> bad = new ArrayList<>();
        for (Op op : Op.all()) {
            if (op.kind != OpKind.ALIAS) continue;
            long[] v = new long[op.format.count()];
            for (int i = 0; i < v.length; i++) v[i] = op.format.operand(i).extract(op.match);
            int w = CodeBuffer.encode(op, v);
            if (w != op.match || !Decoder.decode(w).isReal()) bad.add(String.format("%s: %08x", op, w));
        }
        assertEquals(List.of(), bad);
        assertEquals(0x01004025, CodeBuffer.encode(Op.ALIAS_MOVE_OR, 8, 8)); // move $t0,$t0 as or $t0,$t0,$zero
        assertEquals(0x0000040F, CodeBuffer.encode(Op.ALIAS_SYNC_WORD, 0x40F)); // a sync with stype 16
        EmitException e = assertThrows(EmitException.class, () -> CodeBuffer.encode(Op.ALIAS_SYNC_WORD, 0));
        assertEquals(".word: 0x00000000 is not a word of ALIAS_SYNC_WORD (match 0000000f, mask fffff83f)", e.getMessage());
    }

    /** A section stops at MAX_BYTES with an EmitException, before any allocation (no int overflow past 2 GB). */
    @Test
    void aSectionPastTheLimitIsRefusedBeforeItIsAllocated() {
        CodeBuffer b = new CodeBuffer(true);
        b.fill(16, 0);
        EmitException e = assertThrows(EmitException.class, () -> b.fill(CodeBuffer.MAX_BYTES - 15, 0));
        assertEquals("section larger than 256 MB", e.getMessage());
        assertThrows(EmitException.class, () -> b.fill(Integer.MAX_VALUE, 0));
        assertThrows(EmitException.class, () -> b.fill(-1, 0));
        assertEquals(16, b.fill(4, 0), "the buffer is still usable");
    }
}
