package pebble.r5k.asm;

/** The value of an expression: {@code section}-relative, or absolute when {@code section} is null. */
record Value(Section section, long off) {
    static Value abs(long v) { return new Value(null, v); }

    boolean isAbsolute() { return section == null; }
}
