package pebble.r5k.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A parsed MIPS ELF image (produced by {@link ElfReader}); immutable.
 *
 * <p><b>Addresses are 64-bit CPU addresses.</b> The R5000 is a 64-bit CPU: a 32-bit program's
 * kseg0 address 0x80010000 is the 64-bit address 0xffffffff80010000. So for ELF32 images every address
 * (entry, segment vaddr/paddr, section addr, symbol value) is sign-extended from 32 bits, and the
 * symbol look-ups accept either form. Sizes and file offsets are never sign-extended.
 */
public final class ElfFile {
    private final String displayName;
    private final boolean bigEndian;
    private final boolean is64;
    private final Abi abi;
    private final int type;
    private final int machine;
    private final int flags;
    private final long entry;
    private final List<ElfSegment> segments;
    private final List<ElfSymbol> symbols;
    private final List<ElfSectionInfo> sections;

    // Address index for symbolAt/symbolFor: keys are value ^ Long.MIN_VALUE (unsigned order as signed),
    // sorted ascending; among equal addresses the preferred label comes first.
    private final long[] labelKeys;
    private final ElfSymbol[] labelSyms;

    ElfFile(String displayName, boolean bigEndian, boolean is64, Abi abi, int type, int machine, int flags,
            long entry, List<ElfSegment> segments, List<ElfSymbol> symbols, List<ElfSectionInfo> sections) {
        this.displayName = displayName;
        this.bigEndian = bigEndian;
        this.is64 = is64;
        this.abi = abi;
        this.type = type;
        this.machine = machine;
        this.flags = flags;
        this.entry = entry;
        this.segments = List.copyOf(segments);
        this.symbols = List.copyOf(symbols);
        this.sections = List.copyOf(sections);

        List<ElfSymbol> labels = new ArrayList<>();
        for (ElfSymbol s : symbols) {
            if (isLabel(s)) labels.add(s);
        }
        labels.sort(Comparator.<ElfSymbol>comparingLong(s -> s.value() ^ Long.MIN_VALUE)
                .thenComparingInt(ElfFile::typeRank)
                .thenComparingInt(ElfFile::bindRank)
                .thenComparing(ElfSymbol::name));
        labelSyms = labels.toArray(new ElfSymbol[0]);
        labelKeys = new long[labelSyms.length];
        for (int i = 0; i < labelSyms.length; i++) labelKeys[i] = labelSyms[i].value() ^ Long.MIN_VALUE;
    }

    /** A symbol usable as a disassembly label: named, defined in a section, code or data or plain label. */
    private static boolean isLabel(ElfSymbol s) {
        int t = s.type();
        return !s.name().isEmpty() && s.section() != null
                && (t == ElfConstants.STT_FUNC || t == ElfConstants.STT_OBJECT || t == ElfConstants.STT_NOTYPE);
    }

    // Lower rank wins at equal address: a function name beats "_ftext"-style NOTYPE markers.
    private static int typeRank(ElfSymbol s) {
        return switch (s.type()) {
            case ElfConstants.STT_FUNC -> 0;
            case ElfConstants.STT_OBJECT -> 1;
            default -> 2;
        };
    }

    private static int bindRank(ElfSymbol s) {
        return switch (s.bind()) {
            case ElfConstants.STB_GLOBAL -> 0;
            case ElfConstants.STB_WEAK -> 1;
            default -> 2;
        };
    }

    /** Name the image was read under (used in messages). */
    public String displayName() { return displayName; }
    public boolean bigEndian() { return bigEndian; }
    /** True for ELFCLASS64. */
    public boolean is64() { return is64; }
    public Abi abi() { return abi; }
    /** e_type ({@link ElfConstants#ET_EXEC} for anything {@link ElfReader#read} returns). */
    public int type() { return type; }
    /** e_machine (always {@link ElfConstants#EM_MIPS}). */
    public int machine() { return machine; }
    /** e_flags. */
    public int flags() { return flags; }
    /** e_entry as a 64-bit CPU address. */
    public long entry() { return entry; }
    /** PT_LOAD segments in program header order. */
    public List<ElfSegment> segments() { return segments; }
    /** Symbols from .symtab (or .dynsym when there is no .symtab), without the null symbol 0. */
    public List<ElfSymbol> symbols() { return symbols; }
    /** All section headers, including the null section 0. */
    public List<ElfSectionInfo> sections() { return sections; }

