package pebble.r5k.asm;

/**
 * Options of one assembly run. Default layout (chosen so {@code pebble run prog.s} works on the P-5064
 * in kernel mode): {@code .text} at {@link #DEFAULT_TEXT} in KSEG0, {@code .data} and the other sections
 * following it, each aligned to at least 16 bytes; entry {@code entrySymbol} if set, else {@code _start},
 * else {@code __start}, else the start of {@code .text}.
 *
 * @param dataAddress where {@code .data} goes, or -1 to follow the text sections
 * @param entrySymbol entry symbol name, or null for the default rule
 */
public record AsmOptions(boolean bigEndian, long textAddress, long dataAddress, String entrySymbol, boolean listing) {
    public static final long DEFAULT_TEXT = 0x80100000L;

    public static AsmOptions defaults() {
        return new AsmOptions(true, DEFAULT_TEXT, -1, null, false);
    }

    public AsmOptions withBigEndian(boolean be) { return new AsmOptions(be, textAddress, dataAddress, entrySymbol, listing); }
    public AsmOptions withText(long a) { return new AsmOptions(bigEndian, a, dataAddress, entrySymbol, listing); }
    public AsmOptions withData(long a) { return new AsmOptions(bigEndian, textAddress, a, entrySymbol, listing); }
    public AsmOptions withEntry(String s) { return new AsmOptions(bigEndian, textAddress, dataAddress, s, listing); }
    public AsmOptions withListing(boolean l) { return new AsmOptions(bigEndian, textAddress, dataAddress, entrySymbol, l); }
}
