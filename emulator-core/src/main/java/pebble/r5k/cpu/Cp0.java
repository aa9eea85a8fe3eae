package pebble.r5k.cpu;

import static pebble.r5k.cpu.Cp0Reg.*;

/**
 * The R5000's CP0 registers (hardware reference §3.2): storage plus the read/write rules of MFC0/MTC0
 * and the Count/Compare timer. Count increments every other pipeline cycle and is derived from the one
 * cycle counter; Count == Compare raises Cause.IP7 until Compare is written.
 */
public final class Cp0 {
    private final Cpu cpu;

    public int index;
    public long entryLo0, entryLo1;
    public long context;
    public int pageMask;
    public int wired;
    public long badVAddr;
    public long entryHi;
    public int compare;
    public int status;
    /** Cause without IP2..IP7 (those come from the lines below). */
    public int cause;
    public long epc;
    public int config;
    public long llAddr;
    public long xcontext;
    public int tagLo, tagHi;
    public long errorEpc;
    public int ecc, cacheErr;

    /** IP2..IP6 driven by the board. */
    int externalIp;
    /** IP7, latched by a Count == Compare match. */
    boolean timerIp;
    /** Count = (cycle >>> 1) + countBias (mod 2^32). */
    long countBias;
    /** Cycle of the next Count == Compare match. */
    long timerFireAt = Long.MAX_VALUE;
    /** The cycle at which Random was last (re)set to 47. */
    long randomEpoch;

    public final long[] exceptionCount = new long[32];
    /** The sum of {@link #exceptionCount}, kept alongside it (Stats samples it at every ASID switch). */
    public long exceptionTotal;

    Cp0(Cpu cpu) {
        this.cpu = cpu;
    }

    void reset() {
        index = 0;
        entryLo0 = entryLo1 = context = 0;
        pageMask = 0;
        wired = 0;
        badVAddr = entryHi = 0;
        compare = 0;
        cause = 0;
        epc = errorEpc = 0;
        config = CONFIG_RESET_LE | (cpu.bigEndian ? CONFIG_BE : 0);
        llAddr = xcontext = 0;
        tagLo = tagHi = 0;
        externalIp &= 0;
        timerIp = false;
        countBias = -(cpu.cycle >>> 1);
        randomEpoch = cpu.instret;
        scheduleTimer();
    }

    // ---------------------------------------------------------------- timer

    public int count() {
        return (int) ((cpu.cycle >>> 1) + countBias);
    }

    private void scheduleTimer() {
        long half = cpu.cycle >>> 1;
        long delta = (compare - count()) & 0xFFFFFFFFL;
        if (delta == 0) delta = 1L << 32;
        timerFireAt = (half + delta) << 1;
    }

    /** Called by the interpreter's slow path: latches IP7 when the match cycle has passed. */
    void serviceTimer() {
        if (cpu.cycle >= timerFireAt) {
            timerIp = true;
            timerFireAt += 1L << 33;
        }
    }

    long timerFireAt() { return timerFireAt; }

    // ---------------------------------------------------------------- Random

    /**
     * Random counts down from 47 to Wired once per instruction and wraps (R4000 convention; the rate is [U]
     * in hardware reference §3.1). Derived from the instruction counter, so it is deterministic.
     */
    public int random() {
        int span = Tlb.ENTRIES - wired;
        if (span <= 0) return Tlb.ENTRIES - 1;
        long steps = cpu.instret - randomEpoch;
        return (Tlb.ENTRIES - 1) - (int) (steps % span);
    }

    /** Cause as software reads it: stored bits plus the interrupt lines. */
    public int causeRead() {
        return cause | externalIp | (timerIp ? CAUSE_IP7 : 0);
    }

    // ---------------------------------------------------------------- MFC0 / MTC0

    /** MFC0/DMFC0 value of register {@code r} (64-bit; MFC0 sign-extends the low word). */
    public long read(int r) {
        switch (r) {
            case INDEX: return index;
            case RANDOM: return random();
            case ENTRYLO0: return entryLo0;
            case ENTRYLO1: return entryLo1;
            case CONTEXT: return context;
            case PAGEMASK: return pageMask;
            case WIRED: return wired;
            case BADVADDR: return badVAddr;
            case COUNT: return count();
            case ENTRYHI: return entryHi;
            case COMPARE: return compare;
            case STATUS: return status;
            case CAUSE: return causeRead();
            case EPC: return epc;
            case PRID: return PRID_R5000;
            case CONFIG: return config;
            case LLADDR: return llAddr;
            case XCONTEXT: return xcontext;
            case ECC: return ecc;
            case CACHEERR: return cacheErr;
            case TAGLO: return tagLo;
            case TAGHI: return tagHi;
            case ERROREPC: return errorEpc;
            default: return 0; // Watch and unimplemented registers read 0 (hardware reference §6.5)
        }
    }

