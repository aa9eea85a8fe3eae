package pebble.r5k.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * Word → {@link Op}, built from the REAL rows of the table at class initialisation. Rows are bucketed by
 * primary opcode and then by the secondary field the manual's opcode maps use (funct for SPECIAL, rt for
 * REGIMM, rs and funct for the coprocessors). No row order decides a match: if two REAL rows can match
 * the same word, class initialisation fails (the decodetree rule). Unmatched words decode to
 * {@link Op#RESERVED}.
 */
public final class Decoder {
    private Decoder() {}

    private static final Op[] NO_OPS = new Op[0];
    private static final Op[][][] BUCKETS = build();

    private static int secondaryCount(int primary) {
        switch (primary) {
            case 0: return 64;          // SPECIAL: funct
            case 1: return 32;          // REGIMM: rt
            case 16: case 17: case 18: case 19: return 2048; // COPz / COP1X: rs:funct
            default: return 1;
        }
    }

    private static int secondaryKey(int primary, int word) {
        switch (primary) {
            case 0: return word & 63;
            case 1: return (word >>> 16) & 31;
            case 16: case 17: case 18: case 19: return ((word >>> 15) & 0x7C0) | (word & 63);
            default: return 0;
        }
    }

    /** The bits of a word a secondary key value stands for, and which bits those are. */
    private static int keyBits(int primary, int key) {
        switch (primary) {
            case 0: return key;
            case 1: return key << 16;
            case 16: case 17: case 18: case 19: return ((key >>> 6) << 21) | (key & 63);
            default: return 0;
        }
    }

    private static int keyMask(int primary) {
        switch (primary) {
            case 0: return 63;
            case 1: return 31 << 16;
            case 16: case 17: case 18: case 19: return (31 << 21) | 63;
            default: return 0;
        }
    }

    private static Op[][][] build() {
        Op[][][] table = new Op[64][][];
        for (int p = 0; p < 64; p++) {
            int n = secondaryCount(p);
            int kmask = keyMask(p);
            Op[][] buckets = new Op[n][];
            for (int k = 0; k < n; k++) {
                int kbits = keyBits(p, k) | (p << 26);
                List<Op> list = new ArrayList<>();
                for (Op op : Op.all()) {
                    if (!op.isReal()) continue;
                    if ((op.mask & 0xFC000000) != 0xFC000000) throw new IllegalStateException(op + ": mask does not fix the primary opcode");
                    int fixed = op.mask & (kmask | 0xFC000000);
                    if (((kbits ^ op.match) & fixed) == 0) list.add(op);
                }
                for (int i = 0; i < list.size(); i++) {
                    for (int j = i + 1; j < list.size(); j++) {
                        Op a = list.get(i), b = list.get(j);
                        if (((a.match ^ b.match) & a.mask & b.mask) == 0) {
                            throw new IllegalStateException("instruction table overlap: " + a + " and " + b);
                        }
                    }
                }
                buckets[k] = list.isEmpty() ? NO_OPS : list.toArray(NO_OPS);
            }
            table[p] = buckets;
        }
        return table;
    }

    /** Decodes one instruction word. Never returns null. */
    public static Op decode(int word) {
        int p = word >>> 26;
        Op[] candidates = BUCKETS[p][secondaryKey(p, word)];
        for (Op op : candidates) {
            if ((word & op.mask) == op.match) return op;
        }
        return Op.RESERVED;
    }
}
