package pebble.r5k.portal.gen;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.Operand;

/**
 * Instructions executed along a path through portal code, from its first instruction to its ERET.
 * Portal code branches only forward, so a path is a walk that either falls through every conditional
 * branch or takes them.
 */
public final class PathLength {
    private PathLength() {}

    /** Instructions executed when every conditional branch falls through (the call's success path; the longest return). */
    public static int fallThrough(PortalCode code) { return walk(code, false); }

    /** Instructions executed when every conditional branch is taken. */
    public static int branchesTaken(PortalCode code) { return walk(code, true); }

    private static int walk(PortalCode code, boolean take) {
        int[] words = code.words();
        int count = 0;
        int i = 0;
        while (i < words.length) {
            Op op = Decoder.decode(words[i]);
            count++;
            if (op == Op.ERET) return count;
            if (op.has(Effects.BRANCH)) {
                count++; // the delay slot
                if (take) {
                    Operand field = op.format.operand(op.format.count() - 1);
                    i = i + 1 + (int) field.extract(words[i]);
                } else {
                    i += 2;
                }
                continue;
            }
            i++;
        }
        throw new IllegalStateException(code.name() + ": no ERET on the path");
    }
}
