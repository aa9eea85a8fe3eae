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

    /**
     * Each REAL row goes into the buckets of the secondary keys it can match: its own primary opcode, and
     * every value of the key bits its mask leaves free (enumerated as subsets, so the cost is the number of
     * placements, not rows × buckets: scanning the whole table for each of the ~8,300 buckets cost ~50 ms of
     * start-up in the interpreter, docs/translator.md, Start-up). Rows keep table order inside a bucket.
     */
    private static Op[][][] build() {
        @SuppressWarnings("unchecked")
        List<Op>[][] lists = new List[64][];
        for (int p = 0; p < 64; p++) lists[p] = new List[secondaryCount(p)];
        for (Op op : Op.all()) {
            if (!op.isReal()) continue;
            if ((op.mask & 0xFC000000) != 0xFC000000) throw new IllegalStateException(op + ": mask does not fix the primary opcode");
            int p = op.match >>> 26;
            // secondaryKey extracts bits, so applied to the mask it says which key bits the row fixes.
            int keyAll = secondaryCount(p) - 1, keyFixed = secondaryKey(p, op.mask), keyValue = secondaryKey(p, op.match) & keyFixed;
            int free = keyAll & ~keyFixed;
            for (int sub = free; ; sub = (sub - 1) & free) {
                List<Op>[] row = lists[p];
                int k = keyValue | sub;
                if (row[k] == null) row[k] = new ArrayList<>();
                row[k].add(op);
                if (sub == 0) break;
            }
        }
        Op[][][] table = new Op[64][][];
        for (int p = 0; p < 64; p++) {
            Op[][] buckets = new Op[lists[p].length][];
            for (int k = 0; k < buckets.length; k++) {
                List<Op> list = lists[p][k];
                if (list == null) {
                    buckets[k] = NO_OPS;
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    for (int j = i + 1; j < list.size(); j++) {
                        Op a = list.get(i), b = list.get(j);
                        if (((a.match ^ b.match) & a.mask & b.mask) == 0) {
                            throw new IllegalStateException("instruction table overlap: " + a + " and " + b);
                        }
                    }
                }
                buckets[k] = list.toArray(NO_OPS);
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
