package pebble.r5k.cli;

import pebble.r5k.Machine;
import pebble.r5k.host.HostFiles;
import pebble.r5k.timeline.Timeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --timeline FILE} for one run: opens the file, attaches the {@link Timeline} to the machine with the
 * ASID names the factory gave, and completes the JSON exactly once, whatever ends the run: the end of
 * {@link Machine#run} (halt, cycle limit, guest fault, a host error thrown out of it) or a shutdown hook on
 * Ctrl-C/SIGTERM. The limit note is one stderr line at the moment the limit is reached.
 */
final class TimelineRecording {
    private final Path file;
    private final Timeline timeline;
    private final Thread hook;

    private TimelineRecording(Path file, Timeline timeline) {
        this.file = file;
        this.timeline = timeline;
        this.hook = new Thread(timeline::close, "pebble-timeline-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static TimelineRecording start(Path file, long limit, Machine m, Map<Integer, String> asidNames) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new HostFiles.HostFileException("--timeline " + HostFiles.describe(file, e));
        }
        Timeline t = new Timeline(out, limit, cycle -> System.err.printf(
                "pebble: note: --timeline stopped recording at cycle %d: %d events (--timeline-limit)%n", cycle, limit));
        m.setTimeline(t);
        asidNames.forEach(t::nameAsid);
        return new TimelineRecording(file, t);
    }

    /** Closes the timeline; returns the one-line error when the file could not be written, else null. */
    String finish() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown under way: the hook closes too, and close() is idempotent
        }
        timeline.close();
        IOException e = timeline.failure();
        return e == null ? null : "--timeline " + HostFiles.describe(file, e);
    }
}
