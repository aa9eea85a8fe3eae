package pebble.r5k.asm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** All errors of one assembly run, each one line {@code file:line:col: message}, in source order of discovery. */
public final class Diagnostics {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** The errors already reported, for the duplicate check (a list search would make many errors quadratic). */
    private final Set<String> seen = new HashSet<>();

    public void error(SourceLoc loc, String message) {
        String line = loc + ": " + message;
        // one statement can hold two fixups of one symbol (lui/lw of %hi/%lo): report it once
        if (seen.add(line)) errors.add(line);
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
