package pebble.r5k.disasm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pebble.r5k.isa.Op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected texts are objdump 2.40's for the same words (o32 mips4 object; see docs/disassembler.md). */
class DisassemblerTest {
    private static String d(int word) { return Disassembler.PLAIN.disassemble(word, 0); }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // aliases
        "00000000|nop", "00000040|ssnop", "000000c0|ehb", "00000140|sll\tzero,zero,0x5",
        "00a02025|move\ta0,a1", "00a0202d|move\ta0,a1", "00a02021|move\ta0,a1",
        "00052021|addu\ta0,zero,a1", "00052025|or\ta0,zero,a1",
        "00052023|negu\ta0,a1", "0005202f|dnegu\ta0,a1", "00052022|neg\ta0,a1", "0005202e|dneg\ta0,a1",
        "00a02027|nor\ta0,a1,zero",
        "2404fffb|li\ta0,-5", "34041234|li\ta0,0x1234", "24a4fffb|addiu\ta0,a1,-5",
        "0080f809|jalr\ta0", "00802809|jalr\ta1,a0", "00800009|jalr\tzero,a0", "03e00008|jr\tra",
        "0000000d|break", "0007000d|break\t0x7", "000700cd|break\t0x7,0x3",
        "0000000c|syscall", "0000014c|syscall\t0x5", "0000000f|sync", "0000040f|sync.p", "0000014f|.word\t0x14f",
        "00850034|teq\ta0,a1", "008501f4|teq\ta0,a1,0x7",
        "0085001a|div\tzero,a0,a1", "00850018|mult\ta0,a1",
        // operand styles
        "40046000|mfc0\ta0,$12", "40247000|dmfc0\ta0,$14", "40847800|mtc0\ta0,$15",
        "46220032|c.eq.d\t$f0,$f2", "46220132|c.eq.d\t$fcc1,$f0,$f2",
        "bc950000|cache\t0x15,0(a0)", "cca30004|pref\t0x3,4(a1)", "4ca40080|lwxc1\t$f2,a0(a1)",
        "4c462021|madd.d\t$f0,$f2,$f4,$f6", "00a82001|movf\ta0,a1,$fcc2", "46011051|movt.s\t$f1,$f2,$fcc0",
        "4444f800|cfc1\ta0,c1_fcsr", "44440000|cfc1\ta0,c1_fir", "44c4e800|ctc1\ta0,$29",
        "42000018|eret", "42000020|wait", "3c048000|lui\ta0,0x8000", "3084ffff|andi\ta0,a0,0xffff",
        "000520c3|sra\ta0,a1,0x3", "0488fffd|tgei\ta0,-3", "44841800|mtc1\ta0,$f3",
        "8fa4fff8|lw\ta0,-8(sp)", "28a48000|slti\ta0,a1,-32768", "dfbe0010|ld\ts8,16(sp)",
        // COP2 (no such unit on the R5000) and undecodable words
        "c8a30004|lwc2\t$3,4(a1)", "48040800|mfc2\ta0,$1", "4a123456|c2\t0x123456", "49040003|.word\t0x49040003",
        "70000000|.word\t0x70000000", "00000005|.word\t0x5", "00000861|.word\t0x861", "4c000005|.word\t0x4c000005",
    })
    void printsLikeObjdump(String hex, String text) {
        assertEquals(text, d((int) Long.parseLong(hex, 16)));
    }

    @Test
    void branchTargetsAreAbsoluteAndRelativeToTheDelaySlot() {
        assertEquals("b\t0x24", Disassembler.PLAIN.disassemble(0x10000007, 0x4));
        assertEquals("beqz\ta0,0x0", Disassembler.PLAIN.disassemble(0x1080fff5, 0x28));
        assertEquals("beq\tzero,a0,0x0", Disassembler.PLAIN.disassemble(0x1004fff4, 0x2c));
        assertEquals("bnez\ta0,0x0", Disassembler.PLAIN.disassemble(0x1480fff3, 0x30));
        assertEquals("beqzl\tzero,0x0", Disassembler.PLAIN.disassemble(0x5000ffc3, 0xf0));
        assertEquals("b\t0x0", Disassembler.PLAIN.disassemble(0x0401ffc5, 0xe8));
        assertEquals("bal\t0x0", Disassembler.PLAIN.disassemble(0x0411fff6, 0x24));
        assertEquals("bc1t\t0x0", Disassembler.PLAIN.disassemble(0x4501ffe7, 0x60));
        assertEquals("bc1t\t$fcc1,0x0", Disassembler.PLAIN.disassemble(0x4505ffe6, 0x64));
    }

    @Test
    void targetsWrapAt32BitsForElf32AndNotFor64() {
        // objdump on an o32 ELF at 0: "b fffe000c"; on a raw binary as mips:8000: 0xfffffffffffe0004.
        assertEquals("b\t0xfffe000c", Disassembler.PLAIN.disassemble(0x10008000, 0x8));
        assertEquals("b\t0xfffffffffffe0004", new Disassembler(SymbolLookup.NONE, 64).disassemble(0x10008000, 0));
        assertEquals("j\t0x8003fffc", Disassembler.PLAIN.disassemble(0x0800ffff, 0x80001004L));
        assertEquals("jal\t0xfffffffff0000000", new Disassembler(SymbolLookup.NONE, 64).disassemble(0x0c000000, 0xfffffffffffff008L));
        // The region is that of the delay slot: a j in the last word of a 256 MB region jumps into the next one.
        assertEquals("j\t0x90000000", Disassembler.PLAIN.disassemble(0x08000000, 0xffffffff8ffffffcL));
    }

    @Test
    void symbolsAnnotateTargetsLikeObjdump() {
        SymbolLookup syms = a -> a == 0x80001000L ? "<_ftext>" : a < 0x80001000L ? "<_ftext-0x" + Long.toHexString(0x80001000L - a) + ">" : null;
        Disassembler dis = new Disassembler(syms, 32);
        assertEquals("b\t7ffe100c <_ftext-0x1fff4>", dis.disassemble(0x10008000, 0x80001008L));
        assertEquals("jal\t80001000 <_ftext>", dis.disassemble(0x0c000400, 0x80001010L));
        assertEquals("bal\t0x80001100", dis.disassemble(0x0411003f, 0x80001000L)); // lookup said null
    }

    @Test
    void spellingPicksTheFirstMatchingAlias() {
        assertSame(Op.ALIAS_NOP, Spellings.of(0));
        assertSame(Op.ALIAS_B, Spellings.of(0x10000001));
        assertSame(Op.ALIAS_BEQZ, Spellings.of(0x10800001));
        assertSame(Op.BEQ, Spellings.of(0x10850001));
        assertSame(Op.RESERVED, Spellings.of(0x70000000));
        assertSame(Op.ALIAS_C_EQ_D0, Spellings.of(0x46220032));
        assertSame(Op.C_EQ_D, Spellings.of(0x46220132));
    }

    @Test
    void rejectsOddAddressWidths() {
        assertThrows(IllegalArgumentException.class, () -> new Disassembler(SymbolLookup.NONE, 16));
    }
}
