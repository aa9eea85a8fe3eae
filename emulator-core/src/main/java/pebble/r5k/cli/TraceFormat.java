package pebble.r5k.cli;

import pebble.r5k.disasm.Disassembler;

/** Disassembly used by --trace: the table-driven disassembler, objdump spelling. */
final class TraceFormat {
    private TraceFormat() {}

    static String disassemble(long pc, int word) {
        return Disassembler.PLAIN.disassemble(word, pc).replace('\t', ' ');
    }
}
