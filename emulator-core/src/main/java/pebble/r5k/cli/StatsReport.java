package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.host.HostFiles;
import pebble.r5k.timing.StatsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --stats} (text on stderr) and {@code --stats-json FILE}, written exactly once: at the end of the run,
 * or by a shutdown hook when the run is interrupted (Ctrl-C, SIGTERM), so a long run stopped by hand still
 * reports what it did. The hook reads the counters while the machine thread may still be running: the
 * figures are those of a moment during the last instructions, which is what an interrupted run can offer.
 */
final class StatsReport {
    private final Machine machine;
    private final boolean text;
    private final Path json;
    private final AtomicBoolean written = new AtomicBoolean();
    private Thread hook;

    StatsReport(Machine machine, boolean text, Path json) {
        this.machine = machine;
        this.text = text;
        this.json = json;
    }

    /** Writes the report if the JVM is shut down before {@link #disarm}. */
    void armForInterrupt() {
        // No console flush here: a pipe nobody reads any more (Ctrl-C in `pebble run | less`) would block the
        // shutdown for good. The console's unflushed tail (under 4 KB) is lost with the interrupted run.
        hook = new Thread(() -> {
            System.err.printf("pebble: interrupted after %d cycles%n", machine.cpu().cycle);
            try {
                write();
            } catch (IOException e) {
                System.err.println("pebble: " + e.getMessage());
            }
        }, "pebble-stats-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run ended by itself: the caller writes the report. */
    void disarm() {
        if (hook == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown already under way: the hook writes, and write() below does nothing twice
        }
    }

    void write() throws IOException {
        if (!written.compareAndSet(false, true)) return;
        if (text) {
            System.err.print(StatsWriter.text(machine.stats()));
            long[] tr = machine.translationCounts(); // host-side, so not in the JSON (which describes the guest's run)
            System.err.printf("translated regions: %d (dropped as stale: %d, not translatable: %d)%n", tr[0], tr[1], tr[2]);
            System.err.flush();
        }
        if (json != null) {
            try {
                Files.writeString(json, StatsWriter.json(machine.stats()));
            } catch (IOException e) {
                throw new HostFiles.HostFileException("--stats-json " + HostFiles.describe(json, e));
            }
        }
    }
}
