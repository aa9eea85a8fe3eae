package pebble.r5k.isa;

/** A row is a real encoding, an alias the disassembler prefers, or a macro the assembler expands. */
public enum OpKind { REAL, ALIAS, MACRO }
