package pebble.r5k.asm;

/** Thrown by {@link Assembler#assemble} when the sources have errors; {@link #getMessage()} lists all of them, one per line. */
public final class AssemblyException extends Exception {
    private final Diagnostics diagnostics;

    public AssemblyException(Diagnostics diagnostics) {
        super(diagnostics.toString(), null, false, false);
        this.diagnostics = diagnostics;
    }

    public Diagnostics diagnostics() { return diagnostics; }
}
