package pebble.r5k.asm;

/** A position in assembly source: file, 1-based line and column. */
public record SourceLoc(String file, int line, int col) {
    public SourceLoc at(int column) { return new SourceLoc(file, line, column); }

    @Override public String toString() { return file + ":" + line + ":" + col; }
}
