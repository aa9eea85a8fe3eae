package pebble.r5k.disasm;

/** Names code addresses for the disassembler, the way objdump annotates branch and jump targets. */
@FunctionalInterface
public interface SymbolLookup {
    /**
     * The annotation for {@code addr} in objdump's style, angle brackets included ({@code "<main>"},
     * {@code "<main+0x10>"}, {@code "<_ftext-0x4>"}), or null when nothing is known: the target is then
     * printed as a bare {@code 0x...} number, as objdump does for an image without symbols.
     */
    String nameFor(long addr);

    /** No symbols at all. */
    SymbolLookup NONE = addr -> null;
}
