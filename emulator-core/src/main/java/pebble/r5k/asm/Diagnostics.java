package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.List;

/** All errors of one assembly run, each one line {@code file:line:col: message}, in source order of discovery. */
public final class Diagnostics {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(SourceLoc loc, String message) {
        String line = loc + ": " + message;
        // one statement can hold two fixups of one symbol (lui/lw of %hi/%lo): report it once
        if (!errors.contains(line)) errors.add(line);
    }

    public void warning(SourceLoc loc, String message) {
        warnings.add(loc + ": warning: " + message);
    }

    /** An error with no source position (e.g. an unreadable file). */
    public void error(String message) { errors.add(message); }

    public boolean hasErrors() { return !errors.isEmpty(); }
    public List<String> errors() { return errors; }
    public List<String> warnings() { return warnings; }

    @Override public String toString() { return String.join("\n", errors); }
}
