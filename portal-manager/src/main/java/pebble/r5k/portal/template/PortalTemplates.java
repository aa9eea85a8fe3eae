package pebble.r5k.portal.template;

import java.util.ArrayList;
import java.util.List;

import pebble.r5k.emit.Fixup;
import pebble.r5k.emit.Reloc;
import pebble.r5k.isa.Operand;
import pebble.r5k.portal.gen.Phase;
import pebble.r5k.portal.gen.PortalCode;
import pebble.r5k.portal.gen.PortalGenerator;
import pebble.r5k.portal.gen.PortalSymbol;
import pebble.r5k.portal.gen.PortalValues;
import pebble.r5k.portal.spec.ArgumentKind;
import pebble.r5k.portal.spec.PortalSpec;
import pebble.r5k.portal.spec.PortalSpecException;

/**
 * The host generator's code cut into the fragments the guest portal-manager server assembles (architecture
 * guide §7). A call portal is a head (its checks, frame push, domain switch and window opening: fixed by the
 * stack kind, the saved state and the window position), then one fragment per {@code c} or {@code =}
 * argument (the only arguments that emit code), then a tail (enter the callee, the failure exits; fixed by
 * the stack kind). The return portal follows, fixed by stack kind, saved state and whether there is a
 * window. The fragments are cut from {@link PortalGenerator}'s output, never written by hand, and
 * {@link #compose} — the algorithm the guest repeats — is checked to give the generator's bytes.
 */
public final class PortalTemplates {
    /** Head variants per (stack, state): no window, or a window at argument 0..MAX-1. */
    public static final int WINDOW_VARIANTS = PortalSpec.MAX_ARGUMENTS + 1;
    /** Argument kinds that emit code, in fragment-table order. */
    public static final List<ArgumentKind> CODE_ARGUMENTS = List.of(ArgumentKind.CONSTANT, ArgumentKind.OWN_INDEX);
    static final char[] STACKS = {'s', 'n'}, STATES = {'m', 'p'};

    // phase titles of CallPortalEmitter where the argument code starts and where the tail starts
    private static final String ARGUMENTS_PHASE = "arguments:", TAIL_PHASE = "enter the callee";

    private final List<TemplateFragment> heads = new ArrayList<>();
    private final List<TemplateFragment> arguments = new ArrayList<>();
    private final List<TemplateFragment> tails = new ArrayList<>();
    private final List<TemplateFragment> returns = new ArrayList<>();

    private PortalTemplates() {}

    /** Cuts every fragment from the generator's output. */
    public static PortalTemplates cut() {
        PortalTemplates t = new PortalTemplates();
        for (char stack : STACKS) {
            for (char state : STATES) {
                for (int window = -1; window < PortalSpec.MAX_ARGUMENTS; window++) {
                    String text = "" + stack + state + (window < 0 ? "" : "i".repeat(window) + "w");
                    t.heads.add(cutHead(text));
                }
            }
        }
        for (ArgumentKind kind : CODE_ARGUMENTS) {
            for (int pos = 0; pos < PortalSpec.MAX_ARGUMENTS; pos++) {
                t.arguments.add(cutArgument("sm" + "i".repeat(pos) + kind.letter));
            }
        }
        for (char stack : STACKS) t.tails.add(cutTail(stack + "m"));
        for (char stack : STACKS) {
            for (char state : STATES) {
                for (String window : new String[] {"", "w"}) {
                    PortalCode ret = PortalGenerator.generate(parse("" + stack + state + window)).ret();
                    t.returns.add(fragment("return " + stack + state + window, ret, 0, ret.bytes().length, -1));
                }
            }
        }
        return t;
    }

    public List<TemplateFragment> heads() { return heads; }
    public List<TemplateFragment> arguments() { return arguments; }
    public List<TemplateFragment> tails() { return tails; }
    public List<TemplateFragment> returns() { return returns; }

    public static int headIndex(PortalSpec s) {
        return ((s.hasNewStack() ? 2 : 0) + (s.savesCalleeSaved() ? 1 : 0)) * WINDOW_VARIANTS + s.windowPosition() + 1;
    }

    public static int argumentIndex(ArgumentKind kind, int position) {
        return CODE_ARGUMENTS.indexOf(kind) * PortalSpec.MAX_ARGUMENTS + position;
    }

    public static int tailIndex(PortalSpec s) { return s.hasNewStack() ? 1 : 0; }

    public static int returnIndex(PortalSpec s) {
        return ((s.hasNewStack() ? 2 : 0) + (s.savesCalleeSaved() ? 1 : 0)) * 2 + (s.windowPosition() >= 0 ? 1 : 0);
    }

