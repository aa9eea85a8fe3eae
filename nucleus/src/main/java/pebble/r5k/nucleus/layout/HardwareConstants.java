package pebble.r5k.nucleus.layout;

import pebble.r5k.board.IsaIoSpace;
import pebble.r5k.board.SimControl;
import pebble.r5k.board.Uart16550;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.ExcCode;

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

    public static List<Constant> constants() {
        List<Constant> c = new ArrayList<>();
        for (Field f : Cp0Reg.class.getFields()) {
            int v = intValue(f);
            // Register numbers are the plain names (INDEX … ERROREPC); bit masks carry their register's prefix.
            boolean isRegister = !f.getName().contains("_") && v < 32;
            c.add(new Constant(isRegister ? "C0_" + f.getName() : f.getName(), v & 0xFFFFFFFFL,
                    isRegister ? "CP0 register number (ref §3.2)" : "CP0 bits (ref §3.2)"));
        }
        for (Field f : ExcCode.class.getFields()) {
            c.add(new Constant("EXC_" + f.getName(), intValue(f), "Cause.ExcCode (ref §3.3)"));
        }
        c.addAll(extra());
        return c;
    }

    /** Constants the emulator's classes do not name as such. */
    static List<Constant> extra() {
        long com1 = KSEG1 | (IsaIoSpace.BASE + IsaIoSpace.COM1_PORT);
        return List.of(
                new Constant("ENTRYHI_ASID_MASK", 0xFF, "EntryHi.ASID, 8 bits (ref §3.1)"),
                new Constant("ENTRYHI_VPN2_MASK", 0xFFFFE000L, "EntryHi.VPN2 for 4 KB pages (ref §3.1)"),
                new Constant("CONFIG_SS_SHIFT", 20, "Config.SS: L2 size = 512 KB << SS, 3 = none (ref §2.2)"),
                new Constant("CONFIG_SS_MASK", 3L << 20, "Config.SS field"),
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
