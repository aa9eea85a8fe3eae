package pebble.r5k.image;

import pebble.r5k.Machine;
import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfSectionInfo;
import pebble.r5k.elf.ElfSegment;
import pebble.r5k.mem.PhysicalMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The boot monitor's rule for where an ELF image goes (docs/reset-state.md, "Where images may be linked").
 *
 * <p>The rule looks at what the image is, not at every byte the linker emitted. A PT_LOAD segment that holds
 * code or data (any allocated section other than the loader-only ones below, or the entry point) must lie in
 * KSEG0/KSEG1 (CKSEG0/CKSEG1 for ELF64) or in the 32-bit kuseg; the image is a {@link Placement#KUSEG} image,
 * run through wired TLB entries, only when some of its code or data is in kuseg. A segment holding only
 * ELF and program headers and loader-only sections ({@code .MIPS.abiflags}, {@code .reginfo},
 * {@code .MIPS.options}, {@code .note*}) is loaded when it lies where the image's rule maps it to RAM and is
 * skipped otherwise: the code never reads it. GNU ld puts such a segment at the default base (0x400000 for
 * o32, 0x10000000 for n32, 0x120000000 for n64) even when {@code -Ttext} moves the code to KSEG0.
 */
final class ImageLayout {
    /** KSEG0 as a 64-bit CPU address; KSEG1 follows it, and kseg2 begins at {@link #KSEG2}. */
    private static final long KSEG0 = 0xffffffff80000000L;
    private static final long KSEG2 = 0xffffffffc0000000L;
    /** End of the 32-bit kuseg (also the part of xuseg that 32-bit addressing reaches). */
    private static final long KUSEG_END = 0x80000000L;

    private final ElfFile elf;
    private final Placement placement;
    /** The segments with code or data, in program header order. */
    private final List<ElfSegment> code = new ArrayList<>();
    /** The segments with only headers and loader-only sections. */
    private final List<ElfSegment> headers = new ArrayList<>();

    /** Classifies every segment and checks where the code and data lie; throws with what to change. */
    ImageLayout(ElfFile elf) {
        this.elf = elf;
        boolean kuseg = false;
        for (ElfSegment s : elf.segments()) {
            if (!holdsCodeOrData(s)) {
                headers.add(s);
                continue;
            }
            code.add(s);
            String why = whyNotRunnable(s);
            if (why != null) throw new ImageException(elf.displayName() + ": " + s.label(elf.is64()) + " " + why);
            kuseg |= s.vaddr() >= 0;
        }
        placement = kuseg ? Placement.KUSEG : Placement.KSEG;
    }

    Placement placement() { return placement; }

    /**
     * Copies code and data (zeroing BSS) and the headers-only segments that fit, as the monitor would. Checks
     * every code and data segment before writing anything, and copies them last, so that a refused image
     * leaves RAM untouched and no header segment can overwrite code.
     */
    void copyInto(PhysicalMemory ram) {
        for (ElfSegment s : code) {
            long pa = physical(s);
            if (pa < 0 || !ram.contains(pa, s.memSize())) throw new ImageException(doesNotFit(s, ram));
        }
        for (ElfSegment s : headers) {
            long pa = physical(s);
            if (pa >= 0 && ram.contains(pa, s.memSize())) copy(s, pa, ram);
        }
        for (ElfSegment s : code) copy(s, physical(s), ram);
    }

    private static void copy(ElfSegment s, long pa, PhysicalMemory ram) {
        byte[] data = s.fileBytes();
        ram.loadBytes(pa, data, 0, data.length);
        for (long k = data.length; k < s.memSize(); k++) ram.write8(pa + k, 0);   // BSS
    }

    /**
     * Physical address of a segment under this image's rule, or -1 when the rule reaches it through no
     * mapping: KSEG0/KSEG1 map directly; kuseg maps to {@link Machine#KUSEG_PHYS_BASE} + vaddr in a KUSEG image
     * and not at all in a KSEG image (its TLB is empty).
     */
    private long physical(ElfSegment s) {
        if (inKseg(s)) return s.vaddr() & 0x1FFFFFFFL;
        if (inKuseg(s) && placement == Placement.KUSEG) return s.vaddr() + Machine.KUSEG_PHYS_BASE;
        return -1;
    }

    private static boolean inKseg(ElfSegment s) {
        return s.vaddr() >= KSEG0 && s.vaddr() < KSEG2 && s.memSize() <= KSEG2 - s.vaddr();
    }

    private static boolean inKuseg(ElfSegment s) {
        return s.vaddr() >= 0 && s.vaddr() < KUSEG_END && s.memSize() <= KUSEG_END - s.vaddr();
    }

    /**
     * Whether a segment holds code or data: the entry point, or an allocated section other than the
     * loader-only ones. Without section headers nothing is known, so every segment counts.
     */
    private boolean holdsCodeOrData(ElfSegment s) {
        if (s.contains(elf.entry()) || elf.sections().size() <= 1) return true;
        for (ElfSectionInfo sec : elf.sections()) {
            if ((sec.flags() & ElfConstants.SHF_ALLOC) == 0 || sec.size() == 0 || !s.contains(sec.addr())) continue;
            if (!loaderOnly(sec)) return true;
        }
        return false;
    }

    /** Sections that describe the image to a loader or debugger and that no code reads (MIPS psABI). */
    private static boolean loaderOnly(ElfSectionInfo sec) {
        return switch (sec.type()) {
            case ElfConstants.SHT_NOTE, ElfConstants.SHT_MIPS_REGINFO, ElfConstants.SHT_MIPS_OPTIONS,
                 ElfConstants.SHT_MIPS_ABIFLAGS -> true;
            default -> false;
        };
    }

    /** The link flag that fixes every refusal: KSEG0, written as this ELF class needs it. */
    private String kseg0Hint() {
        return elf.is64() ? "-Ttext=0xffffffff80100000" : "-Ttext=0x80100000";
    }

    /** Why a code or data segment lies where no bare image can run, with what to change; null if it can. */
    private String whyNotRunnable(ElfSegment s) {
        if (inKseg(s) || inKuseg(s)) return null;
        long va = s.vaddr();
        String fix = "; link it in KSEG0 (e.g. " + kseg0Hint() + ")";
        boolean zeroExtended = elf.is64() && va >= 0 && va < (1L << 32) && va + s.memSize() > KUSEG_END;
        if (zeroExtended) {
            return "reaches 0x80000000 or above as a zero-extended 64-bit address, which is xuseg to an n64"
                    + " program, not KSEG0" + fix;
        }
        if (va >= 0 && va < KUSEG_END) return "runs from kuseg into KSEG0; link all its sections in one space" + fix;
        if (!elf.is64()) return "is in kseg2/kseg3, a mapped kernel space the monitor sets up no TLB for" + fix;
        if (va > 0 && va < (1L << 40)) return "is in xuseg above 4 GB (gcc's default n64 base is 0x120000000), which needs the"
                + " 64-bit addressing Pebble does not model" + fix;
        return "is in a 64-bit space (xsseg, xksseg, xkphys or xkseg) that Pebble does not model" + fix;
    }

    private String doesNotFit(ElfSegment s, PhysicalMemory ram) {
        String what = elf.displayName() + ": " + s.label(elf.is64());
        long kusegTop = ram.sizeBytes - Machine.KUSEG_PHYS_BASE;
        if (inKseg(s)) {
            return what + String.format(" ends at physical 0x%x, past the %d MB of RAM; link it lower in KSEG0 or"
                    + " give the machine more RAM (--ram-mb)", (s.vaddr() & 0x1FFFFFFFL) + s.memSize(), ram.sizeBytes >>> 20);
        }
        if (kusegTop <= 0) {
            return what + String.format(" lies in kuseg, which the monitor maps from physical 4 MB up: nothing of it"
                    + " with %d MB of RAM; link it in KSEG0 (e.g. %s) or give the machine more RAM (--ram-mb)",
                    ram.sizeBytes >>> 20, kseg0Hint());
        }
        return what + String.format(" lies in kuseg up to 0x%x, but the monitor maps kuseg onto RAM only below 0x%x"
                + " (RAM less the 4 MB under it); link it in KSEG0 (e.g. %s) or below 0x%x",
                s.vaddr() + s.memSize(), kusegTop, kseg0Hint(), kusegTop);
    }
}
