package pebble.r5k.cpu;

/** A loop's cached fetch window (page or I-cache line and its translation), dropped on MMU flushes. */
interface FetchWindow {
    /** Every window goes: the MMU flushed (Config.K0 too), or a CACHE op touched the I-cache. */
    void invalidateFetch();

    /**
     * The mode, the ASID or a TLB entry changed; {@code kernel}: the CPU is now in kernel mode. A window on a kseg0
     * page stays in kernel mode: its translation depends on none of these ({@link Mmu#inKseg0}). The ASID
     * switch and the TLB write of a kernel's short paths then do not send the next fetch through the MMU and
     * the I-cache probe again (docs/translator.md, "The kernel path's fixed costs").
     */
    void mappingsChanged(boolean kernel);
}
