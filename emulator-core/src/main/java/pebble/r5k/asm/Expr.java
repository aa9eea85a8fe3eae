package pebble.r5k.asm;

/** Assembly expression tree; evaluated by {@link Assembler} (now, or after layout for fixups). */
sealed interface Expr {
    /** 1-based column of the expression's start in its source line. */
    int col();

    record Num(long v, int col) implements Expr {}

    record Sym(String name, Scope scope, int col) implements Expr {}

    /** {@code .}: the location counter where the expression was written. */
    record Here(Section section, long off, int col) implements Expr {}

    record Unary(char op, Expr e, int col) implements Expr {}

    record Binary(String op, Expr l, Expr r, int col) implements Expr {}

    /** {@code %hi(e)} / {@code %lo(e)}. */
    record HiLo(boolean hi, Expr e, int col) implements Expr {}

    static long hi(long v) { return ((v + 0x8000) >> 16) & 0xFFFF; }

    static long lo(long v) { return v & 0xFFFF; }
}
