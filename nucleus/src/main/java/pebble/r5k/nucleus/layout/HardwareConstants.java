package pebble.r5k.nucleus.layout;

import pebble.r5k.board.IsaIoSpace;
import pebble.r5k.board.SimControl;
import pebble.r5k.board.Uart16550;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.ExcCode;
import pebble.r5k.cpu.Tlb;
import pebble.r5k.isa.Reg;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The CP0, exception-code and board constants the guest nucleus needs, taken from the emulator's own
 * definitions ({@link Cp0Reg}, {@link ExcCode}, the board devices) so there is one source for each number;
 * the few the emulator does not name are in {@link #extra()} with their reference section.
 */
public final class HardwareConstants {
    private HardwareConstants() {}

    /** KSEG1: unmapped, uncached view of physical memory (ref §3.1). */
    public static final long KSEG1 = 0xA0000000L;

    /**
     * CP0 register numbers as {@code C0_<NAME>} (the plain names of {@link Cp0Reg}: INDEX … ERROREPC). GNU as
     * and ours take a CP0 operand only as {@code $n}, so these are rendered as C-preprocessor defines
     * ({@code cp0-regs.h}, like Linux's {@code #define CP0_EPC $14}), not as {@code .equ}.
     */
    public static List<Constant> registers() {
        List<Constant> c = new ArrayList<>();
        for (Field f : Cp0Reg.class.getFields()) {
            if (isRegister(f)) c.add(new Constant("C0_" + f.getName(), intValue(f), "CP0 register number (ref §3.2)"));
        }
        return c;
    }

    /** CP0 bit masks ({@link Cp0Reg}), exception codes ({@link ExcCode}) and the extra constants below. */
    public static List<Constant> constants() {
        List<Constant> c = new ArrayList<>();
        for (Field f : Cp0Reg.class.getFields()) {
            if (!isRegister(f)) c.add(new Constant(f.getName(), intValue(f) & 0xFFFFFFFFL, "CP0 bits (ref §3.2)"));
        }
        for (Field f : ExcCode.class.getFields()) {
            c.add(new Constant("EXC_" + f.getName(), intValue(f), "Cause.ExcCode (ref §3.3)"));
        }
        for (Field f : Reg.class.getFields()) {
            if (f.getType() == int.class) c.add(new Constant("GPR_" + f.getName(), intValue(f), "GPR number (isa.Reg)"));
        }
        c.addAll(extra());
        return c;
    }

    /** Register numbers are the plain names (INDEX … ERROREPC); bit masks carry their register's prefix. */
    private static boolean isRegister(Field f) {
        return !f.getName().contains("_") && intValue(f) < 32;
    }

    /** Constants the emulator's classes do not name as such. */
    static List<Constant> extra() {
        long com1 = KSEG1 | (IsaIoSpace.BASE + IsaIoSpace.COM1_PORT);
        return List.of(
                new Constant("TLB_ENTRIES", Tlb.ENTRIES, "joint TLB entries of the R5000 (ref section 3.1)"),
                new Constant("SR_KSU_USER", 2L << Cp0Reg.SR_KSU_SHIFT, "Status.KSU = user (ref section 3.2)"),
                new Constant("SR_IM7", Cp0Reg.CAUSE_IP7, "Status.IM7: mask bit of the Count/Compare interrupt (same position as Cause.IP7)"),
                new Constant("ENTRYHI_ASID_MASK", 0xFF, "EntryHi.ASID, 8 bits (ref §3.1)"),
                new Constant("ENTRYHI_VPN2_MASK", 0xFFFFE000L, "EntryHi.VPN2 for 4 KB pages (ref §3.1)"),
                new Constant("CONFIG_SS_SHIFT", 20, "Config.SS: L2 size = 512 KB << SS, 3 = none (ref §2.2)"),
                new Constant("CONFIG_SS_MASK", 3L << 20, "Config.SS field"),
                new Constant("CONFIG_SS_NONE", 3, "Config.SS value: no L2 (ref section 2.2)"),
                new Constant("KSEG_PHYS_MASK", 0x1FFFFFFFL, "KSEG0/KSEG1 address -> physical (ref section 3.1)"),
                new Constant("L2_PAGE_SIZE", 4096, "bytes one Page_Invalidate_S covers (ref §2.2, NetBSD R5K_SC_PAGESIZE)"),
                new Constant("L2_MIN_SIZE", 512 * 1024, "L2 size for SS = 0 (ref §2.2)"),
                new Constant("CACHE_PAGE_INVALIDATE_S", 0x17, "CACHE op Page_Invalidate_S (ref §2.3)"),
                new Constant("CACHE_HIT_WB_INV_D", 0x15, "CACHE op Hit_Writeback_Inv_D (ref §2.3)"),
                new Constant("CACHE_HIT_INVALIDATE_I", 0x10, "CACHE op Hit_Invalidate_I (ref §2.3)"),
                new Constant("COM1_BASE", com1, "16550 COM1 through KSEG1 (ISA port 0x3F8, ref §4.1)"),
                new Constant("UART_THR", Uart16550.RBR_THR_DLL, "transmit holding register"),
                new Constant("UART_LSR", Uart16550.LSR, "line status register"),
                new Constant("UART_LSR_THRE", Uart16550.LSR_THRE, "LSR: transmitter ready"),
                new Constant("SIMCTL_EXIT", KSEG1 | (SimControl.BASE + SimControl.EXIT), "sim-control: a word written here halts with that status"));
    }

    private static int intValue(Field f) {
        if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) {
            throw new IllegalStateException(f.getDeclaringClass().getSimpleName() + "." + f.getName() + " is not a static int");
        }
        try {
            return f.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
