package pebble.r5k.portal.spec;

/** The first character of a portal spec: which stack the callee runs on (Pebble §4.4, §5.4). */
public enum StackKind {
    /** {@code s}: the callee shares the caller's stack; no stack work at all (§5.4). */
    SHARED('s'),
    /** {@code n}: the callee gets a stack from its own domain's stack queue, returned to it on return (§5.4). */
    NEW('n');

    public final char letter;

    StackKind(char letter) { this.letter = letter; }

    /** The kind spelled {@code c}, or null. */
    public static StackKind of(char c) {
        for (StackKind k : values()) if (k.letter == c) return k;
        return null;
    }
}
