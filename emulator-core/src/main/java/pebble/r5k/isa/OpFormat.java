package pebble.r5k.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed operand format such as {@code "rt,offset16(base)"}: the operand codecs in written order and
 * the literal punctuation between them. Names are {@link Operand} constants in lower case.
 */
public final class OpFormat {
    public static final OpFormat NONE = new OpFormat("", new Operand[0], new String[] {""});

    private final String text;
    private final Operand[] operands;
    /** separators[i] precedes operands[i]; separators[n] follows the last operand. */
    private final String[] separators;

    private OpFormat(String text, Operand[] operands, String[] separators) {
        this.text = text;
        this.operands = operands;
        this.separators = separators;
    }

    public static OpFormat parse(String text) {
        if (text.isEmpty()) return NONE;
        List<Operand> ops = new ArrayList<>();
        List<String> seps = new ArrayList<>();
        StringBuilder sep = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int j = i;
                while (j < text.length() && Character.isLetterOrDigit(text.charAt(j)) || j < text.length() && text.charAt(j) == '_') j++;
                seps.add(sep.toString());
                sep.setLength(0);
                ops.add(Operand.valueOf(text.substring(i, j).toUpperCase()));
                i = j;
            } else {
                sep.append(c);
                i++;
            }
        }
        seps.add(sep.toString());
        return new OpFormat(text, ops.toArray(new Operand[0]), seps.toArray(new String[0]));
    }

    public String text() { return text; }
    public int count() { return operands.length; }
    public Operand operand(int i) { return operands[i]; }
    public String separatorBefore(int i) { return separators[i]; }
    public String trailer() { return separators[operands.length]; }

    /** Bits covered by the operand fields of this format. */
    public int fieldBits() {
        int bits = 0;
        for (Operand o : operands) bits |= o.fieldMask;
        return bits;
    }

    @Override public String toString() { return text; }
}
