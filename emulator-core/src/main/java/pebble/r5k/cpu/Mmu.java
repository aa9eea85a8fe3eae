package pebble.r5k.cpu;

import static pebble.r5k.cpu.Cp0Reg.*;

/**
 * Virtual to physical translation for 32-bit addressing (KX = SX = UX = 0; hardware reference §3.1):
 * kuseg (mapped, unmapped when ERL), kseg0 (cached, direct), kseg1 (uncached, direct), ksseg and kseg3
 * (mapped), with user/supervisor/kernel checks. A small direct-mapped cache of recent translations
 * ("micro-TLB", with a victim way) keeps the common path to two compares. Each entry is tagged with the
 * context it holds in ({@link #context}: the ASID, ERL and the privilege level), as a mask and a value, so
 * that exception entry, ERET and EntryHi writes, which only change the context, keep it: an entry is used
 * only in a context where the slow path would give the same answer. A TLB write drops only the entries it
 * may change ({@link #tlbWritten}). On a fault the exception is entered, {@link Cpu#memFault} is set, and
 * -1 is returned.
 */
public final class Mmu {
    public static final int LOAD = 0, STORE = 1, FETCH = 2;

    private static final int UTLB_SIZE = 64;
    /**
     * Bits of {@link #context} above the ASID: ERL (kuseg unmapped), "not kernel" (kseg0/1, kseg3 refused)
     * and "neither kernel nor supervisor" (sseg refused; KSU = 3 is treated as user, as translateSlow does).
     */
    private static final int CTX_ERL = 1 << 8, CTX_NOT_KERNEL = 1 << 9, CTX_USER = 1 << 10, CTX_ASID = 0xFF;
    /**
     * In every entry's mask with value 0, and in {@link #context} only while translations are not cached
     * ({@link #cacheTranslations}): then no entry ever holds, at no cost to the common path.
     */
    private static final int CTX_OFF = 1 << 11;
    private final Cpu cpu;
    /**
     * Tag = virtual page number + 1 (0 = empty), per access kind (load/fetch share, store separate). Two ways:
     * slot s (the one the common path looks at) and its victim s + UTLB_SIZE, where an entry goes when a
     * new one takes its slot; a hit there swaps the two (two processes at one virtual address, or a code
     * page and a data page in one slot, then cost a swap per switch instead of a TLB search).
     */
    private final long[] readTag = new long[2 * UTLB_SIZE];
    private final long[] readBase = new long[2 * UTLB_SIZE];
    private final long[] writeTag = new long[2 * UTLB_SIZE];
    private final long[] writeBase = new long[2 * UTLB_SIZE];
    /** Per entry: it holds when {@code (context & mask) == value} (see {@link #remember}). */
    private final int[] readMask = new int[2 * UTLB_SIZE], readValue = new int[2 * UTLB_SIZE];
    private final int[] writeMask = new int[2 * UTLB_SIZE], writeValue = new int[2 * UTLB_SIZE];
    /** Per entry: the TLB entry it came from, -1 for an unmapped segment (never changed by a TLB write). */
    private final byte[] readSource = new byte[2 * UTLB_SIZE], writeSource = new byte[2 * UTLB_SIZE];
    /**
     * Per TLB entry, the positions that may hold a micro-TLB entry from it (bit s: slot s; in fromVictim: its
     * victim way), read or write, a superset kept by {@link #noteSource}: a TLB write visits only those
     * instead of scanning all 256 (kernel.s rewrites an entry every other slice).
     */
    private final long[] fromSlot = new long[Tlb.ENTRIES], fromVictim = new long[Tlb.ENTRIES];
    /** Cache attribute (pebble.r5k.cache.CacheAttr) of each micro-TLB entry; read only by {@link #translateCca}. */
    private final byte[] readCca = new byte[2 * UTLB_SIZE];
    private final byte[] writeCca = new byte[2 * UTLB_SIZE];
    /**
     * The translation context now: EntryHi.ASID, plus {@link #CTX_ERL}, {@link #CTX_NOT_KERNEL} and
     * {@link #CTX_USER} from Status; recomputed at every mode or ASID change.
     */
    private int context;
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

