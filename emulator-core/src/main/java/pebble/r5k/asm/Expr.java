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

    /** {@code %hi(e)} / {@code %lo(e)}; the halves are {@link pebble.r5k.emit.Reloc#hi16} / {@code lo16}. */
    record HiLo(boolean hi, Expr e, int col) implements Expr {}
}
