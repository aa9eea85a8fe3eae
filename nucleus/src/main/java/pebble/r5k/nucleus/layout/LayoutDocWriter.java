package pebble.r5k.nucleus.layout;

/**
 * Renders docs/nucleus-layout.md from the layout (committed; LayoutDocTest fails when it drifts): one table
 * and one byte diagram per struct, in the spirit of seL4's tools/bitfield_gen.md.
 */
public final class LayoutDocWriter {
    private LayoutDocWriter() {}

    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Nucleus data layout\n\n")
          .append("Generated from `pebble.r5k.nucleus.layout.NucleusLayout` by `LayoutDocWriter`; do not edit ")
          .append("(`LayoutDocTest` fails when this file differs; regenerate with\n")
          .append("`mvn -q -o -pl nucleus -am test -Dtest=LayoutDocTest -Dlayout.doc.write=true -Dsurefire.failIfNoSpecifiedTests=false`).\n")
          .append("Assembly names are `<PREFIX>_<FIELD>`; arrays add `_COUNT` and `_SHIFT` (element index shift), ")
          .append("bit-fields `_SHIFT` and `_MASK`, indexed structs `<PREFIX>_SHIFT` with `1 << shift == size`. ")
          .append("The design is in [nucleus.md](nucleus.md).\n");
        for (Struct s : NucleusLayout.STRUCTS) struct(sb, s);
        sb.append("\n## Constants\n\n| name | value | meaning |\n|---|---|---|\n");
        for (Constant c : NucleusLayout.constants()) {
            sb.append("| `").append(c.name()).append("` | ").append(c.hex()).append(" | ").append(c.doc()).append(" |\n");
        }
        return sb.toString();
    }

    private static void struct(StringBuilder sb, Struct s) {
        sb.append("\n## ").append(s.name()).append(" (`").append(s.prefix()).append("_*`)\n\n")
          .append(capital(s.doc())).append(". Size ").append(s.sizeBytes()).append(" bytes, aligned to ").append(s.align())
          .append(s.isIndexed() ? ", index shift " + s.shift() : "").append(".\n\n")
          .append("| offset | field | type | meaning |\n|---:|---|---|---|\n");
        for (Field f : s.fields()) {
            String type = f.width().name().toLowerCase() + (f.isArray() ? "[" + f.count() + "]" : "");
            sb.append("| ").append(f.offset()).append(" | `").append(s.prefix()).append('_').append(f.name()).append("` | ")
              .append(type).append(" | ").append(f.doc().replace("|", "\\|")).append(" |\n");
            for (Field.BitField b : f.bits()) {
                sb.append("| | ↳ `").append(s.prefix()).append('_').append(b.name()).append("` | bits ")
                  .append(b.shift() + b.width() - 1).append(b.width() > 1 ? ":" + b.shift() : "").append(" | ").append(b.doc()).append(" |\n");
            }
        }
        sb.append("\n```\n").append(diagram(s)).append("```\n");
    }

    /**
     * One line per 4-byte word: byte offset, then each byte labelled with the field it belongs to. A run of
     * words inside one array prints its first and last word with "..." between.
     */
    static String diagram(Struct s) {
        StringBuilder sb = new StringBuilder();
        int words = (s.sizeBytes() + 3) / 4;
        boolean elided = false;
        for (int w = 0; w < words; w++) {
            boolean inRun = w > 0 && w + 1 < words && shape(s, w).equals(shape(s, w - 1)) && shape(s, w).equals(shape(s, w + 1));
            if (inRun) {
                if (!elided) sb.append("     ...\n");
                elided = true;
                continue;
            }
            elided = false;
            sb.append(String.format("%4d ", 4 * w)).append(row(s, w)).append('\n');
        }
        return sb.toString();
    }

    /** One word as byte cells of {@link #CELL} characters; neighbouring bytes of one field share a cell. */
    private static String row(Struct s, int w) {
        StringBuilder sb = new StringBuilder("|");
        int b = 0;
        while (b < 4) {
            String o = owner(s, 4 * w + b);
            int span = 1;
            while (b + span < 4 && owner(s, 4 * w + b + span).equals(o)) span++;
            int width = span * (CELL + 1) - 1;
            int left = Math.max(0, (width - o.length()) / 2);
            sb.append(" ".repeat(left)).append(o).append(" ".repeat(Math.max(0, width - left - o.length()))).append('|');
            b += span;
        }
        return sb.toString();
    }

    private static final int CELL = 12;

    /** The owners of a word without array indexes: equal shapes inside an array are elided. */
    private static String shape(Struct s, int w) {
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < 4; b++) sb.append(owner(s, 4 * w + b).replaceAll("\\[\\d+\\]", "")).append('|');
        return sb.toString();
    }

    private static String owner(Struct s, int byteOffset) {
        for (Field f : s.fields()) {
            if (byteOffset >= f.offset() && byteOffset < f.end()) {
                if (!f.isArray()) return f.name();
                return f.name() + "[" + (byteOffset - f.offset()) / f.width().bytes + "]";
            }
        }
        return byteOffset < s.sizeBytes() ? "(pad)" : "";
    }

    private static String capital(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
