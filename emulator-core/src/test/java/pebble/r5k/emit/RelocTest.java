package pebble.r5k.emit;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Operand;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The relocations at their edges. Expected words are worked out by hand from the field layouts (MIPS IV
 * manual: LUI/ADDIU immediate bits 15..0, branch offset bits 15..0 counted in words from the delay slot,
 * J target bits 25..0 = address bits 27..2 in the delay slot's 256 MB region).
 */
class RelocTest {
    private static final int LUI_T0 = CodeBuffer.encode(Op.LUI, 8, 0);          // 3c080000
    private static final int ADDIU_T0 = CodeBuffer.encode(Op.ADDIU, 8, 8, 0);   // 25080000
    private static final int BEQ = CodeBuffer.encode(Op.BEQ, 8, 9, 0);          // 11090000
    private static final int J = Op.J.match;

    @Test
    void hiCarriesWhenTheLowHalfIsNegative() {
        assertEquals(0x3c081234, Reloc.HI16.apply(LUI_T0, 0x12347fffL, 0));
        assertEquals(0x3c081235, Reloc.HI16.apply(LUI_T0, 0x12348000L, 0)); // lo = -0x8000: 0x12350000 - 0x8000
        assertEquals(0x25088000, Reloc.LO16.apply(ADDIU_T0, 0x12348000L, 0));
        assertEquals(0x3c088000, Reloc.HI16.apply(LUI_T0, 0x7fff8000L, 0));
        assertEquals(0x3c080000, Reloc.HI16.apply(LUI_T0, 0xffff8000L, 0)); // wraps: lui 0; addiu -0x8000
        assertEquals(0x3c088000, Reloc.HI16.apply(LUI_T0, 0x80000000L, 0)); // KSEG0 base, no carry
        // lui %hi + addiu %lo (sign-extended) rebuilds the value, for values around every carry edge
        for (long v : new long[] {0, 0x7fff, 0x8000, 0xffff, 0x10000, 0x80007fffL, 0x80008000L, 0xbfc0ffffL, 0xffffffffL}) {
            long rebuilt = (Reloc.hi16(v) << 16) + (short) Reloc.lo16(v);
            assertEquals(v, rebuilt & 0xffffffffL, Long.toHexString(v));
        }
    }

    @Test
    void hiAndLoKeepTheRestOfTheWord() {
        assertEquals(0x3c08abcd, Reloc.HI16.apply(0x3c08ffff, 0xabcd0000L, 0)); // the old immediate is replaced
        assertEquals(0x8d090010, Reloc.LO16.apply(0x8d09ffff, 0x80000010L, 0)); // lw $t1, %lo(x)($t0)
    }

    @Test
    void branchOffsetsCountWordsFromTheDelaySlot() {
        long pc = 0x80001000L;
        assertEquals(0x11090000, Reloc.PCREL16.apply(BEQ, pc + 4, pc));
        assertEquals(0x1109ffff, Reloc.PCREL16.apply(BEQ, pc, pc));            // a branch to itself: -1
        assertEquals(0x1109fffd, Reloc.PCREL16.apply(BEQ, pc - 8, pc));        // backwards loop: -3 words
        assertEquals(0x11097fff, Reloc.PCREL16.apply(BEQ, pc + 4 + 4 * 32767L, pc));
        assertEquals(0x11098000, Reloc.PCREL16.apply(BEQ, pc + 4 - 4 * 32768L, pc));
    }

    @Test
    void branchOutOfRangeOrMisaligned() {
        long pc = 0x80001000L;
        EmitException far = assertThrows(EmitException.class, () -> Reloc.PCREL16.apply(BEQ, pc + 4 + 4 * 32768L, pc));
        assertEquals("branch target out of range (32768 words away; a branch reaches -32768..32767)", far.getMessage());
        EmitException back = assertThrows(EmitException.class, () -> Reloc.PCREL16.apply(BEQ, pc + 4 - 4 * 32769L, pc));
        assertEquals("branch target out of range (-32769 words away; a branch reaches -32768..32767)", back.getMessage());
        EmitException odd = assertThrows(EmitException.class, () -> Reloc.PCREL16.apply(BEQ, pc + 6, pc));
        assertEquals("branch target 0x80001006 is not word-aligned", odd.getMessage());
        assertTrue(Reloc.branchReaches(pc + 4 + 4 * 32767L, pc));
        assertFalse(Reloc.branchReaches(pc + 4 + 4 * 32768L, pc));
    }

    @Test
    void jumpsStayInTheDelaySlotsRegion() {
        assertEquals(0x08000400, Reloc.ABS26.apply(J, 0x80001000L, 0x80000000L));
        assertEquals(0x0bffffff, Reloc.ABS26.apply(J, 0x8ffffffcL, 0x80000000L));
        // a jump in the last word of a region has its delay slot, hence its region, in the next one
        assertEquals(0x08000000, Reloc.ABS26.apply(J, 0x90000000L, 0x8ffffffcL));
        EmitException across = assertThrows(EmitException.class, () -> Reloc.ABS26.apply(J, 0x90000000L, 0x8ffffff8L));
        assertEquals("jump target 0x90000000 is outside the 256 MB region of the jump (0x80000000..0x8fffffff,"
                + " that of its delay slot at 0x8ffffffc)", across.getMessage());
        EmitException back = assertThrows(EmitException.class, () -> Reloc.ABS26.apply(J, 0x8ffffffcL, 0x8ffffffcL));
        assertTrue(back.getMessage().startsWith("jump target 0x8ffffffc is outside the 256 MB region of the jump (0x90000000..0x9fffffff"), back.getMessage());
        EmitException odd = assertThrows(EmitException.class, () -> Reloc.ABS26.apply(J, 0x80001002L, 0x80000000L));
        assertEquals("jump target 0x80001002 is not word-aligned", odd.getMessage());
    }

    @Test
    void fieldGoesThroughTheCodec() {
        assertEquals(0x2508ffff, Reloc.field(ADDIU_T0, Operand.SIMM16, -1));
        EmitException e = assertThrows(EmitException.class, () -> Reloc.field(ADDIU_T0, Operand.SIMM16, 0x8000));
        assertEquals("value 32768 out of range -32768..32767 for simm16", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Reloc.FIELD.apply(ADDIU_T0, 1, 0));
    }

    /** Fixup.applyTo: data relocations write bytes in the buffer's order; instruction ones patch the word. */
    @Test
    void fixupsPatchTheBuffer() {
        CodeBuffer le = new CodeBuffer(false);
        int at = le.emit(Op.LUI, new long[] {8, 0}, 1, Reloc.HI16, "x", null);
        le.fixups().get(0).applyTo(le, 0x12348000L, 0x80000000L);
        assertEquals(0x3c081235, le.readWord(at));
        assertArrayEquals(new byte[] {0x35, 0x12, 0x08, 0x3c}, le.toByteArray());
        CodeBuffer be = new CodeBuffer(true);
        be.word(0);
        new Fixup(0, Reloc.DATA16, null, "x", null).applyTo(be, 0xbeefL, 0);
        assertArrayEquals(new byte[] {(byte) 0xbe, (byte) 0xef, 0, 0}, be.toByteArray());
    }
}
