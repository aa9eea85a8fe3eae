package pebble.r5k.portal.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Fields;
import pebble.r5k.isa.Op;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;

/** Specs and decoding helpers shared by the generator tests. */
final class GeneratedCode {
    private GeneratedCode() {}

    /** Tables 1, 2 and 6 of the paper, §4.4's read/write portal and the appendix's stub. */
    static final List<String> PAPER_SPECS = List.of("npciii", "npcwii", "smciii", "smcwii", "smcii", "npcwi", "smcwi", "sm=wii");

    /** Paper specs plus 60 random valid ones (fixed seed: the same every run). */
    static List<String> specs() {
        List<String> all = new ArrayList<>(PAPER_SPECS);
        Random r = new Random(17);
        String kinds = "icw=";
        while (all.size() < PAPER_SPECS.size() + 60) {
            StringBuilder s = new StringBuilder();
            s.append(r.nextBoolean() ? 's' : 'n').append(r.nextBoolean() ? 'm' : 'p');
            int n = r.nextInt(PortalSpec.MAX_ARGUMENTS + 1);
            boolean window = false;
            for (int i = 0; i < n; i++) {
                char c = kinds.charAt(r.nextInt(kinds.length()));
                if (c == 'w' && window) c = 'i';
                window |= c == 'w';
                s.append(c);
            }
            all.add(s.toString());
        }
        return all;
    }

    static PortalGenerator.Templates generate(String spec) {
        try {
            return PortalGenerator.generate(PortalSpec.parse(spec));
        } catch (PortalSpecException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** The GPR an instruction writes, or -1. */
    static int writtenRegister(int word) {
        Op op = Decoder.decode(word);
        if (op.has(Effects.WRITES_RD)) return Fields.rd(word);
        if (op.has(Effects.WRITES_RT)) return Fields.rt(word);
        if (op.has(Effects.WRITES_RA)) return 31;
        return -1;
    }
}
