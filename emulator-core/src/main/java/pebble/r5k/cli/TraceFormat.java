package pebble.r5k.cli;

import pebble.r5k.isa.Decoder;

/** Disassembly used by --trace (the mnemonic until the full disassembler is wired in). */
final class TraceFormat {
    private TraceFormat() {}

    static String disassemble(long pc, int word) {
        return Decoder.decode(word).mnemonic;
    }
}
