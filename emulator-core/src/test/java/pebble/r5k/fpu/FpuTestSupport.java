package pebble.r5k.fpu;

import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.isa.Op;
import pebble.r5k.mem.Bus;
import pebble.r5k.mem.PhysicalMemory;

/** A bare CPU with the FPU usable, and helpers to encode and run one COP1 instruction. */
final class FpuTestSupport {
    private FpuTestSupport() {}

    static final int FD = 0, FS = 2, FT = 4, FR = 6, RT = 9;

    static Cpu cpu(boolean fr) {
        Cpu cpu = new Cpu(new Bus(new PhysicalMemory(1 << 20, true)));
        cpu.resetForImage(0x8000_0000L);
        cpu.cp0.status |= Cp0Reg.SR_CU1 | (fr ? Cp0Reg.SR_FR : 0);
        return cpu;
    }

    /** The word for {@code op} with fd/fs/ft/fr/rt in the standard test registers and condition code cc. */
    static int word(Op op, int cc) {
        int w = op.match | (FD << 6) | (FS << 11) | (FT << 16);
        if (op.format.text().startsWith("fd,fr,")) w |= FR << 21;
        if (op.format.text().startsWith("cc_cmp")) w = (op.match & ~0x7C0) | (cc << 8) | (FS << 11) | (FT << 16);
        if (op.format.text().endsWith("cc_br")) w = (w & ~0x1C0000) | (cc << 18);
        if (op.format.text().endsWith(",rt")) w = (w & ~(31 << 16)) | (RT << 16);
        return w;
    }

    /** The op's destination format: 'S', 'D', 'W', 'L' or 'C' (condition code). */
    static char destFormat(Op op) {
        String m = op.mnemonic;
        if (m.startsWith("c.")) return 'C';
        String[] parts = m.split("\\.");
        return Character.toUpperCase(parts[1].charAt(0));
    }

    /** The op's source format ('S', 'D', 'W', 'L'). */
    static char sourceFormat(Op op) {
        String[] parts = op.mnemonic.split("\\.");
        return Character.toUpperCase(parts[parts.length - 1].charAt(0));
    }
}
