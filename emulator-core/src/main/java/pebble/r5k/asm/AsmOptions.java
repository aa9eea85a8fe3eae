package pebble.r5k.asm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of one assembly run. Default layout (chosen so {@code pebble run prog.s} works on the P-5064
 * in kernel mode): {@code .text} at {@link #DEFAULT_TEXT} in KSEG0, {@code .data} and the other sections
 * following it, each aligned to at least 16 bytes; entry {@code entrySymbol} if set, else {@code _start},
 * else {@code __start}, else the start of {@code .text}.
 *
 * @param dataAddress where {@code .data} goes, or -1 to follow the text sections
 * @param entrySymbol entry symbol name, or null for the default rule
 * @param includeDirs {@code -I} directories for {@code .include} and the {@code .S} preprocessor's {@code #include}
 * @param defines {@code -D NAME[=VALUE]} preprocessor definitions for {@code .S} sources (value "1" when absent)
 */
public record AsmOptions(boolean bigEndian, long textAddress, long dataAddress, String entrySymbol, boolean listing,
                         List<Path> includeDirs, Map<String, String> defines) {
    public static final long DEFAULT_TEXT = 0x80100000L;

    public AsmOptions {
        includeDirs = List.copyOf(includeDirs);
        defines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defines));
    }

    public static AsmOptions defaults() {
        return new AsmOptions(true, DEFAULT_TEXT, -1, null, false, List.of(), Map.of());
    }

    public AsmOptions withBigEndian(boolean be) { return new AsmOptions(be, textAddress, dataAddress, entrySymbol, listing, includeDirs, defines); }
    public AsmOptions withText(long a) { return new AsmOptions(bigEndian, a, dataAddress, entrySymbol, listing, includeDirs, defines); }
    public AsmOptions withData(long a) { return new AsmOptions(bigEndian, textAddress, a, entrySymbol, listing, includeDirs, defines); }
    public AsmOptions withEntry(String s) { return new AsmOptions(bigEndian, textAddress, dataAddress, s, listing, includeDirs, defines); }
    public AsmOptions withListing(boolean l) { return new AsmOptions(bigEndian, textAddress, dataAddress, entrySymbol, l, includeDirs, defines); }

    public AsmOptions withIncludeDir(Path dir) {
        List<Path> l = new ArrayList<>(includeDirs);
        l.add(dir);
        return new AsmOptions(bigEndian, textAddress, dataAddress, entrySymbol, listing, l, defines);
    }

    /** {@code -D} text: {@code NAME} or {@code NAME=VALUE}. */
    public AsmOptions withDefine(String d) {
        Map<String, String> m = new LinkedHashMap<>(defines);
        int eq = d.indexOf('=');
        m.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "1" : d.substring(eq + 1));
        return new AsmOptions(bigEndian, textAddress, dataAddress, entrySymbol, listing, includeDirs, m);
    }
}
