package pebble.r5k.portal.spec;

/** One argument character of a portal spec (Pebble §4.4, §6). */
public enum ArgumentKind {
    /** {@code i}: a word passed unchanged in its register. */
    WORD('i'),
    /** {@code c}: a constant embedded in the portal code, e.g. a control-block pointer (§4.2, Figure 2). */
    CONSTANT('c'),
    /** {@code w}: the address of a one-page memory window, checked and opened for the callee (§5.3). */
    WINDOW('w'),
    /** {@code =}: the portal's own index in the caller's portal table, for interposition stubs (§6, appendix). */
    OWN_INDEX('=');

    public final char letter;

    ArgumentKind(char letter) { this.letter = letter; }

    /** The kind spelled {@code c}, or null. */
    public static ArgumentKind of(char c) {
        for (ArgumentKind k : values()) if (k.letter == c) return k;
        return null;
    }
}
