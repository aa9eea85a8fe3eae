package pebble.r5k.portal.spec;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.isa.Reg;

/**
 * A parsed portal specification (Pebble §4.4): the stack kind, the saved-state kind and one kind per
 * argument. The grammar, the limits and every error message are in docs/portal-spec.md.
 *
 * @param text the spec as written
 * @param arguments argument {@code k} travels in {@link #argumentRegister(int) argumentRegister(k)}
 */
public record PortalSpec(String text, StackKind stack, SavedState state, List<ArgumentKind> arguments) {
    /**
     * Arguments go in $a0..$a3 then $t0..$t3 (docs/nucleus.md, "Portal invocation"): the eight registers a
     * portal may pass without touching the caller's stack, which a portal never reads (§7.1: "parameters are
     * passed only in registers").
     */
    private static final int[] ARGUMENT_REGISTERS = {
        Reg.A0, Reg.A1, Reg.A2, Reg.A3, Reg.T0, Reg.T1, Reg.T2, Reg.T3,
    };
    public static final int MAX_ARGUMENTS = ARGUMENT_REGISTERS.length;
    /**
     * An invocation frame remembers one window page (docs/nucleus.md, "Memory windows"), so a portal opens
     * at most one window; every spec of the paper has at most one {@code w}.
     */
    public static final int MAX_WINDOWS = 1;

    public PortalSpec {
        arguments = List.copyOf(arguments);
    }

    /** The register that carries argument {@code position} (0-based) into the callee. */
    public static int argumentRegister(int position) {
        return ARGUMENT_REGISTERS[position];
    }

    public boolean hasNewStack() { return stack == StackKind.NEW; }
    public boolean savesCalleeSaved() { return state == SavedState.PARTIAL; }

    /** Position of the window argument, or -1. */
    public int windowPosition() { return arguments.indexOf(ArgumentKind.WINDOW); }

    /** Parses {@code text}; a malformed spec throws with every error found, each one line with its column. */
    public static PortalSpec parse(String text) throws PortalSpecException {
        List<String> errors = new ArrayList<>();
        if (text.isEmpty()) {
            throw new PortalSpecException(List.of(error(text, 1,
                    "empty spec (expected a stack kind s or n, a saved-state kind m or p, then up to "
                            + MAX_ARGUMENTS + " arguments i, c, w or =)")));
        }
        StackKind stack = StackKind.of(text.charAt(0));
        if (stack == null) errors.add(error(text, 1, "unknown stack kind " + shown(text.charAt(0)) + " (expected s or n)"));
        SavedState state = null;
        if (text.length() < 2) {
            errors.add(error(text, 2, "missing saved-state kind after the stack kind (expected m or p)"));
        } else {
            state = SavedState.of(text.charAt(1));
            if (state == null) errors.add(error(text, 2, "unknown saved-state kind " + shown(text.charAt(1)) + " (expected m or p)"));
        }
        List<ArgumentKind> arguments = new ArrayList<>();
        int windows = 0;
        for (int i = 2; i < text.length(); i++) {
            int column = i + 1;
            ArgumentKind kind = ArgumentKind.of(text.charAt(i));
            if (kind == null) {
                errors.add(error(text, column, "unknown argument kind " + shown(text.charAt(i)) + " (expected i, c, w or =)"));
            } else if (kind == ArgumentKind.WINDOW && ++windows > MAX_WINDOWS) {
                errors.add(error(text, column, "a second window argument (a portal opens at most "
                        + MAX_WINDOWS + " window: its invocation frame remembers one window page)"));
            }
            arguments.add(kind);
            if (arguments.size() == MAX_ARGUMENTS + 1) {
                errors.add(error(text, column, (text.length() - 2) + " arguments, at most " + MAX_ARGUMENTS
                        + " (they travel in $a0..$a3 and $t0..$t3)"));
            }
        }
        if (!errors.isEmpty()) throw new PortalSpecException(errors);
        return new PortalSpec(text, stack, state, arguments);
    }

    private static String error(String text, int column, String message) {
        // the spec is echoed with control characters replaced, so the message stays one line
        String echoed = text.isEmpty() ? "\"\"" : text.replaceAll("[^\\x21-\\x7E]", "?");
        return echoed + ":" + column + ": " + message;
    }

    /** A character as a message shows it: quoted if printable ASCII, else its code point. */
    private static String shown(char c) {
        return c > ' ' && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    @Override public String toString() { return text; }
}
