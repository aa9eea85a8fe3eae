package pebble.r5k.asm;

import java.io.ByteArrayOutputStream;

/** Parses the quoted strings of {@code .ascii}/{@code .asciz} with C escapes. */
final class StringLit {
    private StringLit() {}

    static int escape(char c) {
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return 11;
            case 'a': return 7;
            case 'e': return 27;
            case '0': return 0;
            default: return c;
        }
    }

    /**
     * Parses the string literal starting at {@code text[i]} (a '"'); appends its bytes to {@code out} and
     * returns the index after the closing quote.
     */
    static int parse(String text, int i, int col0, ByteArrayOutputStream out) {
        int p = i + 1;
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == '"') return p + 1;
            if (c == '\\' && p + 1 < text.length()) {
                char n = text.charAt(p + 1);
                if (n >= '0' && n <= '7') {
                    int v = 0, k = 0;
                    p++;
                    while (k < 3 && p < text.length() && text.charAt(p) >= '0' && text.charAt(p) <= '7') {
                        v = v * 8 + (text.charAt(p) - '0');
                        p++;
                        k++;
                    }
                    out.write(v);
                    continue;
                }
                if (n == 'x' || n == 'X') {
                    int v = 0;
                    p += 2;
                    while (p < text.length() && Character.digit(text.charAt(p), 16) >= 0) {
                        v = v * 16 + Character.digit(text.charAt(p), 16);
                        p++;
                    }
                    out.write(v);
                    continue;
                }
                out.write(escape(n));
                p += 2;
                continue;
            }
            out.write(c);  // source is read as ISO-8859-1, so chars are bytes
            p++;
        }
        throw new AsmError(col0 + i, "unterminated string");
    }
}
