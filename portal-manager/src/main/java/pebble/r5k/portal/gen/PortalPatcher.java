package pebble.r5k.portal.gen;

import java.util.List;

import pebble.r5k.emit.Fixup;
import pebble.r5k.isa.Operand;

/**
 * Fills a template's install-time fields. It applies the relocations portal code uses (HI16, LO16, FIELD,
 * ABS26) with the assembler's semantics (emulator-core {@code asm.Linker}), and it is the algorithm the guest
 * portal-manager server repeats with the exported fixup lists.
 */
final class PortalPatcher {
    private PortalPatcher() {}

    static int[] apply(int[] template, List<Fixup> fixups, PortalValues values, long address) {
        int[] words = template.clone();
        for (Fixup f : fixups) {
            PortalSymbol sym = (PortalSymbol) f.target();
            long v = values.get(sym.value()) + sym.addend();
            int i = f.offset() / 4;
            Operand o = f.operand();
            long field = switch (f.reloc()) {
                // %hi is adjusted for the sign the %lo half gets when an addiu or a load adds it back
                case HI16 -> ((v + 0x8000) >> 16) & 0xFFFF;
                case LO16 -> v & 0xFFFF;
                case ABS26 -> {
                    long pc = address + f.offset();
                    if (((pc + 4) & 0xF0000000L) != (v & 0xF0000000L) || (v & 3) != 0) {
                        throw new IllegalArgumentException(sym + " = 0x" + Long.toHexString(v) + " is not reachable by a jump at 0x" + Long.toHexString(pc));
                    }
                    yield (v >> 2) & 0x3FFFFFF;
                }
                case FIELD -> {
                    if (!o.fits(v)) throw new IllegalArgumentException(sym + " = " + v + " does not fit " + o.name().toLowerCase());
                    yield v;
                }
                default -> throw new IllegalStateException("portal code uses no " + f.reloc() + " fixup");
            };
            words[i] = o.insert(words[i], field & ((1L << o.width) - 1));
        }
        return words;
    }
}
