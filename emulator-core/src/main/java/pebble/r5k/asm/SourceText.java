package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical helpers for raw source lines: comments, leading blanks, the first word, comma-separated
 * arguments and quoted strings. Pure functions; the assembler's other parts share them.
 */
final class SourceText {
    private SourceText() {}

    static int leading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    static String firstWord(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
        int j = i;
        while (j < line.length() && !Character.isWhitespace(line.charAt(j))) j++;
        return line.substring(i, j);
    }

    static String stripComment(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') quote = !quote;
            if (!quote && c == '#') return s.substring(0, i);
        }
        return s;
    }

    /** Replaces block comments with spaces, keeping line breaks so line and column numbers stay right. */
    static String stripBlockComments(String text) {
        StringBuilder sb = new StringBuilder(text);
        boolean quote = false;
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (c == '\n') quote = false;
            if (c == '"' && (i == 0 || sb.charAt(i - 1) != '\\')) quote = !quote;
            if (quote) continue;
            if (c == '#') { // line comment: skip to end of line
                while (i < sb.length() && sb.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < sb.length() && sb.charAt(i + 1) == '*') {
                int j = i;
                while (j < sb.length() && !(sb.charAt(j) == '*' && j + 1 < sb.length() && sb.charAt(j + 1) == '/')) {
                    if (sb.charAt(j) != '\n') sb.setCharAt(j, ' ');
                    j++;
                }
                if (j < sb.length()) {
                    sb.setCharAt(j, ' ');
                    sb.setCharAt(j + 1, ' ');
                }
                i = j + 1;
            }
        }
        return sb.toString();
    }

    static List<String> splitArgs(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) quote = !quote;
            if (quote) continue;
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == ',' && depth == 0) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.isBlank()) out.add(text.substring(start));
        return out;
    }

    /** Strips single quotes ({@code .ifc 'a', 'b'}). */
    static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '\'' && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    /** Strips double quotes ({@code .error "text"}). */
    static String unquoteString(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
