package pebble.r5k.isa;

/**
 * Bit positions of the MIPS IV instruction fields: the only place they are written down.
 * Both the operand codecs ({@link Operand}) and the hand-written semantics read fields through here.
 * (MIPS IV Instruction Set, rev 3.2, §A "Instruction formats".)
 */
public final class Fields {
    private Fields() {}

    public static int opcode(int w) { return w >>> 26; }
    public static int rs(int w) { return (w >>> 21) & 31; }
    public static int rt(int w) { return (w >>> 16) & 31; }
    public static int rd(int w) { return (w >>> 11) & 31; }
    public static int sa(int w) { return (w >>> 6) & 31; }
    public static int funct(int w) { return w & 63; }
    /** Sign-extended 16-bit immediate. */
    public static int simm(int w) { return (short) w; }
    /** Zero-extended 16-bit immediate. */
    public static int uimm(int w) { return w & 0xFFFF; }
    public static int target26(int w) { return w & 0x03FFFFFF; }

    // COP1 register fields (fmt lives in rs, ft in rt, fs in rd, fd in sa).
    public static int fmt(int w) { return rs(w); }
    public static int ft(int w) { return rt(w); }
    public static int fs(int w) { return rd(w); }
    public static int fd(int w) { return sa(w); }
    /** COP1X fr (the addend of MADD etc.) sits in the rs position. */
    public static int fr(int w) { return rs(w); }
    /** Condition code of C.cond.fmt (bits 10:8). */
    public static int ccCompare(int w) { return (w >>> 8) & 7; }
    /** Condition code of BC1x / MOVF / MOVT (bits 20:18). */
    public static int ccBranch(int w) { return (w >>> 18) & 7; }
    /** True/false bit of BC1x / MOVF / MOVT (bit 16). */
    public static boolean tf(int w) { return (w & 0x10000) != 0; }
}
