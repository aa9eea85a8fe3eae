package pebble.r5k.debug;

/** Hex digits of the GDB remote protocol (lower case out, either case in). */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    static void appendByte(StringBuilder sb, int b) {
        sb.append(DIGITS[(b >>> 4) & 0xF]).append(DIGITS[b & 0xF]);
    }

    /** The byte at {@code s[off..off+1]}; throws NumberFormatException for anything but two hex digits. */
    static int parseByte(String s, int off) {
        if (off + 2 > s.length()) throw new NumberFormatException("short hex");
        return digit(s.charAt(off)) << 4 | digit(s.charAt(off + 1));
    }

    static int digit(char ch) {
        int d = Character.digit(ch, 16);
        if (d < 0) throw new NumberFormatException("not hex: " + ch);
        return d;
    }

    /** An unsigned hex number of 1..16 digits (addresses, lengths, register numbers). */
    static long parseLong(String s) {
        if (s.isEmpty() || s.length() > 16) throw new NumberFormatException("bad hex number: " + s);
        long v = 0;
        for (int i = 0; i < s.length(); i++) v = v << 4 | digit(s.charAt(i));
        return v;
    }
}
