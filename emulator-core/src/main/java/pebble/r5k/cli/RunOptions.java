package pebble.r5k.cli;

import pebble.r5k.Machine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of a guest run that are not about what is loaded: cycle limit, statistics, timing model,
 * translation, tracing, console input. A picocli mixin ({@code @Mixin RunOptions}) so {@code pebble run} and
 * {@code pebble boot} declare them once, with the same names, help text and checks; {@link RunSession} acts on
 * them. Loading options (image, {@code -I}, {@code --ram-mb}) stay with each command.
 */
public final class RunOptions {
    /**
     * Default cycle bound of a run that is not interactive: about 2 minutes of emulated time at 166 MHz, so a
     * stuck guest in a script or a test always ends. An interactive run (stdin and stdout a terminal) has no
     * default bound: the user ends it (Ctrl-C), and an idle guest must not be stopped while it waits for them.
     */
    public static final long DEFAULT_MAX_CYCLES = 20_000_000_000L;

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

    @Option(names = "--console-in", paramLabel = "FILE",
            description = "console (COM1) input from FILE instead of stdin; read as the guest asks, so runs are repeatable")
    Path consoleIn;

    @Option(names = "--gdb", paramLabel = "PORT", description = "serve the GDB remote protocol on localhost:PORT"
            + " (127.0.0.1 only, one client) and wait for gdb before the first instruction (docs/debugging.md)")
    Integer gdbPort;

    @Option(names = "--gdb-no-wait", description = "with --gdb: start running at once; gdb can attach later")
    boolean gdbNoWait;

    @Option(names = "--timeline", paramLabel = "FILE", description = "write a Chrome/Perfetto trace-event JSON timeline "
            + "to FILE: exceptions, interrupts, ERET, ASID switches, TLB refills, cache misses, guest markers; 1 us = 1 cycle (docs/debugging.md)")
    Path timeline;

    @Option(names = "--timeline-limit", paramLabel = "N", description = "stop recording the timeline after N events (default ${DEFAULT-VALUE})")
    long timelineLimit = pebble.r5k.timeline.Timeline.DEFAULT_LIMIT;

    /** The check a command makes before it reads its inputs (run: before the image), so a bad limit is named first. */
    public void checkMaxCycles() {
        if (maxCycles != null && maxCycles < 0) throw new IllegalArgumentException("--max-cycles must be 0 (no limit) or positive: " + maxCycles);
    }

    /** --max-cycles (0 = none), else none for an interactive run and {@link #DEFAULT_MAX_CYCLES} for any other. */
    static long cycleLimit(Long maxCycles, boolean interactive) {
        long n = maxCycles != null ? maxCycles : interactive ? 0 : DEFAULT_MAX_CYCLES;
        return n == 0 ? Long.MAX_VALUE : n;
    }
}
