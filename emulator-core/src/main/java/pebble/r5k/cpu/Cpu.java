package pebble.r5k.cpu;

import pebble.r5k.cache.L1Cache;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.mem.Bus;
import pebble.r5k.mem.PhysicalMemory;

import static pebble.r5k.cache.CacheAttr.WRITE_BACK;
import static pebble.r5k.cpu.Cp0Reg.*;

/**
 * Architectural state of the R5000 and the services semantics need: memory access through address
 * translation, exception entry, branch bookkeeping. Semantics methods (the {@code *Ops} classes) return
 * {@link #OK} or {@link #TRAPPED}; TRAPPED means an exception has already been entered and the PC points
 * at its vector, so the interpreter must not advance it.
 *
 * <p>Delay slots: during execution {@link #pc} is the current instruction and {@link #npc} the next one.
 * A branch records where to go after its slot ({@link #branch}); the interpreter then moves to the slot
 * and marks it {@link #inDelaySlot} so an exception there sets EPC to the branch and Cause.BD.
 */
public final class Cpu {
    public static final int OK = 0;
    public static final int TRAPPED = 1;
    /** {@link #exitStatus} of a halt the guest did not ask for (deadlock, host I/O failure): no 0..255 status. */
    public static final int NO_STATUS = -1;

    // --- general registers ---
    public final long[] gpr = new long[32];
    public long hi, lo;

    // --- control flow ---
    public long pc, npc;
    public boolean inDelaySlot;
    /** Set by a branch or jump: the next instruction is a delay slot, after which control goes to branchTarget. */
    public boolean delaySlotNext;
    public long branchTarget;

    // --- FPU state (semantics live in pebble.r5k.fpu) ---
    /** 32 FPRs as 64-bit containers; with Status.FR = 0 the fpu package maps even/odd pairs onto them. */
    public final long[] fpr = new long[32];
    public int fcr31;

    // --- memory ---
    public final Bus bus;
    public final PhysicalMemory ram;
    public final boolean bigEndian;
    /** Set when a memory access has entered an exception; semantics return TRAPPED when they see it. */
    public boolean memFault;
    public boolean llBit;

    // --- CP0 ---
    public final Cp0 cp0;
    public final Tlb tlb = new Tlb();
    public final Mmu mmu;

    // --- time and run control ---
    public long cycle;
    public long instret;
    /**
     * Of {@link #instret}, the instructions retired by translated regions (docs/translator.md). A host-side
     * measure for the benchmarks only: never in the statistics, which must not depend on translation.
     */
    long translatedRetired;
    /** Calls of translated regions (host-side, like {@link #translatedRetired}): instructions per call. */
    long regionCalls;
    /** The loop takes its slow path (events, interrupts, halt) when cycle >= nextEventAt. */
    public long nextEventAt;
    public boolean halted;
    /** Set by WAIT: the interpreter stalls until an interrupt is pending. */
    public boolean waiting;
    public CacheOpHandler cacheOp = CacheOpHandler.NONE;
    public int exitStatus;
    /** Why the machine halted (null while it runs) and the line that explains it to a user. */
    public HaltReason haltReason;
    public String haltDetail;
    public ExternalEvents events = ExternalEvents.NONE;
    /** Predecoded-code invalidation hook: called with the physical address of every RAM store. */
    public CodeInvalidator codeInvalidator = CodeInvalidator.NONE;
    /**
     * The last-page filter (docs/translator.md, "The data path"): the virtual page of the last load that was
     * translated to cached RAM ({@code va & ~0xFFF}, or -1: no page) and its physical page. An access with
     * {@code (va & ~0xFFF) == loadPage} uses {@code loadPagePa | (va & 0xFFF)} with no translation: the same
     * answer, since every change of a translation (context, TLB write, Config.K0) drops the filter first
     * ({@link Mmu#invalidateFetch}). -1 never equals a masked address (its low bits are set). {@code storePage}:
     * the same for stores, set only by a store (TLB D set). Functional mode ({@link #pageOf}) reads RAM there,
     * and takes a store page only if it holds no predecoded or translated code, so that skipping
     * {@link #codeInvalidator} skips nothing (a page that becomes code drops it: {@link CodeCache#page}).
     * Timed mode ({@link #writeBackRam}) takes write-back pages only, and the access still goes through the
     * cache model: the filter saves the translation, behind the D-cache's set filter.
     */
    public long loadPage = -1, loadPagePa, storePage = -1, storePagePa;

