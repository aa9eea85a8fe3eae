package pebble.r5k.portal.spec;

import java.util.List;

/** A malformed portal spec: every error found in one pass, each one line {@code SPEC:COLUMN: message}. */
public final class PortalSpecException extends Exception {
    private final List<String> errors;

    public PortalSpecException(List<String> errors) {
        super(String.join("\n", errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() { return errors; }
}
