package pebble.r5k.elf;

/**
 * A symbol, as written by {@link ElfWriter} and as read by {@link ElfReader}.
 *
 * @param name    symbol name (may be empty for unnamed symbols read from a file)
 * @param value   address (for ELF32 images read from a file: sign-extended to 64 bits, see {@link ElfFile})
 * @param size    st_size
 * @param type    {@link ElfConstants#STT_NOTYPE}, {@code STT_OBJECT}, {@code STT_FUNC}, {@code STT_SECTION}, ...
 * @param bind    {@link ElfConstants#STB_LOCAL}, {@code STB_GLOBAL}, {@code STB_WEAK}
 * @param section name of the defining section, or null for absolute (and, when read, undefined/common) symbols
 */
public record ElfSymbol(String name, long value, long size, int type, int bind, String section) {
    public ElfSymbol {
        if (name == null) throw new IllegalArgumentException("symbol name is null");
    }

    public boolean isLocal() { return bind == ElfConstants.STB_LOCAL; }
}