    // --- timing (null / zero when the machine runs functionally, --no-timing) ---
    /**
     * The cache hierarchy when timing is on: RAM loads and stores go through the data-holding caches and
     * their stalls accumulate in {@code memSys.stall}. Null in functional mode, where RAM is accessed
     * directly (one null check per access).
     */
    public MemorySystem memSys;
    /** Per-ASID statistics hook; null when nobody listens. */
    public pebble.r5k.timing.Stats stats;
    /** TLB refill exceptions taken (refill vector, EXL = 0). */
    public long tlbRefills;
    /** Set by a successful ERET, so the timed core can charge exception.eret; cleared by it. */
    public boolean eretDone;
    /** Cycles spent stalled in WAIT. */
    public long waitCycles;
    /** {@code --timeline}: told of exception entry, ERET and ASID writes; null (one check each) when off. */
    public pebble.r5k.timeline.Timeline timeline;

    public Cpu(Bus bus) {
        this.bus = bus;
        this.ram = bus.ram;
        this.bigEndian = ram.bigEndian;
        this.cp0 = new Cp0(this);
        this.mmu = new Mmu(this);
    }

    /**
     * The state a bare image starts in, as if a boot monitor had run (documented in docs/reset-state.md):
     * kernel mode, BEV = 0, ERL = EXL = IE = 0, Config from the hardware reference with BE from the image.
     */
    public void resetForImage(long entry) {
        java.util.Arrays.fill(gpr, 0);
        hi = lo = 0;
        cp0.reset();
        cp0.status = 0; // kernel mode, BEV=0, ERL=EXL=IE=0, interrupts masked
        mmu.flush();
        pc = entry;
        npc = entry + 4;
        inDelaySlot = delaySlotNext = false;
        llBit = false;
        nextEventAt = 0;
        configChanged();
    }

    /** Config was written: Config.K0 changes kseg0's attribute, Config.SE enables the L2 (§2.1, §2.2). */
    void configChanged() {
        mmu.flush();
        if (memSys != null) memSys.l2Enabled = (cp0.config & CONFIG_SE) != 0;
    }

    /** EntryHi or TLBR may have changed the running ASID (per-ASID statistics). */
    void asidWritten() {
        if (stats != null) stats.asidWritten((int) cp0.entryHi & 0xFF);
        if (timeline != null) timeline.asidWritten((int) cp0.entryHi & 0xFF);
    }

    // ------------------------------------------------------------------ branches

    /** A branch/jump decided to go to {@code target} after its delay slot. */
    public void branchTo(long target) {
        delaySlotNext = true;
        branchTarget = target;
    }

    /** A non-likely branch that is not taken: the slot still executes, then falls through. */
    public void branchNotTaken() {
        delaySlotNext = true;
        branchTarget = pc + 8;
    }

    /** A branch-likely that is not taken: the delay slot is annulled. */
    public void annulDelaySlot() {
        npc = pc + 8;
    }

    /**
     * Retires the instruction that just completed without an exception: counts it and moves to the next
     * PC, through a delay slot when a branch asked for one. Both execution loops call this (small: inlined).
     */
    void retireOk() {
        instret++;
        pc = npc;
        if (delaySlotNext) {
            delaySlotNext = false;
            inDelaySlot = true;
            npc = branchTarget;
        } else {
            inDelaySlot = false;
            npc = pc + 4;
        }
    }

    // ------------------------------------------------------------------ exceptions

    /** Enters a general exception with {@code code}. Returns TRAPPED. */
    public int raise(int code) {
        return enter(code, 0x180, 0);
    }

    /** Coprocessor Unusable for coprocessor {@code unit} (Cause.CE). */
    public int raiseCpU(int unit) {
        return enter(ExcCode.CPU, 0x180, unit);
    }

    /** Address error with BadVAddr. */
    public int raiseAddressError(long va, boolean store) {
        cp0.badVAddr = va;
        return enter(store ? ExcCode.ADES : ExcCode.ADEL, 0x180, 0);
    }

