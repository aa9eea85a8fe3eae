package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.host.HostFiles;
import pebble.r5k.image.GuestImage;
import pebble.r5k.timing.TimingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pebble run IMAGE}: loads an ELF image (or assembles a .s file) and runs it on the P-5064. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a guest image on the emulated P-5064.",
                "The console (COM1) is stdout and stdin; the guest ends the run by writing its status to the"
                        + " sim-control device (0xBFFF0000)."},
        footer = {ExitCodes.HELP_0, ExitCodes.HELP_1, ExitCodes.HELP_2, ExitCodes.HELP_3, ExitCodes.HELP_4,
                ExitCodes.HELP_5, ExitCodes.HELP_6, ExitCodes.HELP_7})
public final class RunCommand implements Callable<Integer> {
    /**
     * Default cycle bound of a run that is not interactive: about 2 minutes of emulated time at 166 MHz, so a
     * stuck guest in a script or a test always ends. An interactive run (stdin and stdout a terminal) has no
     * default bound: the user ends it (Ctrl-C), and an idle guest must not be stopped while it waits for them.
     */
    static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "ELF executable (o32, n32 or ELF64; big or little endian) or MIPS assembly source (.s)")
    Path image;

    @Option(names = "--max-cycles", paramLabel = "N", description = "stop after N cycles, 0 = no limit (default: "
            + "20000000000, about 2 minutes of emulated time; none when stdin and stdout are a terminal)")
    Long maxCycles;

    @Option(names = "--stats", description = "print statistics (instructions, cycles, CPI, stalls by cause, cache hit rates, TLB refills, exceptions, per ASID) to stderr at exit")
    boolean stats;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "write the statistics as JSON to FILE at exit")
    Path statsJson;

    @Option(names = "--no-timing", description = "functional fast mode: one cycle per instruction, no caches or stalls (timing is on by default)")
    boolean noTiming;

    @Option(names = "--no-translate", description = "run every instruction in the interpreter loop instead of translating hot code to JVM bytecode (same cycles and results, slower; for cross-checking)")
    boolean noTranslate;

    @Option(names = "--translate-after", paramLabel = "N", description = "translate a block to JVM bytecode after N executions (1-32767, default ${DEFAULT-VALUE})")
    int translateAfter = Machine.DEFAULT_TRANSLATE_AFTER;

    @Option(names = "--timing", paramLabel = "FILE", description = "what-if timing table: 'key = value [unit]' lines overriding docs/timing.md")
    Path timingFile;

    @Option(names = "--check-coherence", description = "report stale I-cache code and uncached reads of dirty D-cache lines to stderr (needs timing)")
    boolean checkCoherence;

    @Option(names = "--trace", description = "print one line per retired instruction (pc, word, disassembly, changed register) to stderr")
    boolean trace;

    @Option(names = "--trace-file", paramLabel = "FILE", description = "write the --trace output to FILE instead of stderr")
    Path traceFile;

    @Option(names = "--ram-mb", paramLabel = "MB", description = "RAM size in MB (default ${DEFAULT-VALUE})")
    int ramMb = (int) (Machine.DEFAULT_RAM_BYTES >>> 20);

    @Option(names = "-I", paramLabel = "DIR", description = "assembly sources: search DIR for .include and #include files")
    java.util.List<Path> includeDirs = new java.util.ArrayList<>();

    @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "assembly sources: define a preprocessor macro for .S files")
    java.util.List<String> defines = new java.util.ArrayList<>();

    @Option(names = "-EL", description = "assemble .s sources little-endian (ELF images carry their own byte order)")
    boolean littleEndian;

    @Option(names = "--console-in", paramLabel = "FILE",
            description = "console (COM1) input from FILE instead of stdin; read as the guest asks, so runs are repeatable")
    Path consoleIn;

    /** The root this runs under; it says whether the host's stdin may be the guest's console input. */
    @picocli.CommandLine.ParentCommand
    CliHost host;

    /** Whether this is the command-line tool (its stdin and stdout are the user's), not an embedded run. */
    private boolean hostProcess() {
        return host != null && host.hostStdin();
    }

    /** The guest's console input: a file (deterministic), the host's stdin (background reader), or none. */
    private InputStream consoleInput() throws IOException {
        if (consoleIn != null) {
            try {
                return new ByteArrayInputStream(HostFiles.read(consoleIn, HostFiles.MAX_TEXT_BYTES, "console input"));
            } catch (HostFiles.HostFileException e) {
                throw new HostFiles.HostFileException("--console-in " + e.getMessage());
            }
        }
        return hostProcess() ? HostStdin.open() : null;
    }

    /** The cycle bound of this run (interactive: the tool itself, with stdin and stdout a terminal). */
    private long cycleLimit() {
        return cycleLimit(maxCycles, hostProcess() && System.console() != null);
    }

    /** --max-cycles (0 = none), else none for an interactive run and {@link #DEFAULT_MAX_CYCLES} for any other. */
    static long cycleLimit(Long maxCycles, boolean interactive) {
        long n = maxCycles != null ? maxCycles : interactive ? 0 : DEFAULT_MAX_CYCLES;
        return n == 0 ? Long.MAX_VALUE : n;
    }

    /**
     * Output options are checked before the run: one naming an input would destroy it, two naming the same
     * file would interleave, and one whose directory is missing would fail only after the whole run.
     */
    private void checkOutputs() throws IOException {
        Path[] outs = {traceFile, statsJson};
        String[] names = {"--trace-file", "--stats-json"};
        for (int i = 0; i < outs.length; i++) {
            Path out = outs[i];
            if (out == null) continue;
            HostFiles.checkCreatable(out, names[i]);
            for (Path in : new Path[] {image, consoleIn, timingFile}) {
                if (in != null && sameFile(in, out)) {
                    throw new IllegalArgumentException(names[i] + " " + out + " is an input of this run; refusing to overwrite it");
                }
            }
            for (int j = 0; j < i; j++) {
                if (outs[j] != null && sameFile(outs[j], out)) {
                    throw new IllegalArgumentException(names[j] + " and " + names[i] + " both name " + out + "; give each its own file");
                }
            }
        }
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    @Override
    public Integer call() throws Exception {
        if (ramMb <= 0 || ramMb > 256) throw new IllegalArgumentException("--ram-mb must be 1..256 (the P-5064 DRAM window is 256 MB)");
        if (maxCycles != null && maxCycles < 0) throw new IllegalArgumentException("--max-cycles must be 0 (no limit) or positive: " + maxCycles);
        byte[] bytes = HostFiles.read(image, HostFiles.MAX_IMAGE_BYTES, "an image");
        checkOutputs();
        if (noTiming && (timingFile != null || checkCoherence)) {
            throw new IllegalArgumentException("--no-timing cannot be combined with --timing or --check-coherence");
        }
        if (translateAfter < 1 || translateAfter > Short.MAX_VALUE) {
            throw new IllegalArgumentException("--translate-after must be between 1 and 32767: " + translateAfter);
        }
        TimingTable table = noTiming ? null : timingFile != null ? TimingTable.load(timingFile) : TimingTable.defaults();
        OutputStream console = ConsoleSink.stdout(hostProcess());
        pebble.r5k.asm.AsmOptions srcOpts = pebble.r5k.asm.AsmOptions.defaults().withBigEndian(!littleEndian);
        for (Path d : includeDirs) srcOpts = srcOpts.withIncludeDir(d);
        for (String d : defines) srcOpts = srcOpts.withDefine(d);
        GuestImage guest = GuestImage.fromFile(image, bytes, srcOpts);
        Machine m = Machine.create(guest.bigEndian(), (long) ramMb << 20, console, consoleInput());
        guest.loadInto(m);
        guest.warnings().forEach(w -> System.err.println("pebble: " + w));
        m.setTranslateAfter(noTranslate ? 0 : translateAfter);
        if (table != null) m.enableTiming(table, checkCoherence ? System.err::println : null);
        PrintStream traceOut = null;
        ConsoleSink.FailureKeeping traceSink = null;
        if (trace || traceFile != null) {
            traceSink = traceFile != null ? new ConsoleSink.FailureKeeping(openOutput(traceFile, "--trace-file")) : null;
            traceOut = traceFile != null ? new PrintStream(new BufferedOutputStream(traceSink, 1 << 16))
                    : new PrintStream(new BufferedOutputStream(System.err, 1 << 16));
            m.setTraceListener(new InstructionTracer(m.cpu(), traceOut));
        }
        StatsReport report = new StatsReport(m, stats, statsJson);
        if (stats || statsJson != null) report.armForInterrupt();
        Machine.RunResult r;
        try {
            r = m.run(cycleLimit());
        } finally {
            report.disarm();
        }
        if (traceOut != null) traceOut.flush();
        if (traceSink != null && (traceOut.checkError() || traceSink.failure != null)) {
            System.err.println("pebble: --trace-file " + (traceSink.failure != null
                    ? HostFiles.describe(traceFile, traceSink.failure) : traceFile + ": write failed"));
            report.write();
            return ExitCodes.HOST_ERROR;
        }
        report.write();
        explain(r, m);
        return ExitCodes.of(r);
    }

    /** One line on stderr for every end of a run that is not the guest's own exit. */
    private static void explain(Machine.RunResult r, Machine m) {
        switch (r.reason()) {
            case CYCLE_LIMIT -> System.err.printf("pebble: stopped after %d cycles (--max-cycles); pc=0x%016x%n", r.cycles(), m.cpu().pc);
            case DEADLOCK -> System.err.println("pebble: " + r.detail() + String.format("; pc=0x%016x", m.cpu().pc));
            case UNHANDLED_EXCEPTION, RESET_VECTOR, HOST_IO_ERROR -> System.err.println("pebble: " + r.detail());
            case GUEST_EXIT -> {
                if (ExitCodes.noteCollision(r)) {
                    System.err.printf("pebble: note: the guest exited with status %d, which is also pebble's own exit"
                            + " code for another outcome (see run --help)%n", r.exitStatus());
                }
            }
        }
    }

    /** Opens an output file, naming it and the OS reason if that fails. */
    private static OutputStream openOutput(Path out, String option) throws IOException {
        try {
            return Files.newOutputStream(out);
        } catch (IOException e) {
            throw new HostFiles.HostFileException(option + " " + HostFiles.describe(out, e));
        }
    }
}
