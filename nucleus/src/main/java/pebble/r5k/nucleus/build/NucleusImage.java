package pebble.r5k.nucleus.build;

import pebble.r5k.Machine;
import pebble.r5k.asm.AssembledProgram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The assembled nucleus: its linked sections (text from NUCLEUS_BASE, so the vectors sit at 0x80000000 /
 * 0x80000080 / 0x80000180) and its symbols, which the image builder, the portal generator and the tests use
 * to find nucleus structures ({@code nucleus_domains}, {@code window_access}, {@code user_vector_page} …).
 */
public final class NucleusImage {
    private final AssembledProgram program;
    private final Map<String, Long> symbols;

    NucleusImage(AssembledProgram program) {
        this.program = program;
        Map<String, Long> m = new LinkedHashMap<>();
        for (AssembledProgram.OutSymbol s : program.symbols()) {
            if (s.section() != null && !s.name().isEmpty()) m.put(s.name(), s.value() & 0xFFFFFFFFL);
        }
        this.symbols = Collections.unmodifiableMap(m);
    }

    public AssembledProgram program() { return program; }

    /** Entry point (nucleus_boot). */
    public long entry() { return program.entry() & 0xFFFFFFFFL; }

    /** Label name → 32-bit KSEG0 address. */
    public Map<String, Long> symbols() { return symbols; }

    /** The address of a nucleus label; an unknown name is a programming error of the caller. */
    public long symbol(String name) {
        Long v = symbols.get(name);
        if (v == null) throw new IllegalArgumentException("the nucleus has no symbol " + name);
        return v;
    }

    /** One past the last byte of the image (text, data and bss). */
    public long end() {
        long end = 0;
        for (AssembledProgram.OutSection s : program.sections()) end = Math.max(end, (s.addr() & 0xFFFFFFFFL) + s.size());
        return end;
    }

    /** Copies every section into the machine's RAM (BSS as zeros). */
    public void loadInto(Machine m) {
        for (AssembledProgram.OutSection s : program.sections()) {
            if (s.size() == 0) continue;
            int[] words = new int[(int) ((s.size() + 3) / 4)];
            if (!s.nobits()) toWords(s.data(), program.bigEndian(), words);
            m.writeWords(s.addr(), words);
        }
    }

    static void toWords(byte[] data, boolean bigEndian, int[] words) {
        for (int i = 0; i < data.length; i++) {
            int shift = bigEndian ? 8 * (3 - (i & 3)) : 8 * (i & 3);
            words[i >> 2] |= (data[i] & 0xFF) << shift;
        }
    }
}
