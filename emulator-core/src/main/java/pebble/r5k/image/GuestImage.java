package pebble.r5k.image;

import pebble.r5k.Machine;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.elf.Abi;
import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfFormatException;
import pebble.r5k.elf.ElfReader;
import pebble.r5k.elf.ElfSymbol;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A guest program as a boot monitor loads it: an ELF executable (o32, n32 or n64, either byte order), an
 * assembly source, or a program from Pebble's assembler. This is the one way the CLI, the benchmarks and the
 * modules above the emulator (the nucleus image builder) put an image into a {@link Machine}:
 *
 * <pre>{@code
 * GuestImage image = GuestImage.fromElf("nucleus.elf", bytes);
 * Machine m = Machine.create(image.bigEndian(), Machine.DEFAULT_RAM_BYTES, console, null);
 * image.loadInto(m);                       // segments, BSS, TLB and start state
 * long table = image.symbol("portal_table").orElseThrow();
 * }</pre>
 *
 * <p>Where an image may be linked and what the CPU looks like when it starts are in docs/reset-state.md;
 * {@link ImageLayout} holds the rule. Every refusal is an {@link ImageException} whose message names the
 * file and says what to change.
 */
public final class GuestImage {
    private final ElfFile elf;
    private final ImageLayout layout;

    private GuestImage(ElfFile elf) {
        this.elf = elf;
        this.layout = new ImageLayout(elf);
    }

    /** An ELF executable's bytes; {@code name} is used in messages. */
    public static GuestImage fromElf(String name, byte[] bytes) {
        try {
            return new GuestImage(ElfReader.read(bytes, name));
        } catch (ElfFormatException e) {
            throw new ImageException(e.getMessage());
        }
    }

    /** A program assembled in memory, loaded exactly like the ELF file {@link Assembler#toElf} makes of it. */
    public static GuestImage fromProgram(String name, AssembledProgram program) {
        return fromElf(name, Assembler.toElf(program));
    }

    /** {@link #fromProgram(String, AssembledProgram)} named "assembled program" in messages. */
    public static GuestImage fromProgram(AssembledProgram program) {
        return fromProgram("assembled program", program);
    }

    /** Assembles and links a source with the default layout (text at 0x80100000); errors one per line. */
    public static GuestImage fromSource(Path source, AsmOptions options) {
        try {
            return fromProgram(source.toString(), Assembler.assemble(List.of(source), options));
        } catch (AssemblyException e) {
            throw new ImageException(e.getMessage());
        }
    }

    /** A file as {@code pebble run} takes it: assembly source by its extension (.s, .S, .asm), ELF otherwise. */
    public static GuestImage fromFile(Path path, byte[] bytes, AsmOptions sourceOptions) {
        return isSource(path) ? fromSource(path, sourceOptions) : fromElf(path.toString(), bytes);
    }

    public static boolean isSource(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith(".s") || n.endsWith(".S") || n.endsWith(".asm");
    }

    /** The parsed ELF file (sections, segments, symbols). */
    public ElfFile elf() { return elf; }
    public String name() { return elf.displayName(); }
    public boolean bigEndian() { return elf.bigEndian(); }
    public Abi abi() { return elf.abi(); }
    /** The entry point as a 64-bit CPU address (ELF32 addresses sign-extended). */
    public long entry() { return elf.entry(); }
    /** Whether the image starts with an empty TLB ({@link Placement#KSEG}) or wired kuseg entries. */
    public Placement placement() { return layout.placement(); }

    /** Lines to show the user before running (today: an ISA level above the R5000's MIPS IV). */
    public List<String> warnings() {
        String isa = elf.isaNote();
        return isa == null ? List.of() : List.of(isa);
    }

    /**
     * Named symbols defined in a section of the image (functions, objects, labels; name → 64-bit CPU
     * address), in symbol-table order; where a name is defined twice, a global or weak definition wins over
     * a local one, as in {@link #symbol}.
     */
    public Map<String, Long> symbols() {
        Map<String, Long> out = new LinkedHashMap<>();
        Set<String> global = new HashSet<>();
        for (ElfSymbol s : elf.symbols()) {
            if (s.name().isEmpty() || s.section() == null
                    || s.type() == ElfConstants.STT_SECTION || s.type() == ElfConstants.STT_FILE) continue;
            boolean isGlobal = s.bind() != ElfConstants.STB_LOCAL;
            if (!out.containsKey(s.name()) || (isGlobal && !global.contains(s.name()))) out.put(s.name(), s.value());
            if (isGlobal) global.add(s.name());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The address of symbol {@code name} (global over weak over local), if the image defines it. */
    public OptionalLong symbol(String name) {
        ElfSymbol s = elf.findSymbol(name);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.value());
    }

    /**
     * Loads the image into a fresh machine of the same byte order and leaves the CPU at the entry point in
     * the monitor's start state: segments copied, BSS zeroed, the TLB empty for a KSEG image or kuseg mapped
     * by wired entries (docs/reset-state.md).
     */
    public void loadInto(Machine m) {
        if (m.ram().bigEndian != bigEndian()) {
            throw new ImageException(name() + ": a " + (bigEndian() ? "big" : "little") + "-endian image cannot"
                    + " run on a " + (m.ram().bigEndian ? "big" : "little") + "-endian machine; create the machine"
                    + " with the image's byte order");
        }
        layout.copyInto(m.ram());
        m.startImage(entry(), placement() == Placement.KUSEG, abi() != Abi.O32);
    }
}
