package pebble.r5k.portal.gen;

import java.util.List;

import pebble.r5k.emit.Fixup;

/**
 * One generated code block (a call or a return portal) as a template: its words with every install-time
 * field zero, the fixups that fill them, its commented phases and the offset of its point of no return.
 *
 * @param bytes big-endian instruction words (the order does not matter to {@link #words()})
 * @param commitOffset byte offset of the first instruction after the point of no return
 */
public record PortalCode(String name, byte[] bytes, List<Fixup> fixups, List<Phase> phases, int commitOffset) {
    public int instructionCount() { return bytes.length / 4; }

    /** The template's words (install-time fields zero). */
    public int[] words() {
        int[] w = new int[bytes.length / 4];
        for (int i = 0; i < w.length; i++) {
            w[i] = (bytes[4 * i] & 0xFF) << 24 | (bytes[4 * i + 1] & 0xFF) << 16 | (bytes[4 * i + 2] & 0xFF) << 8 | (bytes[4 * i + 3] & 0xFF);
        }
        return w;
    }

    /** The final words for a portal whose code starts at {@code address} (KSEG0) with these values. */
    public int[] patched(PortalValues values, long address) {
        return PortalPatcher.apply(words(), fixups, values, address);
    }
}
