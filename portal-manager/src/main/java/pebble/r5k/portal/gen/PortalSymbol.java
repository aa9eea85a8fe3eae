package pebble.r5k.portal.gen;

/** The target of a portal fixup: a {@link PortalValue} plus a constant addend (a field offset, like {@code sym+off}). */
public record PortalSymbol(PortalValue value, long addend) {
    public static PortalSymbol of(PortalValue value) { return new PortalSymbol(value, 0); }

    public PortalSymbol plus(long more) { return new PortalSymbol(value, addend + more); }

    @Override public String toString() {
        return value.name() + (addend == 0 ? "" : (addend > 0 ? "+" : "") + addend);
    }
}
