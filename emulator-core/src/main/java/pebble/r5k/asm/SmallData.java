package pebble.r5k.asm;

import java.util.List;
import java.util.Set;

/**
 * GNU as's small-data model for non-PIC o32 code (its default {@code -G 8}): symbols defined in
 * {@code .sdata}/{@code .sbss} (and {@code .comm}/{@code .lcomm} objects of at most 8 bytes, which go to
 * {@code .sbss}) are loaded, stored and {@code la}'d relative to {@code $gp}, which the program points at
 * {@code _gp} ({@code la $gp, _gp}); GNU ld puts {@code _gp} 0x7ff0 bytes past the start of the small-data area.
 * GNU decides at the end of the file, so a forward reference counts too: {@link #scan} finds those names first.
 */
final class SmallData {
    static final long G = 8;
    static final long GP_BIAS = 0x7FF0;
    /** GNU as: a larger constant offset from the symbol is not reached through $gp. */
    static final long MAX_OFFSET = 0x7FF0;

    private SmallData() {}

    static boolean isSmall(String section) {
        return rank(section) > 0;
    }

    /** Order of the small-data sections in GNU ld's default script (0: not small data). */
    static int rank(String section) {
        if (section.equals(".sdata") || section.startsWith(".sdata.")) return 1;
        if (section.equals(".lit8")) return 2;
        if (section.equals(".lit4")) return 3;
        if (section.equals(".sbss") || section.startsWith(".sbss.")) return 4;
        return 0;
    }

    /** Adds to {@code out} the labels defined in small sections and the small {@code .comm/.lcomm} names. */
    static void scan(List<Preprocessor.PLine> lines, Set<String> out) {
        boolean small = false, previous = false;
        for (Preprocessor.PLine l : lines) {
            String text = l.text();
            int hash = text.indexOf('#');
            if (hash >= 0) text = text.substring(0, hash);
            for (String st : text.split(";")) {
                String t = st.strip();
                // leading labels
                for (;;) {
                    int i = 0;
                    while (i < t.length() && ExprParser.isSymPart(t.charAt(i))) i++;
                    if (i == 0 || i >= t.length() || t.charAt(i) != ':') break;
                    if (small && !Character.isDigit(t.charAt(0))) out.add(t.substring(0, i));
                    t = t.substring(i + 1).strip();
                }
                if (!t.startsWith(".")) continue;
                int sp = 0;
                while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) sp++;
                String d = t.substring(0, sp).toLowerCase(), args = t.substring(sp).strip();
                boolean was = small;
                switch (d) {
                    case ".sdata": small = true; break;
                    case ".text": case ".data": case ".bss": case ".rdata": case ".rodata": small = false; break;
                    case ".section": {
                        String name = args.split("[,\\s]", 2)[0].replace("\"", "");
                        small = isSmall(name);
                        break;
                    }
                    case ".previous": small = previous; break;
                    case ".comm": case ".lcomm": {
                        String[] a = args.split(",");
                        if (a.length >= 2) {
                            try {
                                if (Long.decode(a[1].strip()) <= G) out.add(a[0].strip());
                            } catch (NumberFormatException e) {
                                // a size expression: the directive itself decides when it is assembled
                            }
                        }
                        continue;
                    }
                    default: continue;
                }
                previous = was;
            }
        }
    }
}
