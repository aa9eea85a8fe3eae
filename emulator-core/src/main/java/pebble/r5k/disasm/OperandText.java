package pebble.r5k.disasm;

import pebble.r5k.isa.Operand;
import pebble.r5k.isa.Reg;

/**
 * How objdump (MIPS IV) spells one operand field, by operand type: GPRs by name without {@code $} (o32
 * names, or n32/n64 names for images of those ABIs), FPRs {@code $fN}, coprocessor registers {@code $N}, signed immediates and offsets in decimal,
 * unsigned immediates, shift amounts and codes in hex, condition codes {@code $fccN}, and branch/jump
 * targets as absolute addresses.
 */
public final class OperandText {
    private OperandText() {}

    /** FCR names objdump knows without an ABI hint; other control registers print as {@code $N}. */
    private static String fcrName(int n) {
        if (n == 0) return "c1_fir";
        if (n == 31) return "c1_fcsr";
        return null;
    }

    /**
     * Appends operand {@code op} of {@code word} located at {@code pc}. Target addresses are reduced to
     * {@code addressMask} (0xFFFFFFFF for a 32-bit image: objdump prints o32 targets as 32-bit numbers).
     */
    public static void append(StringBuilder out, Operand op, int word, long pc, long addressMask, SymbolLookup symbols,
                              boolean newAbiNames) {
        int raw = op.extractRaw(word);
        switch (op.type) {
            case GPR -> out.append(Reg.name(raw, newAbiNames));
            case FPR -> out.append("$f").append(raw);
            case CP0_REG -> out.append('$').append(raw);
            case FCR -> {
                String name = fcrName(raw);
                if (name != null) out.append(name); else out.append('$').append(raw);
            }
            case FCC -> out.append("$fcc").append(raw);
            case SIMM -> out.append(op.extract(word));
            case UIMM, SHAMT, CODE -> hex(out, raw & 0xFFFFFFFFL);
            case BRANCH -> target(out, (pc + 4 + (op.extract(word) << 2)) & addressMask, symbols);
            case JUMP -> target(out, (((pc + 4) & ~0x0FFFFFFFL) | ((long) raw << 2)) & addressMask, symbols);
        }
    }

    /** objdump's address annotation: {@code 0x1f0} without symbols, {@code 1f0 <sym+0x10>} with them. */
    public static void target(StringBuilder out, long addr, SymbolLookup symbols) {
        String name = symbols == null ? null : symbols.nameFor(addr);
        if (name == null) {
            hex(out, addr);
        } else {
            out.append(Long.toHexString(addr)).append(' ').append(name);
        }
    }

    public static void hex(StringBuilder out, long v) {
        out.append("0x").append(Long.toHexString(v));
    }
}
