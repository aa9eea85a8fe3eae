package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.debug.GdbServer;
import pebble.r5k.debug.GdbStub;
import pebble.r5k.host.HostFiles;
import pebble.r5k.timing.TimingTable;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One guest run as the command line drives it, whatever was loaded: checks the {@link RunOptions}, hands the
 * machine factory what they ask for (timing table, console streams, translation threshold, coherence sink),
 * then sets up tracing, runs to the cycle limit, writes the statistics (also on Ctrl-C), explains the end in
 * one stderr line and maps the {@link pebble.r5k.cpu.HaltReason} to the exit code (ExitCodes). {@code pebble
 * run} (one image) and {@code pebble boot} (the nucleus and its domains) differ only in their factory.
 */
public final class RunSession {
    /** Builds the machine to run, ready at its entry, from what the options asked for. */
    @FunctionalInterface
    public interface MachineFactory {
        Machine create(Setup setup) throws Exception;
    }

    /** What the options turn into, for the factory: pass each to the machine (or a builder that makes it). */
    public final class Setup {
        private final TimingTable timing;
        private final OutputStream console;

        private Setup(TimingTable timing, OutputStream console) {
            this.timing = timing;
            this.console = console;
        }

        /** The timing table, or null for the functional mode ({@code --no-timing}). */
        public TimingTable timing() { return timing; }

        /** Where {@code --check-coherence} diagnostics go, or null. */
        public Consumer<String> coherenceSink() { return options.checkCoherence ? System.err::println : null; }

        /** Block translation threshold, 0 = never ({@code --no-translate}). */
        public int translateAfter() { return options.noTranslate ? 0 : options.translateAfter; }

        /** The console's host side (stdout, write errors reported). */
        public OutputStream console() { return console; }

        /**
         * The console input: {@code --console-in FILE}, the host's stdin, or null. Opened when asked, so a
         * factory that fails first (a bad image) reports that and starts no stdin reader.
         */
        public InputStream consoleIn() throws IOException { return consoleInput(); }

        /** Names ASID {@code asid}'s track in the {@code --timeline} (a domain's program); nothing without one. */
        public void nameAsid(int asid, String name) { asidNames.put(asid, name); }

        /** Applies the timing and translation settings to a machine built by other means. */
        public void applyTo(Machine m) {
            m.setTranslateAfter(translateAfter());
            if (timing != null) m.enableTiming(timing, coherenceSink());
        }
    }

    private final RunOptions options;
    private final CliHost host;
    private boolean noteStatusCollision = true;
    private final Map<Integer, String> asidNames = new TreeMap<>();

    /** {@code host}: the root the command runs under (its {@code @ParentCommand}), or null when embedded. */
    public RunSession(RunOptions options, CliHost host) {
        this.options = options;
        this.host = host;
    }

    /**
     * No stderr note when the guest's status is also one of pebble's own codes: for a guest whose statuses
     * are defined to share them (the nucleus's 126 is its panic), the note would be wrong.
     */
    public RunSession withoutStatusCollisionNote() {
        noteStatusCollision = false;
        return this;
    }

    /** Whether this is the command-line tool (its stdin and stdout are the user's), not an embedded run. */
    private boolean hostProcess() {
        return host != null && host.hostStdin();
    }

    private InputStream consoleInput() throws IOException {
        if (options.consoleIn != null) {
            try {
                return new ByteArrayInputStream(HostFiles.read(options.consoleIn, HostFiles.MAX_TEXT_BYTES, "console input"));
            } catch (HostFiles.HostFileException e) {
                throw new HostFiles.HostFileException("--console-in " + e.getMessage());
            }
        }
        return hostProcess() ? HostStdin.open() : null;
    }

    /** The cycle bound of this run (interactive: the tool itself, with stdin and stdout a terminal). */
    private long cycleLimit() {
        return RunOptions.cycleLimit(options.maxCycles, hostProcess() && System.console() != null);
    }

    /**
     * Runs: {@code inputs} are the files the factory reads (the output options must not name them). Returns
     * the exit code; host-side errors are thrown, one line each, for the root's handler.
     */
    public int run(List<Path> inputs, MachineFactory factory) throws Exception {
        options.checkMaxCycles();
        List<Path> allInputs = new ArrayList<>(inputs);
        allInputs.add(options.consoleIn);
        allInputs.add(options.timingFile);
        checkOutputs(allInputs);
        if (options.noTiming && (options.timingFile != null || options.checkCoherence)) {
            throw new IllegalArgumentException("--no-timing cannot be combined with --timing or --check-coherence");
        }
        if (options.translateAfter < 1 || options.translateAfter > Short.MAX_VALUE) {
            throw new IllegalArgumentException("--translate-after must be between 1 and 32767: " + options.translateAfter);
        }
        if (options.gdbNoWait && options.gdbPort == null) throw new IllegalArgumentException("--gdb-no-wait needs --gdb PORT");
        if (options.gdbPort != null && (options.gdbPort < 0 || options.gdbPort > 65535)) {
            throw new IllegalArgumentException("--gdb port must be 0..65535: " + options.gdbPort);
        }
        if (options.timelineLimit < 1) throw new IllegalArgumentException("--timeline-limit must be positive: " + options.timelineLimit);
        TimingTable table = options.noTiming ? null
                : options.timingFile != null ? TimingTable.load(options.timingFile) : TimingTable.defaults();
        Machine m = factory.create(new Setup(table, ConsoleSink.stdout(hostProcess())));
        return runAndReport(m);
    }

