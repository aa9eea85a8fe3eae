package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfFormatException;
import pebble.r5k.elf.ElfReader;
import pebble.r5k.elf.ElfSegment;

/**
 * An ELF executable placed as a boot monitor would: every PT_LOAD segment copied to the physical address its
 * KSEG0/KSEG1 (or CKSEG0/CKSEG1 for ELF64) virtual address maps to, BSS zeroed, PC = entry. Images linked in
 * kuseg (gcc's default, incl. PIEs at 0) go to {@link Machine#KUSEG_PHYS_BASE} + vaddr and run through wired
 * TLB entries. Segments in other mapped spaces or outside RAM are rejected with a precise message.
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
        boolean kuseg = false;
        for (ElfSegment s : elf.segments()) {
            n++;
            long va = Machine.canonical(s.vaddr());
            int a = (int) va;
            long pa;
            if ((long) a == va && (a >>> 30) == 2) {
                pa = a & 0x1FFFFFFFL;           // KSEG0/KSEG1 (CKSEG0/1 for ELF64)
            } else if (va >= 0 && va < 0x80000000L) {
                pa = va + Machine.KUSEG_PHYS_BASE; // kuseg (gcc's default link): mapped by wired TLB entries
                kuseg = true;
            } else {
                throw new IllegalArgumentException(String.format(
                        "%s: segment %d at 0x%x is in a mapped kernel space; link bare images in KSEG0 (e.g. -Ttext=0x80100000)",
                        elf.displayName(), n, s.vaddr()));
            }
            if (!m.ram().contains(pa, s.memSize())) {
                throw new IllegalArgumentException(String.format(
                        "%s: segment %d (0x%x, %d bytes) does not fit in the %d MB of RAM",
                        elf.displayName(), n, s.vaddr(), s.memSize(), m.ram().sizeBytes >>> 20));
            }
            byte[] data = s.fileBytes();
            m.ram().loadBytes(pa, data, 0, data.length);
            for (long k = data.length; k < s.memSize(); k++) m.ram().write8(pa + k, 0);
        }
        m.startImage(elf.entry(), kuseg, elf.abi() != pebble.r5k.elf.Abi.O32);
    }
}
