package pebble.r5k.cli;

import pebble.r5k.Machine;

import java.nio.file.Path;

/** A guest program ready to be placed into a machine: from an ELF file or an assembly source. */
interface GuestImage {
    boolean bigEndian();

    void loadInto(Machine m);

    /** {@code sourceOptions}: how an assembly source is assembled (byte order, -I, -D). */
    static GuestImage load(Path path, byte[] bytes, pebble.r5k.asm.AsmOptions sourceOptions) {
        if (AsmGuestImage.isSource(path)) return AsmGuestImage.assemble(path, sourceOptions);
        return ElfGuestImage.read(path.toString(), bytes);
    }
}