    /** Drops every cached translation (reset, Config, a TLB rewritten from outside the guest). */
    public void flush() {
        java.util.Arrays.fill(readTag, 0);
        java.util.Arrays.fill(writeTag, 0);
        contextChangedQuietly();
        invalidateFetch();
    }

    /**
     * Drops every cached fetch translation and window, the D-cache filters (I-cache contents may have
     * changed) and the loads' and stores' last-page filters ({@link Cpu#loadPage}).
     */
    void invalidateFetch() {
        translationsChanged(false, false);
    }

    /**
     * Every change of a translation comes here (flush, Config, mode, ASID, TLB write) and so does every CACHE op
     * on the I-cache: anything outside the micro-TLB that caches a translation must be dropped here.
     * {@code mappingsOnly}: only the mode, the ASID or a TLB entry changed, so the fetch windows may keep a kseg0
     * page ({@link FetchWindow#mappingsChanged}); {@code tlbWrite}: it was a TLB entry (the D-cache set filter
     * then drops its mapped lines even though the context is the same).
     */
    private void translationsChanged(boolean mappingsOnly, boolean tlbWrite) {
        epoch++;
        cpu.dropPageFilters(); // (they hold translations with no context, kseg0 ones included: always dropped)
        dataFilterChanged(mappingsOnly, tlbWrite);
        if (fetchWindow == null) return;
        if (mappingsOnly) fetchWindow.mappingsChanged((context & CTX_NOT_KERNEL) == 0); else fetchWindow.invalidateFetch();
    }

    /**
     * The D-cache's set filter ({@link pebble.r5k.cache.L1Cache#mruVa}) after a change of translations: its view
     * follows the mode, and a change of mode alone (exception entry, ERET, a Status write) drops nothing; an ASID
     * change or a TLB write ({@code mappingsOnly} with the same Status bits) drops its mapped lines, anything else
     * all of them. {@link #dataFilterKey}: the ASID and the Status bits behind its
     * entries other than the mode (ERL: kuseg unmapped; UX, SX, KX: which 64-bit segments exist).
     */
    private void dataFilterChanged(boolean mappingsOnly, boolean tlbWrite) {
        pebble.r5k.cache.MemorySystem m = cpu.memSys;
        if (m == null) return;
        int key = ((int) cpu.cp0.entryHi & CTX_ASID) | (cpu.cp0.status & (SR_ERL | SR_UX | SR_SX | SR_KX)) << 8;
        if (!mappingsOnly || ((key ^ dataFilterKey) & ~CTX_ASID) != 0) m.dcache.dropFilter();
        else if (tlbWrite || key != dataFilterKey) m.dcache.dropMapped();
        dataFilterKey = key;
        m.dcache.selectView((context & CTX_NOT_KERNEL) == 0);
    }

    private int dataFilterKey;

    /** A memory system was attached (timing turned on): its D-cache filter starts in this context. */
    void memorySystemAttached() {
        contextChangedQuietly();
        dataFilterChanged(false, false);
    }

    /**
     * Status (mode, EXL, ERL) changed: the micro-TLB keeps its entries, tagged by context. The fetch windows
     * hold translations without a context, so they go; the D-cache set filter changes view
     * ({@link #dataFilterChanged}).
     */
    void modeChanged() { contextChanged(); }

    /** EntryHi.ASID may have changed: as {@link #modeChanged}. */
    void asidChanged() { contextChanged(); }

    /** The TLB was rewritten from outside the guest's instructions: everything goes. */
    public void tlbChanged() { flush(); }

