package pebble.r5k.nucleus.layout;

/** A named constant shared by Java and the guest assembly ({@code .equ NAME, value}). */
public record Constant(String name, long value, String doc) {
    public String hex() {
        return value < 0 ? Long.toString(value) : "0x" + Long.toHexString(value).toUpperCase();
    }
}
