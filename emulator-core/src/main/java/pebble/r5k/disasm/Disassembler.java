package pebble.r5k.disasm;

import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpFormat;

/**
 * Instruction word → text exactly as {@code mips-linux-gnu-objdump -d} (binutils 2.40) prints it for an
 * MIPS IV image (register names of the image's ABI): {@code mnemonic TAB operands}. Entirely driven by the instruction table: decode, pick
 * the preferred spelling ({@link Spellings}), then print each operand of that row's format through
 * {@link OperandText}. Words no REAL row matches print as {@code .word 0x...}. Known differences from
 * objdump are listed in docs/disassembler.md.
 */
public final class Disassembler {
    private static final long MASK32 = 0xFFFFFFFFL;

    /** 32-bit addresses, no symbols: targets print as {@code 0x...}. */
    public static final Disassembler PLAIN = new Disassembler(SymbolLookup.NONE, 32);

    private static final OpFormat WORD_FORMAT = OpFormat.parse("word32");

    private final SymbolLookup symbols;
    private final long addressMask;
    private final boolean newAbiNames;

    /**
     * @param symbols     names for branch/jump targets (may be {@link SymbolLookup#NONE})
     * @param addressBits 32 for ELF32 images (targets wrap to 32 bits, like objdump on o32 objects), 64 for
     *                    ELF64 / raw binaries disassembled as a 64-bit architecture
     */
    public Disassembler(SymbolLookup symbols, int addressBits) {
        this(symbols, addressBits, false);
    }

    /**
     * {@code newAbiNames}: GPRs by their n32/n64 names ($8..$11 = a4..a7, $12..$15 = t0..t3), as objdump
     * prints code of an n32 or n64 image; false: o32 names.
     */
    public Disassembler(SymbolLookup symbols, int addressBits, boolean newAbiNames) {
        this.newAbiNames = newAbiNames;
        if (addressBits != 32 && addressBits != 64) throw new IllegalArgumentException("addressBits must be 32 or 64");
        this.symbols = symbols == null ? SymbolLookup.NONE : symbols;
        this.addressMask = addressBits == 32 ? MASK32 : -1L;
    }

    /** The text of {@code word} fetched from {@code pc}. */
    public String disassemble(int word, long pc) {
        StringBuilder sb = new StringBuilder(32);
        disassemble(word, pc, sb);
        return sb.toString();
    }

    /** Appends the text of {@code word} fetched from {@code pc} to {@code out}. */
    public void disassemble(int word, long pc, StringBuilder out) {
        Op row = Spellings.of(word);
        if (row == Op.RESERVED) {
            appendRow(out, ".word", WORD_FORMAT, word, pc);
        } else {
            appendRow(out, row.mnemonic, row.format, word, pc);
        }
    }

    private void appendRow(StringBuilder out, String mnemonic, OpFormat format, int word, long pc) {
        out.append(mnemonic);
        int n = format.count();
        if (n == 0) return;
        out.append('\t');
        for (int i = 0; i < n; i++) {
            out.append(format.separatorBefore(i));
            OperandText.append(out, format.operand(i), word, pc, addressMask, symbols, newAbiNames);
        }
        out.append(format.trailer());
    }
}
