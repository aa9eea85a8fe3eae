package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfFormatException;
import pebble.r5k.elf.ElfReader;
import pebble.r5k.elf.ElfSegment;

/**
 * An ELF executable placed as a boot monitor would: every PT_LOAD segment copied to the physical address its
 * KSEG0/KSEG1 (or CKSEG0/CKSEG1 for ELF64) virtual address maps to, BSS zeroed, PC = entry. Segments in
 * mapped spaces or outside RAM are rejected with a precise message.
 */
final class ElfGuestImage implements GuestImage {
    private final ElfFile elf;

    private ElfGuestImage(ElfFile elf) {
        this.elf = elf;
    }

    static ElfGuestImage read(String name, byte[] bytes) {
        try {
            return new ElfGuestImage(ElfReader.read(bytes, name));
        } catch (ElfFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    ElfFile elf() { return elf; }

    @Override public boolean bigEndian() { return elf.bigEndian(); }

    @Override
    public void loadInto(Machine m) {
        int n = 0;
        for (ElfSegment s : elf.segments()) {
            n++;
            long va = Machine.canonical(s.vaddr());
            int a = (int) va;
            if ((long) a != va || (a >>> 30) != 2) {
                throw new IllegalArgumentException(String.format(
                        "%s: segment %d at 0x%x is not in KSEG0/KSEG1; link bare images there (e.g. -Ttext=0x80100000)",
                        elf.displayName(), n, s.vaddr()));
            }
            long pa = a & 0x1FFFFFFFL;
            if (!m.ram().contains(pa, s.memSize()) || (a >>> 29) != ((a + (int) s.memSize() - 1) >>> 29) && s.memSize() > 0) {
                throw new IllegalArgumentException(String.format(
                        "%s: segment %d (0x%x, %d bytes) does not fit in the %d MB of RAM",
                        elf.displayName(), n, s.vaddr(), s.memSize(), m.ram().sizeBytes >>> 20));
            }
            byte[] data = s.fileBytes();
            m.ram().loadBytes(pa, data, 0, data.length);
            for (long k = data.length; k < s.memSize(); k++) m.ram().write8(pa + k, 0);
        }
        m.start(elf.entry());
    }
}
