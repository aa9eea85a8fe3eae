package pebble.r5k.disasm;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;

import java.util.ArrayList;
import java.util.List;

/**
 * For every REAL row, the ALIAS rows that can spell its words, in table order: the first one that matches
 * a word is how objdump prints it. Built once from the table; an alias belongs to the REAL row its match
 * decodes to (IsaTableTest checks that it cannot match words of any other row).
 */
public final class Spellings {
    private Spellings() {}

    private static final Op[] NONE = new Op[0];
    private static final Op[][] BY_REAL = build();

    private static Op[][] build() {
        Op[] all = Op.all();
        List<List<Op>> lists = new ArrayList<>();
        for (int i = 0; i < all.length; i++) lists.add(new ArrayList<>());
        for (Op op : all) {
            if (op.kind != OpKind.ALIAS) continue;
            Op real = Decoder.decode(op.match);
            if (real == Op.RESERVED) throw new IllegalStateException(op + ": alias of no REAL row");
            lists.get(real.ordinal()).add(op);
        }
        Op[][] out = new Op[all.length][];
        for (int i = 0; i < all.length; i++) out[i] = lists.get(i).isEmpty() ? NONE : lists.get(i).toArray(NONE);
        return out;
    }

    /** The ALIAS rows of {@code real}, in preference order (shared; do not modify). */
    public static Op[] aliasesOf(Op real) { return BY_REAL[real.ordinal()]; }

    /** The row whose mnemonic and format print {@code word}: its first matching alias, else its REAL row. */
    public static Op of(int word) {
        Op real = Decoder.decode(word);
        for (Op alias : BY_REAL[real.ordinal()]) {
            if ((word & alias.mask) == alias.match) return alias;
        }
        return real;
    }
}
