package pebble.r5k.portal.spec;

/** The second character of a portal spec: how much of the caller's state the portal saves (Pebble §4.4). */
public enum SavedState {
    /** {@code m}: minimal; the caller trusts the callee to keep the C calling convention's callee-saved registers. */
    MINIMAL('m'),
    /** {@code p}: partial; the portal itself saves and restores the callee-saved registers ($s0..$s7, $fp, $gp, $ra). */
    PARTIAL('p');

    public final char letter;

    SavedState(char letter) { this.letter = letter; }

    /** The kind spelled {@code c}, or null. */
    public static SavedState of(char c) {
        for (SavedState k : values()) if (k.letter == c) return k;
        return null;
    }
}