    /**
     * The mode or the ASID changed: the fetch windows on mapped pages go (a window on a kseg0 page stays while the
     * CPU is in kernel mode, {@link FetchWindow#mappingsChanged}), and the D-cache set filter follows
     * ({@link #dataFilterChanged}).
     */
    private void contextChanged() {
        contextChangedQuietly();
        translationsChanged(true, false); // (the context is the new one: the fetch windows read kernel mode from it)
    }

    /**
     * Whether {@code va} is in kseg0: unmapped, so in kernel mode it translates the same way whatever the ASID,
     * ERL or the TLB hold (Config.K0, its cache attribute, changes only through {@link #flush}).
     */
    static boolean inKseg0(long va) {
        return (va >>> 29) == 0x7_FFFF_FFFCL; // sign-extended 0x80000000..0x9FFFFFFF
    }

    /**
     * Tests: with {@code false}, every translation takes the slow path, the reference the micro-TLB must
     * match (KernelRegionEquivalenceTest).
     */
    void cacheTranslations(boolean on) {
        off = on ? 0 : CTX_OFF;
        contextChangedQuietly();
        cpu.dropPageFilters();
    }

    /** False while {@link #cacheTranslations} has turned caching off: then nothing else may cache one either. */
    boolean cachesTranslations() {
        return off == 0;
    }

    private int off;

    private void contextChangedQuietly() {
        int mode = cpu.mode();
        context = off | ((int) cpu.cp0.entryHi & CTX_ASID) | ((cpu.cp0.status & SR_ERL) != 0 ? CTX_ERL : 0)
                | (mode != 0 ? CTX_NOT_KERNEL : 0) | (mode > 1 ? CTX_USER : 0);
    }

    /**
     * TLBWI/TLBWR wrote entry {@code i}: drops the micro-TLB entries that came from it, and those whose page
     * the new entry i covers under any ASID (it may now be the entry a lookup finds first). The covered pages
     * are found by their slots when the new entry spans at most a slot's worth of pages (a 4 KB pair: 2).
     */
    void tlbWritten(int i) {
        Tlb tlb = cpu.tlb;
        dropSourced(i, fromSlot[i], 0);
        dropSourced(i, fromVictim[i], UTLB_SIZE);
        fromSlot[i] = fromVictim[i] = 0;
        long pages = tlb.offsetMask(i) + 1 >>> 11; // the even/odd pair
        if (pages > UTLB_SIZE) {
            for (int s = 0; s < 2 * UTLB_SIZE; s++) dropIfCovered(tlb, i, s);
        } else {
            long first = tlb.vpn2[i] >>> 12;
            for (int k = 0; k < pages; k++) {
                int s = slotOf(first + k);
                dropIfCovered(tlb, i, s);
                dropIfCovered(tlb, i, s + UTLB_SIZE);
            }
        }
        contextChangedQuietly(); // (a test may have set Status without telling the MMU: the windows read the mode)
        translationsChanged(true, true);
    }

    /** Drops the entries from TLB entry {@code i} among the positions {@code base} + each bit of {@code positions}. */
    private void dropSourced(int i, long positions, int base) {
        for (long m = positions; m != 0; m &= m - 1) {
            int s = base + Long.numberOfTrailingZeros(m);
            if (readSource[s] == i) readTag[s] = 0;
            if (writeSource[s] == i) writeTag[s] = 0;
        }
    }

    /** Position {@code s} (slot or victim way) now holds an entry from TLB entry {@code source} (-1: none). */
    private void noteSource(int source, int s) {
        if (source < 0) return;
        if (s < UTLB_SIZE) fromSlot[source] |= 1L << s; else fromVictim[source] |= 1L << s; // (shift: s mod 64)
    }

    private void dropIfCovered(Tlb tlb, int i, int s) {
        if (readTag[s] != 0 && readSource[s] >= 0 && tlb.coversPage(i, (readTag[s] - 1) << 12)) readTag[s] = 0;
        if (writeTag[s] != 0 && writeSource[s] >= 0 && tlb.coversPage(i, (writeTag[s] - 1) << 12)) writeTag[s] = 0;
    }

