package pebble.r5k.asm;

/** A label or {@code .equ} constant. {@code section == null} and defined means absolute. */
final class Symbol {
    final String name;
    boolean defined;
    Section section;
    long value;
    /** An {@code .equ} whose value could not be computed when it was defined. */
    Expr lazy;
    boolean global;
    boolean local;
    boolean isLabel;
    /** ELF STT_* (0 = NOTYPE). */
    int type;
    long size;
    SourceLoc definedAt;
    boolean resolving;

    Symbol(String name) {
        this.name = name;
    }

    /** Numeric local labels ({@code 1:}) get generated names and stay out of the symbol table. */
    boolean isGenerated() { return name.indexOf('\u0002') >= 0; }
}
