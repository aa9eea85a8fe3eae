package pebble.r5k.board;

import pebble.r5k.mem.Device;

/**
 * The P-5064 interrupt controller at physical 0x1FF90000 (hardware reference §4.1, §4.2; register and bit
 * names from NetBSD {@code algor_p5064reg.h}).
 *
 * <p>Four source registers (LOCINT, PCIINT, ISAINT, KBDINT) have level-sensitive inputs. Writing one of them
 * sets its enable mask; reading returns {@code pending & enable}. NetBSD, the only public user, writes
 * the registers as enable masks and masks what it reads with its own copy of the enables, so it works
 * with either "raw pending" or "pending & enable" reads; we chose the latter (documented in docs/board.md).
 * Every enabled, pending source is steered by its 2-bit crossbar field (XBAR0..4) to CPU pin Int0..Int3
 * (Cause IP2..IP5). PANIC sources are latched, have no enable, go to Int4 (IP6) and are cleared by writing
 * ones (NetBSD {@code algor_p5064_iointr} writes back the value it read).
 *
 * <p>Crossbar field positions, from NetBSD's irqmap tables (xbarreg, shift): PCI0..3 XBAR2 0/2/4/6,
 * ETH/SCSI/USB XBAR4 2/4/6, ISABR/IDE0/IDE1 XBAR3 0/2/4, FLP/MKBD/COM1 XBAR0 2/4/6, COM2/CENT/RTC XBAR1
 * 0/2/6. Inferred (unused by NetBSD, so unverified): PCIBR at XBAR0 shift 0 and EMDINT at XBAR4 shift 0.
 * KBDINT (KBD 0x01, MOUSE 0x02) has enable/pending semantics but no crossbar field of its own: NetBSD
 * routes both keyboard and mouse through LOCINT_MKBD, so KBDINT drives no CPU pin here.
 */
public final class P5064Interrupts implements Device {
    // Register indices (offset / 4) — hardware reference §4.1.
    public static final int LOCINT = 0, PANIC = 1, PCIINT = 2, ISAINT = 3, KBDINT = 9;
    public static final int XBAR0 = 4;
    public static final int LOGICREV_OFFSET = 0x3C;

    // LOCINT bits (§4.2).
    public static final int LOCINT_PCIBR = 0x01, LOCINT_FLP = 0x02, LOCINT_MKBD = 0x04, LOCINT_COM1 = 0x08,
            LOCINT_COM2 = 0x10, LOCINT_CENT = 0x20, LOCINT_RTC = 0x80;
    // PCIINT bits.
    public static final int PCIINT_EMDINT = 0x01, PCIINT_ETH = 0x02, PCIINT_SCSI = 0x04, PCIINT_USB = 0x08,
            PCIINT_PCI0 = 0x10, PCIINT_PCI1 = 0x20, PCIINT_PCI2 = 0x40, PCIINT_PCI3 = 0x80;
    // ISAINT bits.
    public static final int ISAINT_ISABR = 0x01, ISAINT_IDE0 = 0x02, ISAINT_IDE1 = 0x04;
    // KBDINT bits.
    public static final int KBDINT_KBD = 0x01, KBDINT_MOUSE = 0x02;
    // PANIC bits.
    public static final int PANIC_DEBUG = 0x01, PANIC_PFAIL = 0x02, PANIC_BERR = 0x04, PANIC_ISANMI = 0x08,
            PANIC_IOPERR = 0x10, PANIC_CENT = 0x20, PANIC_EWAKE = 0x40, PANIC_ECODERR = 0x80;

    /**
     * Reset crossbar values: the grouping of hardware reference §4.2 (current NetBSD): local sources on
     * Int2, PCI on Int1, ISA on Int0. PMON's real power-up values are not public. Unused fields follow
     * their register's group.
     */
    public static final int[] RESET_XBAR = {0xAA, 0xAA, 0x55, 0x00, 0x55};

    /** Number of CPU pins driven: Int0..Int3 through the crossbar, Int4 for PANIC. */
    public static final int PINS = 5;

    /**
     * For source register r (LOCINT, PCIINT, ISAINT) and bit b: {@code XBAR index * 8 + shift}, or -1 if the
     * bit has no crossbar field.
     */
    private static final int[][] STEER = new int[4][8];

