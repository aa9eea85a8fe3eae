package pebble.r5k.asm;

import pebble.r5k.emit.CodeBuffer;

/** One output section being assembled: its bytes (zeros for NOBITS), alignment and, after layout, address. */
final class Section {
    final String name;
    final CodeBuffer buf;
    final boolean nobits;
    final boolean exec;
    final boolean write;
    int align = 16;
    long addr;

    Section(String name, boolean bigEndian, boolean nobits, boolean exec, boolean write) {
        this.name = name;
        this.buf = new CodeBuffer(bigEndian);
        this.nobits = nobits;
        this.exec = exec;
        this.write = write;
    }

    int size() { return buf.size(); }

    @Override public String toString() { return name; }
}
