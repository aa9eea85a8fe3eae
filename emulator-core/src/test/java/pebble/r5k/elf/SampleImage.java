package pebble.r5k.elf;

import static pebble.r5k.elf.ElfConstants.*;

import java.util.List;

/** A small hand-encoded image used by the writer tests: .text (3 words), .data (1 word), .bss. */
final class SampleImage {
    private SampleImage() {}

    static final long TEXT = 0x80010000L;
    static final long DATA = 0x80011000L;
    static final long BSS = 0x80011010L;
    static final int[] CODE = {
        0x00851021, // addu v0,a0,a1
        0x03e00008, // jr   ra
        0x00000000, // nop
    };

    static byte[] words(boolean bigEndian, int... ws) {
        byte[] b = new byte[ws.length * 4];
        for (int i = 0; i < ws.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (ws[i] >>> (bigEndian ? 24 - 8 * k : 8 * k));
            }
        }
        return b;
    }

    static List<ElfSection> sections(boolean bigEndian) {
        return List.of(
                new ElfSection(".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, TEXT, words(bigEndian, CODE),
                        12, 16),
                new ElfSection(".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DATA, words(bigEndian, 0x2a),
                        4, 4),
                new ElfSection(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, BSS, null, 0x40, 16));
    }

    static List<ElfSymbol> symbols() {
        return List.of(
                new ElfSymbol("add", TEXT, 12, STT_FUNC, STB_GLOBAL, ".text"),
                new ElfSymbol("counter", DATA, 4, STT_OBJECT, STB_GLOBAL, ".data"),
                new ElfSymbol("1$done", TEXT + 4, 0, STT_NOTYPE, STB_LOCAL, ".text"),
                new ElfSymbol("buf", BSS, 0x40, STT_OBJECT, STB_LOCAL, ".bss"),
                new ElfSymbol("weakling", TEXT + 8, 0, STT_NOTYPE, STB_WEAK, ".text"),
                new ElfSymbol("UART_BASE", 0xbc000000L, 0, STT_NOTYPE, STB_LOCAL, null));
    }

    static byte[] write(boolean bigEndian) {
        return ElfWriter.writeExecutable(bigEndian, TEXT, DEFAULT_FLAGS_O32, sections(bigEndian), symbols());
    }
}
