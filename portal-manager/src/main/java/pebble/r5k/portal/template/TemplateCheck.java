package pebble.r5k.portal.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.gen.PortalValues;
import pebble.r5k.portal.spec.PortalSpec;

/** Checks that {@link PortalTemplates#compose} gives the generator's installed bytes. */
public final class TemplateCheck {
    private TemplateCheck() {}

    /** Distinct non-zero values, so a fixup that names the wrong value changes the bytes. */
    public static final PortalValues PROBE = new PortalValues(0x80012340L, 0x80023450L, 7, 0x00401230L, 0x12348765L,
            37, 0, 0x80034560L, 0x80045670L, 0x80056780L);
    public static final long PROBE_ADDRESS = 0x80120040L;

    public static void verify(PortalTemplates t, List<PortalSpec> specs) {
        for (PortalSpec s : specs) {
            int[] host = PortalGenerator.generate(s).install(PROBE, PROBE_ADDRESS);
            int[] composed = t.compose(s, PROBE, PROBE_ADDRESS);
            if (!Arrays.equals(host, composed)) {
                throw new IllegalStateException("portal templates: the fragments of " + s.text() + " do not rebuild the generator's code");
            }
        }
    }

    /** Every valid spec with at most {@code maxArguments} arguments. */
    public static List<PortalSpec> exhaustiveUpTo(int maxArguments) {
        List<PortalSpec> out = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(""));
        for (int n = 0; n <= maxArguments; n++) {
            for (String a : args) {
                for (char st : PortalTemplates.STACKS) {
                    for (char sv : PortalTemplates.STATES) {
                        if (a.chars().filter(c -> c == 'w').count() <= PortalSpec.MAX_WINDOWS) out.add(PortalTemplates.parse("" + st + sv + a));
                    }
                }
            }
            List<String> next = new ArrayList<>();
            for (String a : args) for (char c : new char[] {'i', 'c', 'w', '='}) next.add(a + c);
            args = next;
        }
        return out;
    }
}
