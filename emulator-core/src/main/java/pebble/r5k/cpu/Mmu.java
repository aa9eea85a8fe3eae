package pebble.r5k.cpu;

import static pebble.r5k.cpu.Cp0Reg.*;

/**
 * Virtual to physical translation for 32-bit addressing (KX = SX = UX = 0; hardware reference §3.1):
 * kuseg (mapped, unmapped when ERL), kseg0 (cached, direct), kseg1 (uncached, direct), ksseg and kseg3
 * (mapped), with user/supervisor/kernel checks. A small direct-mapped cache of recent translations
 * ("micro-TLB", flushed whenever the TLB, ASID or mode changes) keeps the common path to a compare.
 * On a fault the exception is entered, {@link Cpu#memFault} is set, and -1 is returned.
 */
public final class Mmu {
    public static final int LOAD = 0, STORE = 1, FETCH = 2;

    private static final int UTLB_SIZE = 64;
    private final Cpu cpu;
    /** Tag = virtual page number + 1 (0 = empty), per access kind (load/fetch share, store separate). */
    private final long[] readTag = new long[UTLB_SIZE];
    private final long[] readBase = new long[UTLB_SIZE];
    private final long[] writeTag = new long[UTLB_SIZE];
    private final long[] writeBase = new long[UTLB_SIZE];
    /** Cache attribute (pebble.r5k.cache.CacheAttr) of each micro-TLB entry; read only by {@link #translateCca}. */
    private final byte[] readCca = new byte[UTLB_SIZE];
    private final byte[] writeCca = new byte[UTLB_SIZE];
    /** Bumped on every flush so cached fetch translations elsewhere can notice. */
    public int epoch;
    /**
     * The interpreter's fetch windows, told at every flush (and by CACHE ops on the I-cache) so that the
     * per-instruction fetch check is one compare of the PC, with no epoch load.
     */
    FetchWindow fetchWindow;
    /** Attribute of the last translation: true when it was uncached (kseg1, C = 2, or ERL kuseg). */
    public boolean lastUncached;
    /** Cache attribute of the last {@link #translateCca} (CacheAttr code, normalised to 0..3). */
    public int lastCca;

    Mmu(Cpu cpu) {
        this.cpu = cpu;
    }

    public void flush() {
        java.util.Arrays.fill(readTag, 0);
        java.util.Arrays.fill(writeTag, 0);
        invalidateFetch();
    }

    /** Drops every cached fetch translation and window (I-cache contents may have changed). */
    void invalidateFetch() {
        epoch++;
        if (fetchWindow != null) fetchWindow.invalidateFetch();
    }

    void modeChanged() { flush(); }
    void asidChanged() { flush(); }
    public void tlbChanged() { flush(); }

