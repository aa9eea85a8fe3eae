package pebble.r5k.disasm;

import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfSectionInfo;
import pebble.r5k.elf.ElfSymbol;

import java.util.ArrayList;
import java.util.List;

/** An ELF file (executable, PIE or relocatable object) as {@link Listing} sees it. */
public final class ElfListingSource implements ListingSource {
    private final ElfFile elf;
    private final List<CodeSection> code = new ArrayList<>();
    private final List<ListingSymbol> symbols = new ArrayList<>();

    public ElfListingSource(ElfFile elf) {
        this.elf = elf;
        for (ElfSectionInfo s : elf.sections()) {
            if (s.isExec() && s.type() == ElfConstants.SHT_PROGBITS) {
                code.add(new CodeSection(s.name(), address(s.addr()), s.bytes(), elf.bigEndian()));
            }
        }
        for (ElfSymbol s : elf.symbols()) {
            // objdump labels code with defined, named symbols; section and file symbols name nothing.
            if (s.section() == null || s.name().isEmpty()
                    || s.type() == ElfConstants.STT_SECTION || s.type() == ElfConstants.STT_FILE) continue;
            Kind kind = s.type() == ElfConstants.STT_FUNC ? Kind.FUNCTION
                    : s.type() == ElfConstants.STT_OBJECT ? Kind.OBJECT : Kind.OTHER;
            symbols.add(new ListingSymbol(s.name(), address(s.value()), s.section(), kind, !s.isLocal()));
        }
    }

    /** ELF32 addresses are kept as unsigned 32-bit values, as objdump prints them. */
    private long address(long a) {
        return elf.is64() ? a : a & 0xFFFFFFFFL;
    }

    @Override public String fileName() { return elf.displayName(); }

    /** BFD's target names: n32 images are the "n" variants. */
    @Override
    public String formatName() {
        String endian = elf.bigEndian() ? "big" : "little";
        if (elf.is64()) return "elf64-trad" + endian + "mips";
        return (elf.abi() == pebble.r5k.elf.Abi.N32 ? "elf32-ntrad" : "elf32-trad") + endian + "mips";
    }

    @Override public int addressBits() { return elf.is64() ? 64 : 32; }
    @Override public boolean newAbi() { return elf.abi() != pebble.r5k.elf.Abi.O32; }
    @Override public boolean relocatable() { return elf.type() == ElfConstants.ET_REL; }
    @Override public List<CodeSection> codeSections() { return code; }
    @Override public List<ListingSymbol> symbols() { return symbols; }
}
