package pebble.r5k.differential;

/**
 * Minimal MIPS instruction encoders for the generator. Deliberately independent of the emulator's own
 * {@code Op} table so that an encoding mistake there cannot hide in both sides of the comparison;
 * {@code SeqGenTest} checks these against GNU as.
 */
final class Enc {
    private Enc() {}

    /** SPECIAL (opcode 0) R-type. */
    static int r(int funct, int rs, int rt, int rd, int sa) {
        return (rs << 21) | (rt << 16) | (rd << 11) | (sa << 6) | funct;
    }

    /** I-type (also REGIMM with rt as the sub-opcode). */
    static int i(int opcode, int rs, int rt, int imm) {
        return (opcode << 26) | (rs << 21) | (rt << 16) | (imm & 0xFFFF);
    }

    /** LUI rt, upper. */
    static int lui(int rt, int upper) {
        return i(0x0F, 0, rt, upper);
    }

    /** ORI rt, rs, v. */
    static int ori(int rt, int rs, int v) {
        return i(0x0D, rs, rt, v);
    }

    /** SW rt, off(base). */
    static int sw(int rt, int off, int base) {
        return i(0x2B, base, rt, off);
    }

    /** BEQ $0,$0,offset: an unconditional PC-relative branch. */
    static int b(int offsetWords) {
        return i(0x04, 0, 0, offsetWords);
    }

    static final int NOP = 0;
    static final int BREAK = 0x0000000D;
}
