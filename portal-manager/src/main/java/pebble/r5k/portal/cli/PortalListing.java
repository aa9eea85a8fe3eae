package pebble.r5k.portal.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import pebble.r5k.disasm.Disassembler;
import pebble.r5k.emit.Fixup;
import pebble.r5k.portal.gen.PathLength;
import pebble.r5k.portal.gen.PortalCode;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.gen.Phase;

/**
 * The text {@code pebble portal} prints: each code block with a comment per phase, one line per
 * instruction (offset, word, and the disassembly when asked), the install-time value each fixup fills,
 * and the instruction counts of the call and return paths.
 */
final class PortalListing {
    private PortalListing() {}

    static String render(PortalGenerator.Templates t, boolean disasm) {
        StringBuilder out = new StringBuilder();
        out.append("# portal ").append(t.spec().text()).append(" (docs/portal-spec.md); install-time fields are 0 until patched\n");
        block(out, t.call(), disasm);
        block(out, t.ret(), disasm);
        out.append(counts(t));
        return out.toString();
    }

    static String counts(PortalGenerator.Templates t) {
        StringBuilder s = new StringBuilder();
        s.append("# call path: ").append(PathLength.fallThrough(t.call())).append(" instructions to the eret (")
                .append(t.call().instructionCount()).append(" with the failed-check exits)\n");
        int longest = PathLength.fallThrough(t.ret()), shortest = PathLength.branchesTaken(t.ret());
        s.append("# return path: ").append(longest).append(" instructions");
        if (shortest != longest) {
            // the return's forward branches: the window's count reaching zero (w), a thread waiting for a stack (n)
            java.util.List<String> all = new java.util.ArrayList<>(), none = new java.util.ArrayList<>();
            if (t.spec().windowPosition() >= 0) {
                all.add("the window's TLB entry is removed");
                none.add("the callee's count stays above zero");
            }
            if (t.spec().hasNewStack()) {
                all.add("a thread waiting for a stack is woken");
                none.add("nobody waits for a stack");
            }
            s.append(" when ").append(String.join(" and ", all)).append(", ").append(shortest)
                    .append(" when ").append(String.join(" and ", none));
        }
        s.append('\n');
        return s.toString();
    }

    private static void block(StringBuilder out, PortalCode code, boolean disasm) {
        out.append('\n').append(code.name()).append(":\n");
        Map<Integer, String> phaseAt = new HashMap<>();
        for (Phase p : code.phases()) phaseAt.merge(p.offset(), p.title(), (a, b) -> a + "\n    # " + b);
        Map<Integer, String> fixupAt = new HashMap<>();
        for (Fixup f : code.fixups()) fixupAt.put(f.offset(), relocText(f));
        int[] words = code.words();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            int offset = 4 * i;
            String phase = phaseAt.get(offset);
            if (phase != null) out.append("    # ").append(phase).append('\n');
            line.setLength(0);
            line.append(String.format("%6x:  %08x", offset, words[i]));
            if (disasm) {
                line.append("   ");
                Disassembler.PLAIN.disassemble(words[i], offset, line);
            }
            String fix = fixupAt.get(offset);
            if (fix != null) {
                while (line.length() < (disasm ? 44 : 20)) line.append(' ');
                line.append("  <- ").append(fix);
            }
            out.append(line).append('\n');
        }
    }

    private static String relocText(Fixup f) {
        String target = f.target().toString();
        return switch (f.reloc()) {
            case HI16 -> "%hi(" + target + ")";
            case LO16 -> "%lo(" + target + ")";
            case ABS26 -> target;
            default -> target;
        };
    }

    static List<String> phaseTitles(PortalCode code) {
        return code.phases().stream().map(Phase::title).toList();
    }
}