    static {
        for (int[] row : STEER) java.util.Arrays.fill(row, -1);
        // LOCINT: PCIBR(inferred) FLP MKBD COM1 | COM2 CENT - RTC
        steer(LOCINT, 0, 0, 0); steer(LOCINT, 1, 0, 2); steer(LOCINT, 2, 0, 4); steer(LOCINT, 3, 0, 6);
        steer(LOCINT, 4, 1, 0); steer(LOCINT, 5, 1, 2); steer(LOCINT, 7, 1, 6);
        // PCIINT: EMDINT(inferred) ETH SCSI USB -> XBAR4; PCI0..3 -> XBAR2
        steer(PCIINT, 0, 4, 0); steer(PCIINT, 1, 4, 2); steer(PCIINT, 2, 4, 4); steer(PCIINT, 3, 4, 6);
        steer(PCIINT, 4, 2, 0); steer(PCIINT, 5, 2, 2); steer(PCIINT, 6, 2, 4); steer(PCIINT, 7, 2, 6);
        // ISAINT: ISABR IDE0 IDE1 -> XBAR3
        steer(ISAINT, 0, 3, 0); steer(ISAINT, 1, 3, 2); steer(ISAINT, 2, 3, 4);
    }

    private static void steer(int reg, int bit, int xbar, int shift) {
        STEER[reg][bit] = xbar * 8 + shift;
    }

    private final InterruptSink sink;
    // Indexed by register number (offset / 4); only LOCINT, PCIINT, ISAINT, KBDINT use enable.
    private final int[] enable = new int[10];
    private final int[] pending = new int[10];
    private final int[] xbar = RESET_XBAR.clone();
    private int panic;
    /** Current level of pins Int0..Int4 as last reported to the sink. */
    private final boolean[] out = new boolean[PINS];

    public P5064Interrupts(InterruptSink sink) {
        this.sink = sink;
    }

    /** An input wire for source {@code bit} of register {@code reg} (LOCINT, PCIINT, ISAINT or KBDINT). */
    public IrqLine line(int reg, int bit) {
        if (reg != LOCINT && reg != PCIINT && reg != ISAINT && reg != KBDINT) {
            throw new IllegalArgumentException("not a source register: " + reg);
        }
        return asserted -> setSource(reg, bit, asserted);
    }

    /** Drives a level-sensitive source input. */
    public void setSource(int reg, int bit, boolean asserted) {
        int p = asserted ? pending[reg] | bit : pending[reg] & ~bit;
        if (p != pending[reg]) {
            pending[reg] = p;
            update();
        }
    }

    /** Latches PANIC sources (a debug switch, bus error...); cleared by the guest writing ones to PANIC. */
    public void raisePanic(int bits) {
        int p = panic | (bits & 0xFF);
        if (p != panic) {
            panic = p;
            update();
        }
    }

    /** Whether CPU pin {@code pin} (0..4 = Int0..Int4 = Cause IP2..IP6) is asserted. */
    public boolean pin(int pin) {
        return out[pin];
    }

    /** Reports every pin's level to the sink (used when a CPU is attached after devices have run). */
    public void pushAll(InterruptSink to) {
        for (int i = 0; i < PINS; i++) to.setInterruptLine(2 + i, out[i]);
    }

    @Override
    public int read(long offset, int size) {
        int r = (int) (offset >>> 2);
        switch (r) {
            case LOCINT: case PCIINT: case ISAINT: case KBDINT:
                return pending[r] & enable[r];
            case PANIC:
                return panic;
            case 4: case 5: case 6: case 7: case 8:
                return xbar[r - XBAR0];
            default:
                return 0; // logic revision (0x3C) and holes: value unknown, reads 0
        }
    }

    @Override
    public void write(long offset, int size, int value) {
        int r = (int) (offset >>> 2);
        int v = value & 0xFF;
        switch (r) {
            case LOCINT: case PCIINT: case ISAINT: case KBDINT:
                enable[r] = v;
                break;
            case PANIC:
                panic &= ~v; // write ones to clear
                break;
            case 4: case 5: case 6: case 7: case 8:
                xbar[r - XBAR0] = v;
                break;
            default:
                return;
        }
        update();
    }

    /** Recomputes the five pin levels and reports the ones that changed. */
    private void update() {
        int lines = 0; // bit i = pin Int i
        for (int reg = 0; reg < 4; reg++) {
            if (reg == PANIC) continue;
            int active = pending[reg] & enable[reg];
            while (active != 0) {
                int bit = Integer.numberOfTrailingZeros(active);
                active &= active - 1;
                int s = STEER[reg][bit];
                if (s >= 0) lines |= 1 << ((xbar[s >>> 3] >>> (s & 7)) & 3);
            }
        }
        if (panic != 0) lines |= 1 << 4;
        for (int i = 0; i < PINS; i++) {
            boolean level = (lines & (1 << i)) != 0;
            if (level != out[i]) {
                out[i] = level;
                sink.setInterruptLine(2 + i, level);
            }
        }
    }

    @Override
    public String name() {
        return "p5064-intc";
    }
}
