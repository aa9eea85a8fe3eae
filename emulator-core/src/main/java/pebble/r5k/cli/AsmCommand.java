package pebble.r5k.cli;

import pebble.r5k.asm.AsmOptions;
import pebble.r5k.asm.AssembledProgram;
import pebble.r5k.asm.Assembler;
import pebble.r5k.asm.AssemblyException;
import pebble.r5k.host.HostFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pebble asm SRC... -o OUT}: assembles GNU-as syntax MIPS sources into one linked ELF32 executable. */
@Command(name = "asm", mixinStandardHelpOptions = true,
        description = {"Assembles MIPS sources (GNU as syntax, -march=r5000 -mabi=32) into a linked ELF32 executable.",
                "Errors are printed one per line as file:line:col: message; the exit status is then 1."})
public final class AsmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SRC", description = "assembly source files (.s / .S)")
    List<Path> sources;

    @Option(names = "-o", required = true, paramLabel = "OUT", description = "output ELF file")
    Path output;

    @Option(names = "-EL", description = "little-endian output (default big-endian)")
    boolean littleEndian;

    @Option(names = "-EB", description = "big-endian output (the default)")
    boolean bigEndian;

    @Option(names = "-Ttext", paramLabel = "ADDR", description = "address of .text (default 0x80100000, KSEG0)")
    String textAddr;

    @Option(names = "-Tdata", paramLabel = "ADDR", description = "address of .data (default: after the text)")
    String dataAddr;

    @Option(names = "-e", paramLabel = "SYM", description = "entry symbol (default _start, else __start, else start of .text)")
    String entry;

    @Option(names = "-I", paramLabel = "DIR", description = "search DIR for .include and #include files (after the including file's directory)")
    List<Path> includeDirs = new java.util.ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "define a preprocessor macro for .S sources")
    List<String> defines = new java.util.ArrayList<>();

    @Option(names = "--listing", description = "print address, bytes and source line side by side to stdout")
    boolean listing;

    @Override
    public Integer call() throws IOException {
        if (littleEndian && bigEndian) throw new IllegalArgumentException("-EB and -EL are mutually exclusive");
        Path outAbs = output.toAbsolutePath().normalize();
        for (Path s : sources) {
            if (Files.exists(s) && Files.exists(output) && Files.isSameFile(s, output)
                    || s.toAbsolutePath().normalize().equals(outAbs)) {
                throw new IllegalArgumentException("-o " + output + " would overwrite the input file " + s);
            }
        }
        AsmOptions o = AsmOptions.defaults().withBigEndian(!littleEndian).withListing(listing);
        if (textAddr != null) o = o.withText(address("-Ttext", textAddr));
        if (dataAddr != null) o = o.withData(address("-Tdata", dataAddr));
        if (entry != null) o = o.withEntry(entry);
        for (Path d : includeDirs) o = o.withIncludeDir(d);
        for (String d : defines) o = o.withDefine(d);
        AssembledProgram p;
        try {
            p = Assembler.assemble(sources, o);
        } catch (AssemblyException e) {
            PrintStream err = System.err;
            for (String w : e.diagnostics().warnings()) err.println(w);
            for (String line : e.diagnostics().errors()) err.println(line);
            return 1;
        }
        for (String w : p.warnings()) System.err.println(w);
        if (listing) for (String l : p.listing()) System.out.println(l);
        writeAtomically(outAbs, Assembler.toElf(p));
        return 0;
    }

    /** Parses a -T address: decimal or 0x hex, up to 32 bits. */
    static long address(String opt, String text) {
        String t = text.trim().toLowerCase();
        try {
            long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            if (v < 0 || v > 0xFFFFFFFFL) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + ": bad address '" + text + "' (expected a 32-bit number such as 0x80100000)");
        }
    }

    /**
     * Writes to a temporary file next to {@code out}, then moves it into place, so a failure never leaves half
     * a file. The output is an executable, so it gets the mode GNU ld gives one: 0777 less the umask (0755
     * under the usual umask 022). Java cannot read the umask, so it is taken from the temporary file, which
     * is created as any new file is (0666 less the umask): each class that may read may also execute.
     */
    static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path dir = out.getParent() != null ? out.getParent() : Path.of(".");
        if (!Files.isDirectory(dir)) throw new HostFiles.HostFileException("-o " + out + ": No such file or directory (the directory " + dir + " does not exist)");
        Path tmp = dir.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            makeExecutable(tmp);
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (HostFiles.HostFileException e) {
            throw e;
        } catch (IOException e) {
            throw new HostFiles.HostFileException("-o " + HostFiles.describe(out, e));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Adds the execute bit for each class that has read permission (umask-derived, see writeAtomically). */
    private static void makeExecutable(Path p) throws IOException {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
        if (perms.contains(PosixFilePermission.OWNER_READ)) perms.add(PosixFilePermission.OWNER_EXECUTE);
        if (perms.contains(PosixFilePermission.GROUP_READ)) perms.add(PosixFilePermission.GROUP_EXECUTE);
        if (perms.contains(PosixFilePermission.OTHERS_READ)) perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(p, perms);
    }
}