    /** Physical address for {@code va}, or -1 after entering an exception. */
    public long translate(long va, int access) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (UTLB_SIZE - 1);
        if (access == STORE) {
            if (writeTag[slot] == vpn + 1) return writeBase[slot] | (va & 0xFFF);
        } else {
            if (readTag[slot] == vpn + 1) return readBase[slot] | (va & 0xFFF);
        }
        return translateSlow(va, access, slot);
    }

    /**
     * Like {@link #translate}, and also sets {@link #lastCca} to the page's cache attribute (TLB C field,
     * Config.K0 for kseg0, uncached for kseg1 and ERL kuseg; hardware reference §2.1). Used by the timed
     * path only, so the functional path pays nothing for attributes.
     */
    public long translateCca(long va, int access) {
        long vpn = va >>> 12;
        int slot = (int) vpn & (UTLB_SIZE - 1);
        if (access == STORE) {
            if (writeTag[slot] == vpn + 1) {
                lastCca = writeCca[slot];
                return writeBase[slot] | (va & 0xFFF);
            }
        } else if (readTag[slot] == vpn + 1) {
            lastCca = readCca[slot];
            return readBase[slot] | (va & 0xFFF);
        }
        long pa = translateSlow(va, access, slot);
        lastCca = pendingCca;
        return pa;
    }

    /** Attribute computed by the last slow translation. */
    private int pendingCca;

    private static int normalizeCca(int c) {
        c &= 7;
        return c > 3 ? 3 : c; // codes the R5000 does not define fold onto write-back (CacheAttr.normalize)
    }

    private long translateSlow(long va, int access, int slot) {
        int mode = cpu.mode();
        if ((int) va != va) {
            // 64-bit address with KX/SX/UX = 0: address error (only 32-bit addressing is modelled).
            return addressError(va, access);
        }
        int a = (int) va;
        long pa;
        boolean uncached;
        if (a >= 0) { // kuseg
            if ((cpu.cp0.status & SR_ERL) != 0) {
                pa = a; // unmapped and uncached while ERL (MIPS III)
                uncached = true;
            } else {
                return mapped(va, access, slot);
            }
        } else if (mode != 0) {
            if (mode == 1 && (a >>> 29) == 6) return mapped(va, access, slot); // sseg
            return addressError(va, access);
        } else if ((a >>> 29) == 4) { // kseg0
            pa = a & 0x1FFFFFFFL;
            uncached = (cpu.cp0.config & CONFIG_K0_MASK) == 2;
        } else if ((a >>> 29) == 5) { // kseg1
            pa = a & 0x1FFFFFFFL;
            uncached = true;
        } else {
            return mapped(va, access, slot); // ksseg, kseg3
        }
        lastUncached = uncached;
        pendingCca = uncached ? 2 : normalizeCca(cpu.cp0.config & CONFIG_K0_MASK);
        remember(va, pa, access, slot, true);
        return pa;
    }

    private long mapped(long va, int access, int slot) {
        int asid = (int) cpu.cp0.entryHi & 0xFF;
        Tlb tlb = cpu.tlb;
        int i = tlb.lookup(va, asid);
        boolean store = access == STORE;
        if (i < 0) {
            cpu.cp0.setTlbFaultAddress(va);
            cpu.memFault = true;
            // TLB refill goes to offset 0 when EXL = 0 (32-bit refill vector; §3.3).
            cpu.enter(store ? ExcCode.TLBS : ExcCode.TLBL, 0x000, 0);
            return -1;
        }
        long lo = tlb.entryLoFor(i, va);
        if ((lo & 2) == 0) { // V = 0: TLB invalid
            cpu.cp0.setTlbFaultAddress(va);
            cpu.memFault = true;
            cpu.enter(store ? ExcCode.TLBS : ExcCode.TLBL, 0x180, 0);
            return -1;
        }
        if (store && (lo & 4) == 0) { // D = 0: TLB modified
            cpu.cp0.setTlbFaultAddress(va);
            cpu.memFault = true;
            cpu.enter(ExcCode.MOD, 0x180, 0);
            return -1;
        }
        long off = tlb.offsetMask(i);
        long pa = (((lo >>> 6) & 0xFFFFFFL) << 12) & ~off | (va & off);
        lastUncached = ((lo >>> 3) & 7) == 2;
        pendingCca = normalizeCca((int) (lo >>> 3));
        // Only cache 4 KB granules: the micro-TLB entry covers the 4 KB page containing va.
        remember(va, pa, access, slot, (lo & 4) != 0);
        return pa;
    }

    private void remember(long va, long pa, int access, int slot, boolean writable) {
        long tag = (va >>> 12) + 1;
        long base = pa & ~0xFFFL;
        byte cca = (byte) pendingCca;
        if (access == STORE) {
            writeTag[slot] = tag;
            writeBase[slot] = base;
            writeCca[slot] = cca;
        } else {
            readTag[slot] = tag;
            readBase[slot] = base;
            readCca[slot] = cca;
            if (writable) {
                writeTag[slot] = tag;
                writeBase[slot] = base;
                writeCca[slot] = cca;
            }
        }
    }

    private long addressError(long va, int access) {
        cpu.memFault = true;
        cpu.raiseAddressError(va, access == STORE);
        return -1;
    }
}
