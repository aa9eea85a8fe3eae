package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.image.GuestImage;
import pebble.r5k.timing.StatsWriter;
import pebble.r5k.timing.TimingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pebble run IMAGE}: loads an ELF image (or assembles a .s file) and runs it on the P-5064. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a guest image on the emulated P-5064.",
                "The console (COM1) is stdout; the exit status is the value the guest writes to the sim-control"
                        + " device (0xBFFF0000), 124 when --max-cycles is reached, 125 on a host-side error."})
public final class RunCommand implements Callable<Integer> {
    /** Default cycle bound: about 2 minutes of emulated time at 166 MHz, so a stuck guest always ends. */
    static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "ELF executable (o32, n32 or ELF64; big or little endian) or MIPS assembly source (.s)")
    Path image;

    @Option(names = "--max-cycles", paramLabel = "N", description = "stop after N cycles (default ${DEFAULT-VALUE}; 0 = no limit)")
    long maxCycles = DEFAULT_MAX_CYCLES;

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

    @picocli.CommandLine.ParentCommand
    PebbleCli parent;

    /** The guest's console input: a file (deterministic), the host's stdin (background reader), or none. */
    private InputStream consoleInput() throws IOException {
        if (consoleIn != null) {
            if (!Files.isRegularFile(consoleIn)) throw new IllegalArgumentException(consoleIn + ": no such file (--console-in)");
            return new ByteArrayInputStream(Files.readAllBytes(consoleIn));
        }
        return parent != null && parent.hostStdin ? new BackgroundInput(System.in) : null;
    }

    /** An output option naming one of the run's inputs would destroy it: refuse before anything is written. */
    private void refuseToOverwrite(Path out, String option) throws IOException {
        if (out == null || !Files.exists(out)) return;
        for (Path in : new Path[] {image, consoleIn, timingFile}) {
            if (in != null && Files.exists(in) && Files.isSameFile(in, out)) {
                throw new IllegalArgumentException(option + " " + out + " is an input of this run; refusing to overwrite it");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (ramMb <= 0 || ramMb > 256) throw new IllegalArgumentException("--ram-mb must be 1..256 (the P-5064 DRAM window is 256 MB)");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new IllegalArgumentException(image + ": no such file");
        }
        refuseToOverwrite(traceFile, "--trace-file");
        refuseToOverwrite(statsJson, "--stats-json");
        if (noTiming && (timingFile != null || checkCoherence)) {
            throw new IllegalArgumentException("--no-timing cannot be combined with --timing or --check-coherence");
        }
        if (translateAfter < 1 || translateAfter > Short.MAX_VALUE) {
            throw new IllegalArgumentException("--translate-after must be between 1 and 32767: " + translateAfter);
        }
        TimingTable table = noTiming ? null : timingFile != null ? TimingTable.load(timingFile) : TimingTable.defaults();
        OutputStream console = new BufferedOutputStream(System.out, 1 << 12);
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
        if (trace || traceFile != null) {
            traceOut = traceFile != null ? new PrintStream(new BufferedOutputStream(Files.newOutputStream(traceFile), 1 << 16))
                    : new PrintStream(new BufferedOutputStream(System.err, 1 << 16));
            m.setTraceListener(new InstructionTracer(m.cpu(), traceOut));
        }
        Machine.RunResult r = m.run(maxCycles <= 0 ? Long.MAX_VALUE : maxCycles);
        if (traceOut != null) traceOut.flush();
        console.flush();
        if (stats) {
            System.err.print(StatsWriter.text(m.stats()));
            long[] tr = m.translationCounts(); // host-side, so not in the JSON (which describes the guest's run)
            System.err.printf("translated regions: %d (dropped as stale: %d, not translatable: %d)%n", tr[0], tr[1], tr[2]);
        }
        if (statsJson != null) Files.writeString(statsJson, StatsWriter.json(m.stats()));
        if (!r.halted()) {
            System.err.printf("pebble: stopped after %d cycles (--max-cycles); pc=0x%016x%n", r.cycles(), m.cpu().pc);
            return ExitCodes.CYCLE_LIMIT;
        }
        if (r.reason() != null && (r.reason().startsWith("unhandled") || r.reason().startsWith("reset vector"))) {
            System.err.println("pebble: " + r.reason());
        }
        if (r.reason() != null && r.reason().startsWith("deadlock")) {
            System.err.println("pebble: " + r.reason() + String.format(" (pc=0x%016x)", m.cpu().pc));
            return ExitCodes.HOST_ERROR;
        }
        return r.exitStatus();
    }
}