    /**
     * Exception entry (MIPS III/IV; hardware reference §3.3). With EXL already set, EPC and BD are left
     * alone and every exception goes to the general vector.
     */
    int enter(int code, int vectorOffset, int ce) {
        int cause = cp0.cause & ~(CAUSE_EXC_MASK | CAUSE_CE_MASK);
        cause |= (code << CAUSE_EXC_SHIFT) | (ce << CAUSE_CE_SHIFT);
        boolean nested = (cp0.status & SR_EXL) != 0;
        if (!nested) {
            if (inDelaySlot) {
                cp0.epc = pc - 4;
                cause |= CAUSE_BD;
            } else {
                cp0.epc = pc;
                cause &= ~CAUSE_BD;
            }
            cp0.status |= SR_EXL;
        } else {
            vectorOffset = 0x180;
        }
        if (vectorOffset == 0) tlbRefills++;
        cp0.cause = cause;
        long base = (cp0.status & SR_BEV) != 0 ? 0xFFFF_FFFF_BFC0_0200L : 0xFFFF_FFFF_8000_0000L;
        pc = base + vectorOffset;
        npc = pc + 4;
        inDelaySlot = delaySlotNext = false;
        cp0.exceptionCount[code]++;
        cp0.exceptionTotal++;
        mmu.modeChanged();
        if (timeline != null) timeline.exceptionEntered(code, vectorOffset == 0, nested);
        return TRAPPED;
    }

    /**
     * ERET (MIPS III): to ErrorEPC if ERL, else EPC; no delay slot; clears LLbit. ERET completes, so it retires
     * (docs/cpu.md, "Retired instructions"); it is counted here because it returns TRAPPED, like an exception,
     * so that no loop advances the PC after it. Every execution path runs it through here (a translated region
     * ends at it and hands it to the loop's execute and retire: KernelOpEmitter), so every path counts it here.
     */
    public int eret() {
        if ((cp0.status & SR_ERL) != 0) {
            pc = cp0.errorEpc;
            cp0.status &= ~SR_ERL;
        } else {
            pc = cp0.epc;
            cp0.status &= ~SR_EXL;
        }
        npc = pc + 4;
        inDelaySlot = delaySlotNext = false;
        llBit = false;
        instret++;
        eretDone = true;
        mmu.modeChanged();
        interruptMaskChanged(); // EXL or ERL cleared
        if (timeline != null) timeline.eret();
        return TRAPPED; // control already transferred; the interpreter must not advance
    }

    /** Forces the slow path at the next instruction boundary (interrupt state may have changed). */
    public void requestEventCheck() {
        nextEventAt = 0;
    }

    /**
     * Status or Cause.IP1:0 changed, or ERET cleared EXL/ERL: an interrupt that is now pending is taken at the
     * next instruction boundary, so the slow path must run there. If none is pending, that slow path would find
     * nothing to do: the timer and the devices have no event before {@code nextEventAt} (a Count or Compare
     * write, a device access and an interrupt line each request a check themselves), and whether an interrupt
     * is pending can change only through those or through this method's callers.
     */
    void interruptMaskChanged() {
        if (interruptPending()) requestEventCheck();
    }

    /** Raised/lowered by the board for Cause.IP2..IP6 (hardware reference §4.2). */
    public void setInterruptLine(int ip, boolean asserted) {
        int bit = 1 << (8 + ip);
        if (asserted) cp0.externalIp |= bit; else cp0.externalIp &= ~bit;
        requestEventCheck();
    }

    /** Whether an enabled interrupt is pending and interrupts are taken (IE, not EXL, not ERL). */
    public boolean interruptPending() {
        int st = cp0.status;
        if ((st & (SR_IE | SR_EXL | SR_ERL)) != SR_IE) return false;
        return (cp0.causeRead() & st & CAUSE_IP_MASK) != 0;
    }

    /**
     * Whether an interrupt could ever end a WAIT: interrupts enabled (IE, not EXL/ERL) and at least one
     * source unmasked. IP7 (the timer) always fires eventually; other lines depend on the board.
     */
    public boolean interruptsCanArrive() {
        int st = cp0.status;
        return (st & (SR_IE | SR_EXL | SR_ERL)) == SR_IE && (st & CAUSE_IP_MASK) != 0;
    }

