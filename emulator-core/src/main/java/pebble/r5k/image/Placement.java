package pebble.r5k.image;

/** Where an image's code and data run, which decides the TLB the boot monitor leaves (docs/reset-state.md). */
public enum Placement {
    /** Every code and data segment in KSEG0/KSEG1 (CKSEG0/CKSEG1 for ELF64): the TLB is left empty. */
    KSEG,
    /** Some code or data in kuseg (gcc's default link): wired TLB entries map kuseg onto RAM. */
    KUSEG
}
