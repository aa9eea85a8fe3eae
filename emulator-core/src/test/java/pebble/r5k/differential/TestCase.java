package pebble.r5k.differential;

/**
 * One generated straight-line sequence and the machine state it starts from. {@link #body} holds the
 * instruction words; control reaches the epilogue at index {@code body.length} (forward branches may target
 * it). Register {@link SeqGen#BASE} points at the scratch buffer; the reserved registers start at 0.
 */
record TestCase(int index, int[] body, String[] asm, long[] initGpr, long initHi, long initLo, byte[] scratch) {

    /** The sequence as a listing: byte offset, hex word and assembly text per instruction. */
    String listing() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length; i++) {
            sb.append(String.format("  %3x: %08x  %s%n", i * 4, body[i], asm[i]));
        }
        sb.append(String.format("  %3x: (end)%n", body.length * 4));
        return sb.toString();
    }

    /** The initial register values that are not zero, for failure messages. */
    String initialState() {
        StringBuilder sb = new StringBuilder("  init:");
        int n = 0;
        for (int r = 1; r < 32; r++) {
            if (initGpr[r] == 0 || !SeqGen.isUsable(r)) continue;
            sb.append(String.format(" $%d=%x", r, initGpr[r]));
            if (++n % 6 == 0) sb.append("\n       ");
        }
        sb.append(String.format(" hi=%x lo=%x%n  scratch:", initHi, initLo));
        for (int i = 0; i < scratch.length; i++) sb.append(String.format(i % 16 == 0 ? " %02x" : "%02x", scratch[i]));
        return sb.append('\n').toString();
    }
}
