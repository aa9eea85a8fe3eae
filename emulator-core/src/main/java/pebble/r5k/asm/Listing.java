package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.emit.CodeBuffer;

/**
 * The {@code -a} listing: which bytes each source statement produced, printed with their final
 * addresses once the sections are laid out.
 */
final class Listing {
    private record ListingLine(Section section, int start, int end, SourceLoc loc, String text) {}

    private final List<ListingLine> lines = new ArrayList<>();

    /** Statement {@code text} at {@code loc} produced bytes {@code start..end} of {@code section}. */
    void add(Section section, int start, int end, SourceLoc loc, String text) {
        lines.add(new ListingLine(section, start, end, loc, text));
    }

    List<String> render() {
        List<String> out = new ArrayList<>();
        for (ListingLine l : lines) {
            StringBuilder sb = new StringBuilder();
            int step = l.section().exec ? 4 : 4;
            for (int off = l.start(); off < l.end(); off += step) {
                int n = Math.min(step, l.end() - off);
                String bytes = n == 4 ? String.format("%08x", l.section().buf.readWord(off)) : hex(l.section().buf, off, n);
                if (off == l.start()) {
                    sb.append(String.format("%08x  %-8s  %s:%d: %s", l.section().addr + off, bytes, l.loc().file(), l.loc().line(), l.text()));
                } else {
                    sb.append(String.format("%n%08x  %-8s", l.section().addr + off, bytes));
                }
                if (off - l.start() >= 64 && !l.section().exec) {
                    sb.append(" ...");
                    break;
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String hex(CodeBuffer b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("%02x", b.read(off + i, 1)));
        return sb.toString();
    }
}
