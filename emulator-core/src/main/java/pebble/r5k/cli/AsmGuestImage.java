package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;

import java.nio.file.Path;
import java.util.List;

/**
 * An assembly source run directly ({@code pebble run prog.s}): assembled and linked in memory with the
 * default layout (text at 0x80100000 in KSEG0), then loaded exactly like the equivalent ELF image.
 */
final class AsmGuestImage implements GuestImage {
    private final ElfGuestImage elf;

    private AsmGuestImage(ElfGuestImage elf) {
        this.elf = elf;
    }

    /** Assembles {@code path}; assembly errors become one exception whose message lists them, one per line. */
    static AsmGuestImage assemble(Path path, AsmOptions opts) {
        try {
            byte[] image = Assembler.toElf(Assembler.assemble(List.of(path), opts));
            return new AsmGuestImage(ElfGuestImage.read(path.toString(), image));
        } catch (AssemblyException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static boolean isSource(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith(".s") || n.endsWith(".S") || n.endsWith(".asm");
    }

    @Override public boolean bigEndian() { return elf.bigEndian(); }

    @Override public void loadInto(Machine m) { elf.loadInto(m); }
}
