package pebble.r5k.portal.gen;

/**
 * Instruction slots the R5000 needs between dependent CP0 operations: CP0 is not interlocked, so software
 * pads them (hardware reference §1.3, "CP0 hazards"). These are slots of code, not cycle costs; the cost of
 * each slot comes from the timing table like any other instruction.
 */
final class Cp0Hazards {
    private Cp0Hazards() {}

    /** mtc0 → tlbwi/tlbwr: Linux tlbex.c {@code build_tlb_write_entry}, R5000 case: one nop [V]. */
    static final int MTC0_TO_TLBW = 1;
    /** tlbwi → the next TLB use: the same source, one nop after the write [V]. */
    static final int TLBW_TO_USE = 1;
    /** mtc0 EntryHi → tlbp: Linux tlbex.c {@code build_tlb_probe_entry}, R5000 case: one nop [V]. */
    static final int MTC0_TO_TLBP = 1;
    /** tlbp → mfc0 Index: Linux hazards.h {@code tlb_probe_hazard}, the catch-all used for R5000: three nops [V]. */
    static final int TLBP_TO_MFC0 = 3;
}