    private int runAndReport(Machine m) throws IOException {
        PrintStream traceOut = null;
        ConsoleSink.FailureKeeping traceSink = null;
        Path traceFile = options.traceFile;
        if (options.trace || traceFile != null) {
            traceSink = traceFile != null ? new ConsoleSink.FailureKeeping(openOutput(traceFile, "--trace-file")) : null;
            traceOut = traceFile != null ? new PrintStream(new BufferedOutputStream(traceSink, 1 << 16))
                    : new PrintStream(new BufferedOutputStream(System.err, 1 << 16));
            m.setTraceListener(new InstructionTracer(m.cpu(), traceOut));
        }
        GdbStub gdb = options.gdbPort == null ? null : new GdbStub(m, new GdbServer(options.gdbPort), !options.gdbNoWait, System.err);
        StatsReport report = new StatsReport(m, options.stats, options.statsJson);
        if (options.stats || options.statsJson != null) {
            m.trackStatsPerAsid(); // (the reports break the figures down by ASID; nothing else reads them)
            report.armForInterrupt();
        }
        TimelineRecording timeline = options.timeline == null ? null
                : TimelineRecording.start(options.timeline, options.timelineLimit, m, asidNames);
        Machine.RunResult r;
        String timelineError = null;
        try {
            r = gdb == null ? m.run(cycleLimit()) : gdb.run(cycleLimit());
        } finally {
            report.disarm();
            if (timeline != null) timelineError = timeline.finish();
        }
        if (gdb != null && gdb.killed()) {
            if (traceOut != null) traceOut.flush();
            report.write();
            System.err.printf("pebble: killed by gdb after %d cycles; pc=0x%016x%n", r.cycles(), m.cpu().pc);
            return ExitCodes.KILLED_BY_GDB;
        }
        if (traceOut != null) traceOut.flush();
        if (traceSink != null && (traceOut.checkError() || traceSink.failure != null)) {
            System.err.println("pebble: --trace-file " + (traceSink.failure != null
                    ? HostFiles.describe(traceFile, traceSink.failure) : traceFile + ": write failed"));
            report.write();
            return ExitCodes.HOST_ERROR;
        }
        if (timelineError != null) {
            System.err.println("pebble: " + timelineError);
            report.write();
            return ExitCodes.HOST_ERROR;
        }
        report.write();
        explain(r, m);
        return ExitCodes.of(r);
    }

    /** One line on stderr for every end of a run that is not the guest's own exit. */
    private void explain(Machine.RunResult r, Machine m) {
        switch (r.reason()) {
            case CYCLE_LIMIT -> System.err.printf("pebble: stopped after %d cycles (--max-cycles); pc=0x%016x%n", r.cycles(), m.cpu().pc);
            case DEADLOCK -> System.err.println("pebble: " + r.detail() + String.format("; pc=0x%016x", m.cpu().pc));
            case UNHANDLED_EXCEPTION, RESET_VECTOR, HOST_IO_ERROR -> System.err.println("pebble: " + r.detail());
            case GUEST_EXIT -> {
                if (noteStatusCollision && ExitCodes.noteCollision(r)) {
                    System.err.printf("pebble: note: the guest exited with status %d, which is also pebble's own exit"
                            + " code for another outcome (see run --help)%n", r.exitStatus());
                }
            }
        }
    }

    /**
     * Output options are checked before the run: one naming an input would destroy it, two naming the same
     * file would interleave, and one whose directory is missing would fail only after the whole run.
     */
    private void checkOutputs(List<Path> inputs) throws IOException {
        Path[] outs = {options.traceFile, options.statsJson, options.timeline};
        String[] names = {"--trace-file", "--stats-json", "--timeline"};
        for (int i = 0; i < outs.length; i++) {
            Path out = outs[i];
            if (out == null) continue;
            HostFiles.checkCreatable(out, names[i]);
            for (Path in : inputs) {
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

    /** Opens an output file, naming it and the OS reason if that fails. */
    private static OutputStream openOutput(Path out, String option) throws IOException {
        try {
            return Files.newOutputStream(out);
        } catch (IOException e) {
            throw new HostFiles.HostFileException(option + " " + HostFiles.describe(out, e));
        }
    }
}
