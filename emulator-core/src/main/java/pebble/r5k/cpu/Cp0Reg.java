package pebble.r5k.cpu;

/**
 * CP0 register numbers and bit masks of the R5000 (hardware reference §3.2, from NetBSD cpuregs.h and
 * Linux mipsregs.h). The one place these numbers are written in Java.
 */
public final class Cp0Reg {
    private Cp0Reg() {}

    public static final int INDEX = 0, RANDOM = 1, ENTRYLO0 = 2, ENTRYLO1 = 3, CONTEXT = 4, PAGEMASK = 5,
            WIRED = 6, BADVADDR = 8, COUNT = 9, ENTRYHI = 10, COMPARE = 11, STATUS = 12, CAUSE = 13, EPC = 14,
            PRID = 15, CONFIG = 16, LLADDR = 17, WATCHLO = 18, WATCHHI = 19, XCONTEXT = 20, ECC = 26,
            CACHEERR = 27, TAGLO = 28, TAGHI = 29, ERROREPC = 30;

    // Status (§3.2)
    public static final int SR_IE = 1, SR_EXL = 1 << 1, SR_ERL = 1 << 2, SR_KSU_MASK = 3 << 3, SR_KSU_SHIFT = 3,
            SR_UX = 1 << 5, SR_SX = 1 << 6, SR_KX = 1 << 7, SR_IM_MASK = 0xFF00, SR_DE = 1 << 16, SR_CE = 1 << 17,
            SR_CH = 1 << 18, SR_SR = 1 << 20, SR_TS = 1 << 21, SR_BEV = 1 << 22, SR_RE = 1 << 25, SR_FR = 1 << 26,
            SR_RP = 1 << 27, SR_CU0 = 1 << 28, SR_CU1 = 1 << 29, SR_CU2 = 1 << 30, SR_CU3 = 1 << 31;

    // Cause (§3.2): no IV bit on the R5000.
    public static final int CAUSE_BD = 1 << 31, CAUSE_CE_SHIFT = 28, CAUSE_CE_MASK = 3 << 28,
            CAUSE_IP_MASK = 0xFF00, CAUSE_EXC_SHIFT = 2, CAUSE_EXC_MASK = 0x7C;
    /** Cause.IP7: the Count/Compare timer interrupt (Int5). */
    public static final int CAUSE_IP7 = 1 << 15;

    /** PRId of an R5000 rev 2.1 (hardware reference §3.2). */
    public static final int PRID_R5000 = 0x2321;

    /**
     * Config at reset (hardware reference §3.2 example): IC=DC=3 (32 KB), IB=DB=1 (32-byte lines), SC=0 and
     * SS=1 (1 MB L2 present), SE=0, K0=3 (cacheable noncoherent write-back). BE (bit 15) is added for
     * big-endian, EC (30:28) = 1 for a divide-by-3 SysClock [U].
     */
    public static final int CONFIG_RESET_LE = 0x001006F3;
    public static final int CONFIG_BE = 1 << 15;
    public static final int CONFIG_K0_MASK = 7, CONFIG_SE = 1 << 12;
    /** The software-writable Config bits: K0 and SE (Linux r5k_sc_enable; hardware reference §2.2). */
    public static final int CONFIG_WRITABLE = CONFIG_K0_MASK | CONFIG_SE;
}
