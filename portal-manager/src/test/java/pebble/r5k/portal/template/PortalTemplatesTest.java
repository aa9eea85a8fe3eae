package pebble.r5k.portal.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.spec.PortalSpec;

/** The fragments rebuild the generator's installed bytes for any spec (the guest server's algorithm, on the host). */
class PortalTemplatesTest {
    private static final PortalTemplates T = PortalTemplates.cut();

    @Test
    void everySpecUpToFourArgumentsIsRebuilt() {
        List<PortalSpec> specs = TemplateCheck.exhaustiveUpTo(4);
        assertEquals(4 * (1 + 4 + 15 + 54 + 189), specs.size());
        TemplateCheck.verify(T, specs);
    }

    @Test
    void randomSpecsWithUpToEightArgumentsAreRebuiltAtRandomAddresses() throws Exception {
        Random r = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder().append(r.nextBoolean() ? 's' : 'n').append(r.nextBoolean() ? 'm' : 'p');
            int args = r.nextInt(PortalSpec.MAX_ARGUMENTS + 1);
            boolean window = false;
            for (int k = 0; k < args; k++) {
                char c = "icw=".charAt(r.nextInt(4));
                if (c == 'w' && window) c = 'c';
                window |= c == 'w';
                s.append(c);
            }
            PortalSpec spec = PortalSpec.parse(s.toString());
            long at = 0x80100000L + 4L * r.nextInt(0x8000);
            assertArrayEquals(PortalGenerator.generate(spec).install(TemplateCheck.PROBE, at), T.compose(spec, TemplateCheck.PROBE, at), spec.text());
        }
    }

    @Test
    void theTablesHoldEveryVariant() {
        assertEquals(4 * PortalTemplates.WINDOW_VARIANTS, T.heads().size());
        assertEquals(2 * PortalSpec.MAX_ARGUMENTS, T.arguments().size());
        assertEquals(2, T.tails().size());
        assertEquals(8, T.returns().size());
        // a head's only way out to the failure exits is through a tail branch the guest computes
        assertTrue(T.heads().get(0).fixups().stream().anyMatch(f -> f.kind() == TemplateFixup.Kind.TAIL_BRANCH16));
    }

    @Test
    void theIncludeNamesEveryFragment() {
        String inc = TemplateIncludeWriter.include();
        assertTrue(inc.contains("pt_call_heads:") && inc.contains("pt_returns:"));
        assertEquals(T.heads().size() + T.arguments().size() + T.tails().size() + T.returns().size(),
                inc.split("_words:\n", -1).length - 1);
    }
}