    /**
     * The micro-TLB slot of virtual page {@code vpn}: its 20 bits folded into 6 by XOR. The low bits alone
     * put kseg0 at 0x80000000 and 0x80100000, kuseg at 0x00400000 and 0x10000000 all in slot 0, so a kernel
     * and its processes fought over one slot and its victim at every switch (kernel.s: three misses a slice).
     * Folding keeps any 64 consecutive pages of an aligned block in 64 distinct slots, as before.
     */
    private static int slotOf(long vpn) {
        int v = (int) vpn & 0xFFFFF; // 32-bit addressing: a sign-extended VA and an EntryHi VPN2 agree here
        return (v ^ (v >>> 6) ^ (v >>> 12) ^ (v >>> 18)) & (UTLB_SIZE - 1);
    }

    /**
     * The physical address of {@code va} as the running code reaches it, or -1, with no effect on the machine (no
     * exception, no refill counted, the micro-TLB untouched): for host-side readers of guest memory, the debugger
     * and the timeline's marker names. With kernel privilege: kseg0/kseg1 directly in any mode, kuseg unmapped
     * while ERL is set, anything else through the TLB with the current ASID; a {@code store} needs a dirty page.
     */
    public long peek(long va, boolean store) {
        int a = (int) va;
        if (a != va) return -1; // only 32-bit addressing is modelled (KX = SX = UX = 0)
        int segment = a >>> 29;
        if (segment == 4 || segment == 5) return a & 0x1FFFFFFFL;
        if (a >= 0 && (cpu.cp0.status & SR_ERL) != 0) return a;
        Tlb tlb = cpu.tlb;
        int i = tlb.lookup(va, (int) cpu.cp0.entryHi & 0xFF);
        if (i < 0) return -1;
        long lo = tlb.entryLoFor(i, va);
        if ((lo & 2) == 0 || (store && (lo & 4) == 0)) return -1; // V = 0; D = 0 for a store
        return tlb.physical(i, va, lo);
    }

    /** Physical address for {@code va}, or -1 after entering an exception. */
    public long translate(long va, int access) {
        long vpn = va >>> 12;
        int slot = slotOf(vpn);
        if (access == STORE) {
            if (writeTag[slot] == vpn + 1 && (context & writeMask[slot]) == writeValue[slot]) {
                return writeBase[slot] | (va & 0xFFF);
            }
        } else if (readTag[slot] == vpn + 1 && (context & readMask[slot]) == readValue[slot]) {
            return readBase[slot] | (va & 0xFFF);
        }
        return translateSlow(va, access, slot, false);
    }

    /**
     * Like {@link #translate}, and also sets {@link #lastCca} to the page's cache attribute (TLB C field,
     * Config.K0 for kseg0, uncached for kseg1 and ERL kuseg; hardware reference §2.1). Used by the timed
     * path only, so the functional path pays nothing for attributes.
     */
    public long translateCca(long va, int access) {
        long vpn = va >>> 12;
        int slot = slotOf(vpn);
        if (access == STORE) {
            if (writeTag[slot] == vpn + 1 && (context & writeMask[slot]) == writeValue[slot]) {
                lastCca = writeCca[slot];
                return writeBase[slot] | (va & 0xFFF);
            }
        } else if (readTag[slot] == vpn + 1 && (context & readMask[slot]) == readValue[slot]) {
            lastCca = readCca[slot];
            return readBase[slot] | (va & 0xFFF);
        }
        long pa = translateSlow(va, access, slot, false);
        lastCca = pendingCca;
        return pa;
    }

