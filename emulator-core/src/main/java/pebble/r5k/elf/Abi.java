package pebble.r5k.elf;

/** The MIPS calling convention / data model an image was built for. */
public enum Abi {
    /** 32-bit ELF, 32-bit pointers and registers as seen by the ABI. */
    O32("o32"),
    /** 32-bit ELF with EF_MIPS_ABI2: 32-bit pointers, 64-bit registers. */
    N32("n32"),
    /** 64-bit ELF: 64-bit pointers and registers. */
    N64("n64");

    private final String label;

    Abi(String label) { this.label = label; }

    /** Lower-case name as GCC spells it in {@code -mabi=}. */
    public String label() { return label; }
}