    /** Name of the EF_MIPS_ARCH level, e.g. "MIPS IV". */
    public String archName() { return ElfConstants.archName(flags); }

    /**
     * One line to show the user when the image is marked for an ISA above the R5000's MIPS IV (MIPS V,
     * MIPS32, MIPS64, release 2), or null: such code runs, and only the instructions the R5000 lacks raise
     * Reserved Instruction.
     */
    public String isaNote() {
        int arch = flags & ElfConstants.EF_MIPS_ARCH;
        if (Integer.compareUnsigned(arch, ElfConstants.EF_MIPS_ARCH_4) <= 0) return null;
        return displayName + ": warning: built for " + archName() + "; the R5000 is MIPS IV, so instructions it"
                + " lacks raise Reserved Instruction (-march=r5000 avoids them)";
    }

    /** The section called {@code name}, or null. */
    public ElfSectionInfo section(String name) {
        for (ElfSectionInfo s : sections) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }

    /** The symbol called {@code name}, preferring global over weak over local definitions; null if absent. */
    public ElfSymbol findSymbol(String name) {
        ElfSymbol best = null;
        for (ElfSymbol s : symbols) {
            if (s.name().equals(name) && (best == null || bindRank(s) < bindRank(best))) best = s;
        }
        return best;
    }

    /** The preferred label symbol whose value is exactly {@code addr}, or null. */
    public ElfSymbol symbolAt(long addr) {
        ElfSymbol s = symbolFor(addr);
        return s != null && s.value() == normalize(addr) ? s : null;
    }

    /**
     * The nearest label symbol (FUNC, OBJECT or NOTYPE, named, section-defined) at or below {@code addr},
     * or null if there is none. Used for {@code <sym+0x10>} disassembly labels.
     */
    public ElfSymbol symbolFor(long addr) {
        long key = normalize(addr) ^ Long.MIN_VALUE;
        int lo = 0;
        int hi = labelKeys.length - 1;
        int found = -1;
        while (lo <= hi) { // last index with labelKeys[i] <= key
            int mid = (lo + hi) >>> 1;
            if (labelKeys[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) return null;
        long best = labelKeys[found];
        while (found > 0 && labelKeys[found - 1] == best) found--; // the preferred one at that address
        return labelSyms[found];
    }

    /** "sym" or "sym+0x10" for {@code addr}, or null when no label precedes it. */
    public String labelFor(long addr) {
        ElfSymbol s = symbolFor(addr);
        if (s == null) return null;
        long off = normalize(addr) - s.value();
        return off == 0 ? s.name() : s.name() + "+0x" + Long.toHexString(off);
    }

    /** ELF32 addresses are sign-extended, so a zero-extended query is brought to the same form. */
    private long normalize(long addr) {
        return is64 ? addr : (long) (int) addr;
    }

    /** One-line summary, e.g. "ELF32 o32 big-endian MIPS IV, entry 0x80010000, 2 segments". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(is64 ? "ELF64 " : "ELF32 ").append(abi.label())
                .append(bigEndian ? " big-endian " : " little-endian ").append(archName());
        if (type != ElfConstants.ET_EXEC) sb.append(' ').append(ElfConstants.typeName(type));
        sb.append(", entry 0x").append(is64 ? Long.toHexString(entry) : Integer.toHexString((int) entry));
        sb.append(", ").append(segments.size()).append(segments.size() == 1 ? " segment" : " segments");
        return sb.toString();
    }

    @Override
    public String toString() {
        return displayName + ": " + describe();
    }
}
