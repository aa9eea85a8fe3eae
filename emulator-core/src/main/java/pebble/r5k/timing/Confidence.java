package pebble.r5k.timing;

/** How sure a timing number is, as in the hardware reference (r5000-and-p5064.md, preamble). */
public enum Confidence {
    /** A source states it directly. */
    V,
    /** Worked out from sources that state things directly. */
    D,
    /** Unverified: best knowledge or a documented default where the public record is silent. */
    U
}