    /**
     * The fetch translation of {@code va} as {@link #translateCca} would give it, for the dispatchers that
     * look for a translated region; -1, with no exception entered and nothing changed, where that one would
     * fault. The dispatcher does not fetch: the loop or the region does, exactly as before.
     */
    long translateFetchQuietly(long va) {
        if (inKseg0(va) && (context & CTX_NOT_KERNEL) == 0) { // translateSlow's kseg0, with no micro-TLB probe
            lastCca = normalizeCca(cpu.cp0.config & CONFIG_K0_MASK);
            return va & 0x1FFFFFFFL;
        }
        long vpn = va >>> 12;
        int slot = slotOf(vpn);
        if (readTag[slot] == vpn + 1 && (context & readMask[slot]) == readValue[slot]) {
            lastCca = readCca[slot];
            return readBase[slot] | (va & 0xFFF);
        }
        // The victim way, read in place: two processes at one virtual address (kernel.s) find their code page
        // there at every switch. Swapping it in is left to the fetch that follows, if one does.
        int v = slot + UTLB_SIZE;
        if (readTag[v] == vpn + 1 && (context & readMask[v]) == readValue[v]) {
            lastCca = readCca[v];
            return readBase[v] | (va & 0xFFF);
        }
        long pa = translateSlow(va, FETCH, slot, true);
        lastCca = pendingCca;
        return pa;
    }

    /** Attribute computed by the last slow translation. */
    private int pendingCca;

    private static int normalizeCca(int c) {
        c &= 7;
        return c > 3 ? 3 : c; // codes the R5000 does not define fold onto write-back (CacheAttr.normalize)
    }

    /** {@code quiet}: a fault returns -1 without entering the exception (translateFetchQuietly). */
    private long translateSlow(long va, int access, int slot, boolean quiet) {
        contextChangedQuietly(); // (a test may have set Status or EntryHi without telling the MMU)
        long tag = (va >>> 12) + 1;
        boolean victim = access == STORE
                ? swapIn(writeTag, writeBase, writeMask, writeValue, writeSource, writeCca, slot, tag)
                : swapIn(readTag, readBase, readMask, readValue, readSource, readCca, slot, tag);
        if (victim) {
            pendingCca = access == STORE ? writeCca[slot] : readCca[slot];
            return (access == STORE ? writeBase[slot] : readBase[slot]) | (va & 0xFFF);
        }
        int mode = cpu.mode();
        if ((int) va != va) {
            // 64-bit address with KX/SX/UX = 0: address error (only 32-bit addressing is modelled).
            return quiet ? -1 : addressError(va, access);
        }
        int a = (int) va;
        long pa;
        boolean uncached;
        int mask; // the context bits this translation depends on (the entry's key; the value is the current one)
        if (a >= 0) { // kuseg
            if ((cpu.cp0.status & SR_ERL) != 0) {
                pa = a; // unmapped and uncached while ERL (MIPS III)
                uncached = true;
                mask = CTX_ERL;
            } else {
                return mapped(va, access, slot, CTX_ERL, quiet);
            }
        } else if (mode != 0) {
            if (mode == 1 && (a >>> 29) == 6) return mapped(va, access, slot, CTX_USER, quiet); // sseg
            return quiet ? -1 : addressError(va, access);
        } else if ((a >>> 29) == 4) { // kseg0
            pa = a & 0x1FFFFFFFL;
            uncached = (cpu.cp0.config & CONFIG_K0_MASK) == 2;
            mask = CTX_NOT_KERNEL;
        } else if ((a >>> 29) == 5) { // kseg1
            pa = a & 0x1FFFFFFFL;
            uncached = true;
            mask = CTX_NOT_KERNEL;
        } else { // ksseg (kernel or supervisor), kseg3 (kernel)
            return mapped(va, access, slot, (a >>> 29) == 6 ? CTX_USER : CTX_NOT_KERNEL, quiet);
        }
        lastUncached = uncached;
        pendingCca = uncached ? 2 : normalizeCca(cpu.cp0.config & CONFIG_K0_MASK);
        remember(va, pa, access, slot, true, mask, -1);
        return pa;
    }

