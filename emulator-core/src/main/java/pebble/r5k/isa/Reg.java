package pebble.r5k.isa;

/** GPR numbers and their o32 names (as GNU as and objdump spell them). */
public final class Reg {
    private Reg() {}

    public static final int ZERO = 0, AT = 1, V0 = 2, V1 = 3, A0 = 4, A1 = 5, A2 = 6, A3 = 7;
    public static final int T0 = 8, T1 = 9, T2 = 10, T3 = 11, T4 = 12, T5 = 13, T6 = 14, T7 = 15;
    public static final int S0 = 16, S1 = 17, S2 = 18, S3 = 19, S4 = 20, S5 = 21, S6 = 22, S7 = 23;
    public static final int T8 = 24, T9 = 25, K0 = 26, K1 = 27, GP = 28, SP = 29, FP = 30, RA = 31;

    private static final String[] NAMES = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
    };

    /**
     * The n32/n64 names (binutils' mips_gpr_names_newabi): the new ABIs pass eight arguments in registers,
     * so $8..$11 are a4..a7 and only $12..$15 are temporaries t0..t3; the rest are as in o32.
     */
    private static final String[] NEW_ABI_NAMES = {
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
    };

    /** The o32 name without '$' (objdump's spelling; register 30 prints as s8). */
    public static String name(int r) { return NAMES[r]; }

    /** The name objdump prints for an image of the given ABI: n32/n64 names when {@code newAbi}, else o32. */
    public static String name(int r, boolean newAbi) { return newAbi ? NEW_ABI_NAMES[r] : NAMES[r]; }

    /** Parses a register name without '$': a number 0..31 or an o32 name ("fp" and "s8" both mean 30). */
    public static int parse(String s) {
        if (s.isEmpty()) return -1;
        if (Character.isDigit(s.charAt(0))) {
            try {
                int n = Integer.parseInt(s);
                return n >= 0 && n < 32 ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (s.equals("fp")) return FP;
        for (int i = 0; i < 32; i++) if (NAMES[i].equals(s)) return i;
        return -1;
    }
}