    /**
     * Whether {@link #write} of register {@code r} changes nothing but that register: no mode, ASID, timer,
     * interrupt, cache or instruction-count state. A translated region runs such a write (MTC0, DMTC0) as a
     * plain semantics call and goes on, instead of handing it to the loop as a kernel instruction
     * (RegionCompiler.kindOf). Keep in step with {@link #write}: Cp0WriteTest writes every register and
     * checks that the ones named here leave the rest of the machine as it was.
     */
    static boolean writeTouchesOnlyTheRegister(int r) {
        return switch (r) {
            case WIRED, COUNT, ENTRYHI, COMPARE, STATUS, CAUSE, CONFIG -> false;
            default -> r >= 0 && r < 32;
        };
    }

    /** MTC0/DMTC0: applies the write rules of each register. */
    public void write(int r, long v) {
        switch (r) {
            case INDEX: index = (index & 0x80000000) | ((int) v & 0x3F); break;
            case ENTRYLO0: entryLo0 = v & Tlb.ENTRYLO_BITS; break;
            case ENTRYLO1: entryLo1 = v & Tlb.ENTRYLO_BITS; break;
            case CONTEXT: context = (context & 0x7FFFF0L) | (v & ~0x7FFFFFL); break;
            case PAGEMASK: pageMask = (int) v & Tlb.PAGEMASK_BITS; break;
            case WIRED:
                wired = (int) v & 0x3F;
                randomEpoch = cpu.instret; // a write to Wired resets Random to 47 (§3.1)
                break;
            case COUNT:
                countBias = ((int) v & 0xFFFFFFFFL) - (cpu.cycle >>> 1);
                scheduleTimer();
                cpu.requestEventCheck(); // the timer's cycle moved: the slow path recomputes the bound
                break;
            case ENTRYHI:
                entryHi = v & 0xC00000FFFFFFE0FFL;
                cpu.mmu.asidChanged();
                cpu.asidWritten();
                break;
            case COMPARE:
                compare = (int) v;
                timerIp = false; // a write to Compare clears the timer interrupt (§3.2)
                scheduleTimer();
                cpu.requestEventCheck(); // as for Count
                break;
            case STATUS:
                // Bit 23 (PX), 19 (NMI) and 24 are not writable on the R5000; keep the rest.
                status = (int) v & ~((1 << 23) | (1 << 24) | (1 << 19));
                cpu.mmu.modeChanged();
                cpu.interruptMaskChanged(); // IE, EXL, ERL or IM may now let a pending interrupt in
                break;
            case CAUSE:
                cause = (cause & ~0x300) | ((int) v & 0x300); // only IP1:0 are writable
                cpu.interruptMaskChanged(); // a software interrupt may now be pending
                break;
            case EPC: epc = v; break;
            case CONFIG:
                config = (config & ~CONFIG_WRITABLE) | ((int) v & CONFIG_WRITABLE);
                cpu.configChanged();
                break;
            case LLADDR: llAddr = v; break;
            case XCONTEXT: xcontext = (xcontext & 0x1FFFFFFF0L) | (v & ~0x1FFFFFFFFL); break;
            case ECC: ecc = (int) v & 0xFF; break;
            case TAGLO: tagLo = (int) v; break;
            case TAGHI: tagHi = (int) v; break;
            case ERROREPC: errorEpc = v; break;
            default: break; // PRId, Random, BadVAddr, CacheErr are read-only; WatchLo/Hi are absent (§6 item 5)
        }
        // The other registers change nothing the slow path looks at (the timer, the devices, whether an
        // interrupt is taken), so they do not send the loop there (docs/translator.md, "Event checks").
    }

    /** TLB refill / invalid / modified: BadVAddr, Context.BadVPN2, XContext and EntryHi.VPN2 (MIPS III). */
    void setTlbFaultAddress(long va) {
        badVAddr = va;
        context = (context & ~0x7FFFF0L) | (((va >>> 13) & 0x7FFFF) << 4);
        xcontext = (xcontext & ~0x1FFFFFFF0L) | (((va >>> 13) & 0x7FFFFFFL) << 4) | (((va >>> 62) & 3) << 31);
        entryHi = (va & 0xC00000FFFFFFE000L) | (entryHi & 0xFF);
    }
}