    /** Stops the machine (sim-control, boot ROM stub, deadlock, host I/O failure). */
    public void halt(HaltReason reason, int status, String detail) {
        halted = true;
        exitStatus = status;
        haltReason = reason;
        haltDetail = detail;
        requestEventCheck();
    }

    // ------------------------------------------------------------------ memory access for semantics

    public int load8(long va) {
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterVa) { d.hits++; return d.read8(d.filterLine, va); }
            int i = L1Cache.loadIndex(d, va, ~31L);
            if (i >= 0) return d.read8(i >>> 3, va);
            if ((va & ~0xFFFL) == loadPage) return memSys.load8(va, loadPagePa | (va & 0xFFF), WRITE_BACK, cycle);
            return (int) timedLoad(va, 1);
        }
        if ((va & ~0xFFFL) == loadPage) return ram.read8(loadPagePa | (va & 0xFFF));
        long pa = pageOf(va, Mmu.LOAD);
        if (pa < 0) return 0;
        if (pa < ram.sizeBytes) return ram.read8(pa);
        return ioRead(pa, 1, va, false);
    }

    public int load16(long va) {
        if ((va & 1) != 0) { memFault = true; raiseAddressError(va, false); return 0; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterVa) { d.hits++; return d.read16(d.filterLine, va); }
            int i = L1Cache.loadIndex(d, va, ~31L);
            if (i >= 0) return d.read16(i >>> 3, va);
            if ((va & ~0xFFFL) == loadPage) return memSys.load16(va, loadPagePa | (va & 0xFFF), WRITE_BACK, cycle);
            return (int) timedLoad(va, 2);
        }
        if ((va & ~0xFFFL) == loadPage) return ram.read16(loadPagePa | (va & 0xFFF));
        long pa = pageOf(va, Mmu.LOAD);
        if (pa < 0) return 0;
        if (pa < ram.sizeBytes) return ram.read16(pa);
        return ioRead(pa, 2, va, false);
    }

    public int load32(long va) {
        if ((va & 3) != 0) { memFault = true; raiseAddressError(va, false); return 0; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterVa) { d.hits++; return d.read32(d.filterLine, va); }
            int i = L1Cache.loadIndex(d, va, ~31L);
            if (i >= 0) return d.data[i];
            if ((va & ~0xFFFL) == loadPage) return memSys.load32(va, loadPagePa | (va & 0xFFF), WRITE_BACK, cycle);
            return (int) timedLoad(va, 4);
        }
        if ((va & ~0xFFFL) == loadPage) return ram.read32(loadPagePa | (va & 0xFFF));
        long pa = pageOf(va, Mmu.LOAD);
        if (pa < 0) return 0;
        if (pa < ram.sizeBytes) return ram.read32(pa);
        return ioRead(pa, 4, va, false);
    }

    public long load64(long va) {
        if ((va & 7) != 0) { memFault = true; raiseAddressError(va, false); return 0; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterVa) { d.hits++; return d.read64(d.filterLine, va); }
            int i = L1Cache.loadIndex(d, va, ~31L);
            if (i >= 0) return d.read64(i >>> 3, va);
            if ((va & ~0xFFFL) == loadPage) return memSys.load64(va, loadPagePa | (va & 0xFFF), WRITE_BACK, cycle);
            return timedLoad(va, 8);
        }
        if ((va & ~0xFFFL) == loadPage) return ram.read64(loadPagePa | (va & 0xFFF));
        long pa = pageOf(va, Mmu.LOAD);
        if (pa < 0) return 0;
        if (pa + 8 <= ram.sizeBytes) return ram.read64(pa);
        long first = ioRead(pa, 4, va, false) & 0xFFFFFFFFL;
        if (memFault) return 0;
        long second = ioRead(pa + 4, 4, va, false) & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /**
     * Loads the aligned word containing {@code va} (for LWL/LWR) without an alignment check. The unaligned
     * {@code va} is what is translated, so a TLB fault reports it in BadVAddr as the architecture's vAddr.
     */
    public int load32Aligned(long va) {
        if (memSys != null) return (int) timedLoad(va, 4);
        long pa = mmu.translate(va, Mmu.LOAD);
        if (pa < 0) return 0;
        pa &= ~3L;
        if (pa < ram.sizeBytes) return ram.read32(pa);
        return ioRead(pa, 4, va, false);
    }

    /** The doubleword form of {@link #load32Aligned} (LDL/LDR). */
    public long load64Aligned(long va) {
        if (memSys != null) return timedLoad(va, 8);
        long pa = mmu.translate(va, Mmu.LOAD);
        if (pa < 0) return 0;
        pa &= ~7L;
        if (pa + 8 <= ram.sizeBytes) return ram.read64(pa);
        return load64(va & ~7L);
    }

    public void store8(long va, int v) {
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterStoreVa) { d.hits++; d.write8(d.filterLine, va, v, true); return; }
            int i = L1Cache.storeIndex(d, va, ~31L);
            if (i >= 0) { d.write8(i >>> 3, va, v, true); return; }
            if ((va & ~0xFFFL) == storePage) { memSys.store8(va, storePagePa | (va & 0xFFF), WRITE_BACK, v, cycle); return; }
            timedStore(va, 1, v);
            return;
        }
        if ((va & ~0xFFFL) == storePage) { ram.write8(storePagePa | (va & 0xFFF), v); return; }
        long pa = pageOf(va, Mmu.STORE);
        if (pa < 0) return;
        if (pa < ram.sizeBytes) { ram.write8(pa, v); codeInvalidator.stored(pa); return; }
        ioWrite(pa, 1, v, va);
    }

    public void store16(long va, int v) {
        if ((va & 1) != 0) { memFault = true; raiseAddressError(va, true); return; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterStoreVa) { d.hits++; d.write16(d.filterLine, va, v, true); return; }
            int i = L1Cache.storeIndex(d, va, ~31L);
            if (i >= 0) { d.write16(i >>> 3, va, v, true); return; }
            if ((va & ~0xFFFL) == storePage) { memSys.store16(va, storePagePa | (va & 0xFFF), WRITE_BACK, v, cycle); return; }
            timedStore(va, 2, v);
            return;
        }
        if ((va & ~0xFFFL) == storePage) { ram.write16(storePagePa | (va & 0xFFF), v); return; }
        long pa = pageOf(va, Mmu.STORE);
        if (pa < 0) return;
        if (pa < ram.sizeBytes) { ram.write16(pa, v); codeInvalidator.stored(pa); return; }
        ioWrite(pa, 2, v, va);
    }

    public void store32(long va, int v) {
        if ((va & 3) != 0) { memFault = true; raiseAddressError(va, true); return; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterStoreVa) { d.hits++; d.write32(d.filterLine, va, v, true); return; }
            int i = L1Cache.storeIndex(d, va, ~31L);
            if (i >= 0) { d.data[i] = v; return; }
            if ((va & ~0xFFFL) == storePage) { memSys.store32(va, storePagePa | (va & 0xFFF), WRITE_BACK, v, cycle); return; }
            timedStore(va, 4, v);
            return;
        }
        if ((va & ~0xFFFL) == storePage) { ram.write32(storePagePa | (va & 0xFFF), v); return; }
        long pa = pageOf(va, Mmu.STORE);
        if (pa < 0) return;
        if (pa < ram.sizeBytes) { ram.write32(pa, v); codeInvalidator.stored(pa); return; }
        ioWrite(pa, 4, v, va);
    }

    public void store64(long va, long v) {
        if ((va & 7) != 0) { memFault = true; raiseAddressError(va, true); return; }
        if (memSys != null) {
            L1Cache d = memSys.dcache;
            if ((va & ~31L) == d.filterStoreVa) { d.hits++; d.write64(d.filterLine, va, v, true); return; }
            int i = L1Cache.storeIndex(d, va, ~31L);
            if (i >= 0) { d.write64(i >>> 3, va, v, true); return; }
            if ((va & ~0xFFFL) == storePage) { memSys.store64(va, storePagePa | (va & 0xFFF), WRITE_BACK, v, cycle); return; }
            timedStore(va, 8, v);
            return;
        }
        if ((va & ~0xFFFL) == storePage) { ram.write64(storePagePa | (va & 0xFFF), v); return; }
        long pa = pageOf(va, Mmu.STORE);
        if (pa < 0) return;
        if (pa + 8 <= ram.sizeBytes) {
            ram.write64(pa, v);
            codeInvalidator.stored(pa);
            codeInvalidator.stored(pa + 4);
            return;
        }
        int hiw = (int) (v >>> 32), low = (int) v;
        ioWrite(pa, 4, bigEndian ? hiw : low, va);
        if (!memFault) ioWrite(pa + 4, 4, bigEndian ? low : hiw, va);
    }

    /**
     * Functional mode: the translation of a load or store (-1 after entering its exception), which becomes the
     * last-page filter ({@link #loadPage}, {@link #storePage}) when it reaches cached RAM: never a device
     * or an uncached page, never while the MMU caches no translation (the reference runs of the tests).
     */
    private long pageOf(long va, int access) {
        long pa = mmu.translateCca(va, access);
        if (pa < 0 || pa >= ram.sizeBytes || mmu.lastCca == pebble.r5k.cache.CacheAttr.UNCACHED
                || !mmu.cachesTranslations()) {
            return pa;
        }
        if (access == Mmu.LOAD) {
            loadPage = va & ~0xFFFL;
            loadPagePa = pa & ~0xFFFL;
        } else if (!codeInvalidator.holdsCode(pa)) {
            storePage = va & ~0xFFFL;
            storePagePa = pa & ~0xFFFL;
        }
        return pa;
    }

    /** Drops the last-page filters: a translation may have changed. */
    void dropPageFilters() {
        loadPage = -1;
        storePage = -1;
    }

    /** Drops the store filter: a page may have become code. */
    void dropStoreFilter() {
        storePage = -1;
    }

    /**
     * Store of part of a word (SWL/SWR): {@code mask} selects the bits of the aligned word at {@code va}
     * taken from {@code value}. Translated as a store, so a fault is TLBS/Mod, never TLBL.
     */
    public void mergeStore32(long va, int value, int mask) {
        long pa = memSys != null ? mmu.translateCca(va, Mmu.STORE) : mmu.translate(va, Mmu.STORE); // unaligned vAddr: BadVAddr on a fault (see load32Aligned)
        if (pa < 0) return;
        pa &= ~3L;
        if (memSys != null && pa < ram.sizeBytes) {
            memSys.merge32(va & ~3L, pa, mmu.lastCca, value, mask, cycle);
            return;
        }
        if (pa < ram.sizeBytes) {
            ram.write32(pa, (ram.read32(pa) & ~mask) | (value & mask));
            codeInvalidator.stored(pa);
            return;
        }
        int old = ioRead(pa, 4, va, false);
        if (!memFault) ioWrite(pa, 4, (old & ~mask) | (value & mask), va);
    }

    /** Store of part of a doubleword (SDL/SDR); see {@link #mergeStore32}. */
    public void mergeStore64(long va, long value, long mask) {
        long pa = memSys != null ? mmu.translateCca(va, Mmu.STORE) : mmu.translate(va, Mmu.STORE);
        if (pa < 0) return;
        pa &= ~7L;
        if (memSys != null && pa + 8 <= ram.sizeBytes) {
            memSys.merge64(va & ~7L, pa, mmu.lastCca, value, mask, cycle);
            return;
        }
        if (pa + 8 <= ram.sizeBytes) {
            ram.write64(pa, (ram.read64(pa) & ~mask) | (value & mask));
            codeInvalidator.stored(pa);
            codeInvalidator.stored(pa + 4);
            return;
        }
        memFault = true;
        raise(ExcCode.DBE); // partial doubleword stores to devices are not supported by the board
    }

    /**
     * Timed-mode load of the aligned {@code size} bytes containing {@code va} (alignment of ordinary loads
     * already checked; LWL/LWR/LDL/LDR pass the unaligned address): RAM through the cache hierarchy
     * with the page's attribute, devices over SysAD (one uncached round trip, hardware reference §1.3).
     */
    private long timedLoad(long va, int size) {
        long pa = mmu.translateCca(va, Mmu.LOAD); // the unaligned vAddr for LWL/LWR/LDL/LDR (BadVAddr)
        if (pa < 0) return 0;
        if (writeBackRam(pa)) {
            loadPage = va & ~0xFFFL;
            loadPagePa = pa & ~0xFFFL;
        }
        pa &= -size;
        va &= -size;
        MemorySystem m = memSys;
        if (pa + size <= ram.sizeBytes) {
            int cca = mmu.lastCca;
            switch (size) {
                case 1: return m.load8(va, pa, cca, cycle);
                case 2: return m.load16(va, pa, cca, cycle);
                case 4: return m.load32(va, pa, cca, cycle);
                default: return m.load64(va, pa, cca, cycle);
            }
        }
        m.deviceRead(cycle);
        if (size < 8) return ioRead(pa, size, va, false);
        long first = ioRead(pa, 4, va, false) & 0xFFFFFFFFL;
        if (memFault) return 0;
        long second = ioRead(pa + 4, 4, va, false) & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /**
     * Timed mode: whether the translation just made (its attribute in {@code mmu.lastCca}) may become the
     * last-page filter: write-back RAM, while the MMU caches translations. The filter then stands for the
     * translation only: the access still goes through the cache model with the page's attribute.
     */
    private boolean writeBackRam(long pa) {
        return pa < ram.sizeBytes && mmu.lastCca == WRITE_BACK && mmu.cachesTranslations();
    }

    /** Timed-mode store; see {@link #timedLoad}. Uncached and write-through stores use the write buffer. */
    private void timedStore(long va, int size, long v) {
        long pa = mmu.translateCca(va, Mmu.STORE);
        if (pa < 0) return;
        if (writeBackRam(pa)) {
            storePage = va & ~0xFFFL;
            storePagePa = pa & ~0xFFFL;
        }
        MemorySystem m = memSys;
        if (pa + size <= ram.sizeBytes) {
            int cca = mmu.lastCca;
            switch (size) {
                case 1: m.store8(va, pa, cca, (int) v, cycle); return;
                case 2: m.store16(va, pa, cca, (int) v, cycle); return;
                case 4: m.store32(va, pa, cca, (int) v, cycle); return;
                default: m.store64(va, pa, cca, v, cycle); return;
            }
        }
        m.deviceWrite(cycle);
        if (size < 8) {
            ioWrite(pa, size, (int) v, va);
            return;
        }
        int hiw = (int) (v >>> 32), low = (int) v;
        ioWrite(pa, 4, bigEndian ? hiw : low, va);
        if (!memFault) ioWrite(pa + 4, 4, bigEndian ? low : hiw, va);
    }

    /** Physical address of the last successful data translation, for LL's LLAddr. */
    public long physicalAddressOf(long va) {
        return mmu.translate(va, Mmu.LOAD);
    }

    /** Device or hole: a bus error (DBE) for unmapped physical addresses (P-5064 map, reference §4.1). */
    private int ioRead(long pa, int size, long va, boolean fetch) {
        if (!bus.isMapped(pa, size)) {
            memFault = true;
            raise(fetch ? ExcCode.IBE : ExcCode.DBE);
            return 0;
        }
        int v = bus.read(pa, size);
        requestEventCheck(); // a device read may change interrupt lines
        return v;
    }

    private void ioWrite(long pa, int size, int v, long va) {
        if (!bus.isMapped(pa, size)) {
            memFault = true;
            raise(ExcCode.DBE);
            return;
        }
        bus.write(pa, size, v);
        requestEventCheck();
    }

    /** Reads an instruction word at physical {@code pa} outside RAM (boot ROM, or a bus error). */
    public int fetchIo(long pa) {
        return ioRead(pa, 4, pc, true);
    }

    // ------------------------------------------------------------------ mode queries

    /** 0 kernel, 1 supervisor, 2 user (EXL or ERL force kernel). */
    public int mode() {
        int st = cp0.status;
        if ((st & (SR_EXL | SR_ERL)) != 0) return 0;
        return (st & SR_KSU_MASK) >>> SR_KSU_SHIFT;
    }

    public boolean isKernel() { return mode() == 0; }

    /** CP0 usable: kernel mode or CU0 (MIPS III). */
    public boolean cp0Usable() { return mode() == 0 || (cp0.status & SR_CU0) != 0; }

    /** 64-bit operations allowed: kernel mode always; user needs UX; supervisor needs SX (MIPS III). */
    public boolean op64Allowed() {
        switch (mode()) {
            case 0: return true;
            case 1: return (cp0.status & SR_SX) != 0;
            default: return (cp0.status & SR_UX) != 0;
        }
    }

    /** Sign-extends a 32-bit result into a 64-bit register value. */
    public static long sx32(long v) { return (long) (int) v; }
}
