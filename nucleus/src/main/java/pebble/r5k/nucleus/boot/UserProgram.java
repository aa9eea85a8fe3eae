package pebble.r5k.nucleus.boot;

import pebble.r5k.host.HostFiles;
import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.elf.ElfConstants;
import pebble.r5k.elf.ElfFile;
import pebble.r5k.elf.ElfFormatException;
import pebble.r5k.elf.ElfReader;
import pebble.r5k.elf.ElfSegment;
import pebble.r5k.nucleus.layout.NucleusLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user program for one protection domain: its loadable segments (kuseg, linked at USER_TEXT_VA) and entry.
 * Sources are assembled by our assembler with {@code pebble.inc} on the include path (docs/abi.md).
 */
public record UserProgram(String name, long entry, List<Segment> segments) {

    /** One loadable segment: {@code bytes} at {@code vaddr}, zero-filled up to {@code memSize}. */
    public record Segment(long vaddr, byte[] bytes, long memSize, boolean isWritable) {}

    public UserProgram {
        segments = List.copyOf(segments);
        for (Segment s : segments) {
            if (s.vaddr() < 0 || s.vaddr() + s.memSize() > NucleusLayout.WINDOW_VA_BASE) {
                throw new SystemImageException(String.format("%s: segment 0x%x..0x%x is outside the program area 0x%x..0x%x (docs/abi.md)",
                        name, s.vaddr(), s.vaddr() + s.memSize(), 0, NucleusLayout.WINDOW_VA_BASE));
            }
        }
    }

    /** Assembles {@code text} (named {@code name} in messages); {@code dir}, if not null, is searched for includes first. */
    public static UserProgram fromSource(String name, String text, Path dir) {
        return dir == null ? fromSource(name, text, List.of()) : fromSource(name, text, List.of(dir));
    }

    /** Assembles {@code text}; {@code includeDirs} are searched in order, before the user ABI includes. */
    private static UserProgram fromSource(String name, String text, List<Path> includeDirs) {
        Path staged = UserIncludes.stage();
        AsmOptions opts = sourceOptions(includeDirs);
        try {
            AssembledProgram p;
            if (name.endsWith(".S")) {
                // the C preprocessor runs on files only: stage the text as one
                Path src = Files.createTempFile(staged, "prog", ".S");
                Files.writeString(src, text, StandardCharsets.ISO_8859_1);
                try {
                    p = Assembler.assemble(List.of(src), opts);
                } finally {
                    Files.deleteIfExists(src);
                }
            } else {
                p = Assembler.assembleString(name, text, opts);
            }
            return fromElf(baseName(name), Assembler.toElf(p));
        } catch (AssemblyException e) {
            throw new SystemImageException(e.getMessage());
        } catch (IOException e) {
            throw new SystemImageException(name + ": " + e.getMessage());
        }
    }

    /** How user sources assemble: linked at the user text address, {@code includeDirs} first, then the ABI includes. */
    private static AsmOptions sourceOptions(List<Path> includeDirs) {
        AsmOptions opts = AsmOptions.defaults().withText(NucleusLayout.USER_TEXT_VA);
        for (Path d : includeDirs) opts = opts.withIncludeDir(d);
        return opts.withIncludeDir(UserIncludes.stage());
    }

    /**
     * A {@code .s}/{@code .S} source (assembled; its own directory, then {@code extraIncludeDirs}, are searched
     * for includes) or an ELF executable linked in kuseg. The file is read with the CLI's checks (a regular
     * file of bounded size, errors naming the path and the OS reason).
     */
    public static UserProgram fromFile(Path path, Path... extraIncludeDirs) {
        byte[] bytes;
        try {
            bytes = HostFiles.read(path, HostFiles.MAX_IMAGE_BYTES, "a program");
        } catch (HostFiles.HostFileException e) {
            throw new SystemImageException(e.getMessage());
        }
        String file = path.getFileName().toString();
        List<Path> dirs = new ArrayList<>();
        dirs.add(path.toAbsolutePath().getParent());
        dirs.addAll(List.of(extraIncludeDirs));
        if (file.endsWith(".s")) return fromSource(path.toString(), new String(bytes, StandardCharsets.ISO_8859_1), dirs);
        if (file.endsWith(".S")) return fromPreprocessedFile(path, dirs);
        return fromElf(baseName(file), bytes);
    }

    private static UserProgram fromPreprocessedFile(Path path, List<Path> includeDirs) {
        try {
            return fromElf(baseName(path.getFileName().toString()), Assembler.toElf(Assembler.assemble(List.of(path), sourceOptions(includeDirs))));
        } catch (AssemblyException e) {
            throw new SystemImageException(e.getMessage());
        }
    }

    /** An ELF32 big-endian executable whose PT_LOAD segments lie in the program area. */
    public static UserProgram fromElf(String name, byte[] elf) {
        ElfFile f;
        try {
            f = ElfReader.read(elf, name);
        } catch (ElfFormatException e) {
            throw new SystemImageException(e.getMessage());
        }
        if (!f.bigEndian() || f.is64()) throw new SystemImageException(name + ": the nucleus runs big-endian 32-bit programs");
        List<Segment> segs = new ArrayList<>();
        for (ElfSegment s : f.segments()) {
            if (s.memSize() == 0) continue;
            segs.add(new Segment(s.vaddr() & 0xFFFFFFFFL, s.fileBytes(), s.memSize(), (s.flags() & ElfConstants.PF_W) != 0));
        }
        return new UserProgram(name, f.entry() & 0xFFFFFFFFL, segs);
    }

    static String baseName(String file) {
        String n = Path.of(file).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
