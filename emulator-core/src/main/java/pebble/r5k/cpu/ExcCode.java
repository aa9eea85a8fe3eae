package pebble.r5k.cpu;

/** Cause.ExcCode values (MIPS III/IV; hardware reference §3.3). */
public final class ExcCode {
    private ExcCode() {}

    public static final int INT = 0, MOD = 1, TLBL = 2, TLBS = 3, ADEL = 4, ADES = 5, IBE = 6, DBE = 7,
            SYS = 8, BP = 9, RI = 10, CPU = 11, OV = 12, TR = 13, FPE = 15;

    private static final String[] NAMES = {
        "Int", "Mod", "TLBL", "TLBS", "AdEL", "AdES", "IBE", "DBE", "Sys", "Bp", "RI", "CpU", "Ov", "Tr",
        "14", "FPE", "16", "17", "18", "19", "20", "21", "22", "WATCH", "24", "25", "26", "27", "28", "29", "30", "31",
    };

    public static String name(int code) { return NAMES[code & 31]; }
}
