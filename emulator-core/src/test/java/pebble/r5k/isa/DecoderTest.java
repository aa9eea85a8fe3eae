package pebble.r5k.isa;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DecoderTest {
    @Test
    void everyRealRowDecodesToItself() {
        for (Op op : Op.all()) {
            if (!op.isReal()) continue;
            assertSame(op, Decoder.decode(op.match), op.mnemonic);
        }
    }

    @Test
    void unassignedEncodingsAreReserved() {
        assertSame(Op.RESERVED, Decoder.decode(0x70000000)); // SPECIAL2: not on the R5000
        assertSame(Op.RESERVED, Decoder.decode(0x00000005)); // SPECIAL funct 5
        assertSame(Op.RESERVED, Decoder.decode(0x00000821 | (1 << 6))); // ADDU with non-zero sa
    }

    @Test
    void knownWords() {
        assertSame(Op.ADDU, Decoder.decode(0x00851021));   // addu v0,a0,a1
        assertSame(Op.LW, Decoder.decode(0x8FBF0010));     // lw ra,16(sp)
        assertSame(Op.JR, Decoder.decode(0x03E00008));     // jr ra
        assertSame(Op.BC1T, Decoder.decode(0x45010003));
        assertSame(Op.C_LT_D, Decoder.decode(0x462C103C));
        assertSame(Op.MADD_D, Decoder.decode(0x4C8520A1));
    }
}
