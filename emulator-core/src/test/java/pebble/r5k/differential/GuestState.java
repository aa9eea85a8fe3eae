package pebble.r5k.differential;

import java.util.Arrays;

/** The architectural state compared after a sequence: GPRs, HI, LO and the scratch buffer. */
final class GuestState {
    final long[] gpr = new long[32];
    long hi, lo;
    final byte[] scratch = new byte[SeqGen.SCRATCH];

    /**
     * Differences from {@code ours} (this is the reference), one line each, or an empty string. Only
     * registers the sequences may use are compared ($0 too: it must stay zero).
     */
    String diff(GuestState ours) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 32; r++) {
            if (r != 0 && !SeqGen.isUsable(r)) continue;
            if (gpr[r] != ours.gpr[r]) {
                sb.append(String.format("  $%-2d qemu=%016x pebble=%016x%n", r, gpr[r], ours.gpr[r]));
            }
        }
        if (hi != ours.hi) sb.append(String.format("  hi  qemu=%016x pebble=%016x%n", hi, ours.hi));
        if (lo != ours.lo) sb.append(String.format("  lo  qemu=%016x pebble=%016x%n", lo, ours.lo));
        if (!Arrays.equals(scratch, ours.scratch)) {
            for (int i = 0; i < scratch.length; i++) {
                if (scratch[i] != ours.scratch[i]) {
                    sb.append(String.format("  scratch[%d] qemu=%02x pebble=%02x%n", i, scratch[i], ours.scratch[i]));
                }
            }
        }
        return sb.toString();
    }
}
