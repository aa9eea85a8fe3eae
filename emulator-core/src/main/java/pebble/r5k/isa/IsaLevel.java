package pebble.r5k.isa;

/** The MIPS ISA level that introduced a row; the R5000 implements all of them up to MIPS IV. */
public enum IsaLevel { I, II, III, IV }
