package pebble.r5k.timing;

import java.util.regex.Pattern;

/**
 * One named timing number: its stable dotted key, value, unit, source (or stated reason) and confidence.
 * Every cycle number the emulator uses is one of these, listed in {@link R5000Timing}.
 */
public record TimingParam(String key, long value, String unit, String source, Confidence confidence) {
    public static final String CYCLES = "cycles";
    public static final String SYSCLOCKS = "SysClocks";
    public static final String RATIO = "ratio";
    public static final String BYTES = "bytes";
    public static final String WAYS = "ways";
    public static final String ENTRIES = "entries";
    public static final String BEATS = "beats";

    /** Compiled once: String.matches compiles per call, and every run builds ~100 parameters at start-up. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)+");

    public TimingParam {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("bad timing key: " + key);
        }
        if (value < 0) throw new IllegalArgumentException(key + ": negative value");
    }

    /** The same parameter with another value (a {@code --timing} override). */
    public TimingParam withValue(long v) {
        return new TimingParam(key, v, unit, source, confidence);
    }
}