    /**
     * A mapped segment, reachable in the contexts {@code (context & modeMask) == (current & modeMask)}. The
     * entry is keyed by the ASID too, unless the TLB entry is global and no other TLB entry covers the page
     * under any ASID (then every ASID finds the same entry).
     */
    private long mapped(long va, int access, int slot, int modeMask, boolean quiet) {
        int asid = (int) cpu.cp0.entryHi & 0xFF;
        Tlb tlb = cpu.tlb;
        int i = tlb.lookup(va, asid);
        boolean store = access == STORE;
        if (quiet && (i < 0 || (tlb.entryLoFor(i, va) & 2) == 0)) return -1; // refill or invalid (never a store)
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
        long pa = tlb.physical(i, va, lo);
        lastUncached = ((lo >>> 3) & 7) == 2;
        pendingCca = normalizeCca((int) (lo >>> 3));
        // Only cache 4 KB granules: the micro-TLB entry covers the 4 KB page containing va.
        int mask = tlb.global[i] && !tlb.othersCover(i, va) ? modeMask : modeMask | CTX_ASID;
        remember(va, pa, access, slot, (lo & 4) != 0, mask, i);
        return pa;
    }

    /** Whether the victim way of {@code slot} holds {@code tag} in this context; if so it is swapped into the slot. */
    private boolean swapIn(long[] tag, long[] base, int[] mask, int[] value, byte[] source, byte[] cca, int slot,
                           long t) {
        int v = slot + UTLB_SIZE;
        if (tag[v] != t || (context & mask[v]) != value[v]) return false;
        long l = tag[v]; tag[v] = tag[slot]; tag[slot] = l;
        l = base[v]; base[v] = base[slot]; base[slot] = l;
        int i = mask[v]; mask[v] = mask[slot]; mask[slot] = i;
        i = value[v]; value[v] = value[slot]; value[slot] = i;
        byte b = source[v]; source[v] = source[slot]; source[slot] = b;
        noteSource(source[v], v);
        noteSource(source[slot], slot);
        b = cca[v]; cca[v] = cca[slot]; cca[slot] = b;
        return true;
    }

    /** Moves the entry in {@code slot} to its victim way, making room for a new one. */
    private static void demote(long[] tag, long[] base, int[] mask, int[] value, byte[] source, byte[] cca, int slot) {
        int v = slot + UTLB_SIZE;
        tag[v] = tag[slot];
        base[v] = base[slot];
        mask[v] = mask[slot];
        value[v] = value[slot];
        source[v] = source[slot];
        cca[v] = cca[slot];
    }

    private void remember(long va, long pa, int access, int slot, boolean writable, int mask, int source) {
        long tag = (va >>> 12) + 1;
        long base = pa & ~0xFFFL;
        byte cca = (byte) pendingCca;
        mask |= CTX_OFF;
        int value = context & mask & ~CTX_OFF;
        if (access == STORE || writable) {
            if (writeTag[slot] != tag || writeMask[slot] != mask || writeValue[slot] != value) {
                demote(writeTag, writeBase, writeMask, writeValue, writeSource, writeCca, slot);
                noteSource(writeSource[slot + UTLB_SIZE], slot + UTLB_SIZE);
            }
            writeTag[slot] = tag;
            writeBase[slot] = base;
            writeCca[slot] = cca;
            writeMask[slot] = mask;
            writeValue[slot] = value;
            writeSource[slot] = (byte) source;
            noteSource(source, slot);
        }
        if (access != STORE) {
            if (readTag[slot] != tag || readMask[slot] != mask || readValue[slot] != value) {
                demote(readTag, readBase, readMask, readValue, readSource, readCca, slot);
                noteSource(readSource[slot + UTLB_SIZE], slot + UTLB_SIZE);
            }
            readTag[slot] = tag;
            readBase[slot] = base;
            readCca[slot] = cca;
            readMask[slot] = mask;
            readValue[slot] = value;
            readSource[slot] = (byte) source;
            noteSource(source, slot);
        }
    }

    private long addressError(long va, int access) {
        cpu.memFault = true;
        cpu.raiseAddressError(va, access == STORE);
        return -1;
    }
}