    /**
     * The call and return code of {@code spec} placed at {@code address} with {@code values}: exactly what
     * {@link PortalGenerator.Templates#install} gives, built the way the guest server builds it.
     */
    public int[] compose(PortalSpec spec, PortalValues values, long address) {
        List<TemplateFragment> call = new ArrayList<>();
        call.add(heads.get(headIndex(spec)));
        for (int i = 0; i < spec.arguments().size(); i++) {
            ArgumentKind k = spec.arguments().get(i);
            if (CODE_ARGUMENTS.contains(k)) call.add(arguments.get(argumentIndex(k, i)));
        }
        call.add(tails.get(tailIndex(spec)));
        List<TemplateFragment> all = new ArrayList<>(call);
        all.add(returns.get(returnIndex(spec)));
        int callBytes = 0;
        for (TemplateFragment f : call) callBytes += f.bytes();
        int tailStart = callBytes - tails.get(tailIndex(spec)).bytes();
        PortalValues v = values.withReturnPortal(address + callBytes);
        List<Integer> words = new ArrayList<>();
        for (TemplateFragment f : all) {
            int base = words.size() * 4;
            int[] w = f.words().clone();
            for (TemplateFixup x : f.fixups()) w[x.offset() / 4] |= field(x, v, base, tailStart, address);
            for (int word : w) words.add(word);
        }
        return words.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The field one fixup puts in the low bits of its word (the guest's patch routine does the same). */
    static int field(TemplateFixup x, PortalValues v, int base, int tailStart, long address) {
        if (x.kind() == TemplateFixup.Kind.TAIL_BRANCH16) {
            return ((tailStart + (int) x.addend() - (base + x.offset() + 4)) >> 2) & 0xFFFF;
        }
        long value = v.get(x.value()) + x.addend();
        return (int) switch (x.kind()) {
            case HI16 -> ((value + 0x8000) >> 16) & 0xFFFF;
            case LO16, FIELD16 -> value & 0xFFFF;
            case ABS26 -> (value >> 2) & 0x3FFFFFF;
            case TAIL_BRANCH16 -> throw new AssertionError();
        };
    }

    private static TemplateFragment cutHead(String text) {
        PortalCode call = PortalGenerator.generate(parse(text)).call();
        int args = phaseOffset(call, ARGUMENTS_PHASE);
        if (phaseOffset(call, TAIL_PHASE) != args) throw new IllegalStateException(text + ": argument code where none was expected");
        return fragment("call head " + text, call, 0, args, args);
    }

    private static TemplateFragment cutArgument(String text) {
        PortalCode call = PortalGenerator.generate(parse(text)).call();
        return fragment("argument " + text.charAt(text.length() - 1) + " at " + (text.length() - 3), call,
                phaseOffset(call, ARGUMENTS_PHASE), phaseOffset(call, TAIL_PHASE), -1);
    }

    private static TemplateFragment cutTail(String text) {
        PortalCode call = PortalGenerator.generate(parse(text)).call();
        return fragment("call tail " + text.charAt(0), call, phaseOffset(call, TAIL_PHASE), call.bytes().length, -1);
    }

    /**
     * Bytes [from, to) of {@code code} as a fragment. A branch from inside to at or beyond {@code tailStart}
     * (if not -1) becomes a {@link TemplateFixup.Kind#TAIL_BRANCH16}; any other branch must stay inside.
     */
    private static TemplateFragment fragment(String name, PortalCode code, int from, int to, int tailStart) {
        int[] all = code.words();
        int[] words = java.util.Arrays.copyOfRange(all, from / 4, to / 4);
        List<TemplateFixup> fixups = new ArrayList<>();
        for (Fixup f : code.fixups()) {
            if (f.offset() < from || f.offset() >= to) continue;
            PortalSymbol sym = (PortalSymbol) f.target();
            TemplateFixup.Kind kind = kindOf(f);
            fixups.add(new TemplateFixup(f.offset() - from, kind, sym.value(), sym.addend()));
        }
        for (int i = 0; i < words.length; i++) {
            int at = from + 4 * i;
            if (!isBranch(words[i])) continue;
            int target = at + 4 + ((short) words[i]) * 4;
            if (tailStart >= 0 && target >= tailStart) {
                fixups.add(new TemplateFixup(at - from, TemplateFixup.Kind.TAIL_BRANCH16, null, target - tailStart));
                words[i] &= 0xFFFF0000;
            } else if (target < from || target > to) {
                throw new IllegalStateException(name + ": branch at " + at + " leaves the fragment");
            }
        }
        fixups.sort(java.util.Comparator.comparingInt(TemplateFixup::offset));
        return new TemplateFragment(name, words, fixups);
    }

    private static TemplateFixup.Kind kindOf(Fixup f) {
        TemplateFixup.Kind kind = switch (f.reloc()) {
            case HI16 -> TemplateFixup.Kind.HI16;
            case LO16 -> TemplateFixup.Kind.LO16;
            case FIELD -> TemplateFixup.Kind.FIELD16;
            case ABS26 -> TemplateFixup.Kind.ABS26;
            default -> throw new IllegalStateException("portal code uses no " + f.reloc() + " fixup");
        };
        // the guest ORs each field into the low bits: the operand must sit there
        Operand o = f.operand();
        long mask = kind == TemplateFixup.Kind.ABS26 ? 0x3FFFFFF : 0xFFFF;
        if (o.insert(0, mask) != (int) mask) throw new IllegalStateException(f.reloc() + " field of " + o.name() + " is not the low bits of its word");
        return kind;
    }

    /** Conditional branches (REGIMM, BEQ/BNE/BLEZ/BGTZ and their likely forms): offset in the low 16 bits. */
    private static boolean isBranch(int word) {
        int op = word >>> 26;
        return op == 1 || (op >= 4 && op <= 7) || (op >= 20 && op <= 23);
    }

    private static int phaseOffset(PortalCode code, String prefix) {
        for (Phase p : code.phases()) if (p.title().startsWith(prefix)) return p.offset();
        throw new IllegalStateException(code.name() + " has no phase \"" + prefix + "...\"");
    }

    static PortalSpec parse(String text) {
        try {
            return PortalSpec.parse(text);
        } catch (PortalSpecException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
