package pebble.r5k.elf;

/**
 * Numeric constants of the ELF format and its MIPS supplement that the reader and writer use.
 * Values are from the System V ABI (gABI) and the MIPS processor supplement (psABI); the
 * EF_MIPS_* flag values were cross-checked against what GNU as 2.40 emits on this machine.
 */
public final class ElfConstants {
    private ElfConstants() {}

    // e_ident
    public static final int EI_NIDENT = 16;
    public static final int EI_CLASS = 4;
    public static final int EI_DATA = 5;
    public static final int EI_VERSION = 6;
    public static final int ELFCLASS32 = 1;
    public static final int ELFCLASS64 = 2;
    public static final int ELFDATA2LSB = 1;
    public static final int ELFDATA2MSB = 2;
    public static final int EV_CURRENT = 1;

    // e_type
    public static final int ET_NONE = 0;
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;

    // e_machine
    public static final int EM_MIPS = 8;

    // Header and table entry sizes.
    public static final int EHDR32_SIZE = 52;
    public static final int EHDR64_SIZE = 64;
    public static final int PHDR32_SIZE = 32;
    public static final int PHDR64_SIZE = 56;
    public static final int SHDR32_SIZE = 40;
    public static final int SHDR64_SIZE = 64;
    public static final int SYM32_SIZE = 16;
    public static final int SYM64_SIZE = 24;

    // Program header types and flags.
    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    /** Dynamic-section tags (ELF gABI). */
    public static final int DT_NULL = 0;
    public static final int DT_NEEDED = 1;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;
    /** e_phnum value meaning "the real count is in section header 0's sh_info". */
    public static final int PN_XNUM = 0xffff;

    // Section header types.
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_NOTE = 7;
    /** MIPS ABI sections that describe the image to a loader and are never read by its code (MIPS psABI). */
    public static final int SHT_MIPS_REGINFO = 0x70000006;
    public static final int SHT_MIPS_OPTIONS = 0x7000000d;
    public static final int SHT_MIPS_ABIFLAGS = 0x7000002a;

    // Section header flags.
    public static final int SHF_WRITE = 1;
    public static final int SHF_ALLOC = 2;
    public static final int SHF_EXECINSTR = 4;

    // Special section indexes.
    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    // Symbol types and bindings.
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    // MIPS e_flags.
    public static final int EF_MIPS_NOREORDER = 0x00000001;
    public static final int EF_MIPS_PIC = 0x00000002;
    public static final int EF_MIPS_CPIC = 0x00000004;
    /** Set for the n32 ABI. */
    public static final int EF_MIPS_ABI2 = 0x00000020;
    /** A 64-bit ISA used under a 32-bit ABI (set by GNU as for o32 with -march=r5000). */
    public static final int EF_MIPS_32BITMODE = 0x00000100;
    public static final int EF_MIPS_ABI = 0x0000f000;
    public static final int EF_MIPS_ABI_O32 = 0x00001000;
    public static final int EF_MIPS_ARCH_ASE_MDMX = 0x08000000;
    public static final int EF_MIPS_ARCH_ASE_M16 = 0x04000000;
    public static final int EF_MIPS_ARCH_ASE_MICROMIPS = 0x02000000;
    public static final int EF_MIPS_ARCH = 0xf0000000;
    public static final int EF_MIPS_ARCH_1 = 0x00000000;
    public static final int EF_MIPS_ARCH_2 = 0x10000000;
    public static final int EF_MIPS_ARCH_3 = 0x20000000;
    public static final int EF_MIPS_ARCH_4 = 0x30000000;
    public static final int EF_MIPS_ARCH_5 = 0x40000000;
    public static final int EF_MIPS_ARCH_32 = 0x50000000;
    public static final int EF_MIPS_ARCH_64 = 0x60000000;
    public static final int EF_MIPS_ARCH_32R2 = 0x70000000;
    public static final int EF_MIPS_ARCH_64R2 = 0x80000000;
    public static final int EF_MIPS_ARCH_32R6 = 0x90000000;
    public static final int EF_MIPS_ARCH_64R6 = 0xa0000000;

    /**
     * e_flags for the images we write: exactly what {@code mips-linux-gnu-as -march=r5000 -mabi=32}
     * (binutils 2.40) puts on an empty file: MIPS IV | o32 | 32-bit mode = 0x30001100.
     */
    public static final int DEFAULT_FLAGS_O32 = EF_MIPS_ARCH_4 | EF_MIPS_ABI_O32 | EF_MIPS_32BITMODE;

    /** Page size the writer aligns segment file offsets to (offset ≡ vaddr mod this). */
    public static final int PAGE_SIZE = 0x1000;

    /** Human name of the EF_MIPS_ARCH field of {@code eFlags}, e.g. "MIPS IV" or "MIPS32r2". */
    public static String archName(int eFlags) {
        return switch (eFlags & EF_MIPS_ARCH) {
            case EF_MIPS_ARCH_1 -> "MIPS I";
            case EF_MIPS_ARCH_2 -> "MIPS II";
            case EF_MIPS_ARCH_3 -> "MIPS III";
            case EF_MIPS_ARCH_4 -> "MIPS IV";
            case EF_MIPS_ARCH_5 -> "MIPS V";
            case EF_MIPS_ARCH_32 -> "MIPS32";
            case EF_MIPS_ARCH_64 -> "MIPS64";
            case EF_MIPS_ARCH_32R2 -> "MIPS32r2";
            case EF_MIPS_ARCH_64R2 -> "MIPS64r2";
            case EF_MIPS_ARCH_32R6 -> "MIPS32r6";
            case EF_MIPS_ARCH_64R6 -> "MIPS64r6";
            default -> "unknown MIPS architecture " + ((eFlags >>> 28) & 0xf);
        };
    }

    /** Name of an e_type value for messages. */
    public static String typeName(int eType) {
        return switch (eType) {
            case ET_NONE -> "none";
            case ET_REL -> "relocatable";
            case ET_EXEC -> "executable";
            case ET_DYN -> "shared object";
            case ET_CORE -> "core file";
            default -> "unknown";
        };
    }
}
