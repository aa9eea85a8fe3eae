package pebble.r5k.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The Chrome trace-event JSON file, streamed (the "JSON Object Format" of the Trace Event Format document that
 * Perfetto and chrome://tracing read): <code>{"traceEvents":[</code>, one event per line, then
 * <code>],"otherData":{…}}</code>.
 * {@code traceEvents} comes first because Perfetto's streaming tokenizer stops at the first top-level key it
 * does not know (src/trace_processor/importers/json/json_trace_tokenizer.cc), and its strings may not hold
 * backslash-u escapes, so control characters are written as '?'. Events are
 * counted; the first event past {@code limit} is not written but calls {@code onFull}, which may write one
 * last event through {@link #limitEvent}; nothing is written after that. A write error is kept
 * (not thrown) and ends the writing, so the machine never sees a host failure; the caller reports it.
 */
final class TraceJson {
    private final Writer out;
    private final long limit;
    private final Runnable onFull;
    private final String otherData;
    private long events;
    private boolean closed, full;
    private IOException failure;
    private final StringBuilder line = new StringBuilder(256);

    TraceJson(OutputStream stream, long limit, String otherData, Runnable onFull) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.limit = limit;
        this.onFull = onFull;
        this.otherData = otherData;
        raw("{\"traceEvents\":[\n");
    }

    /** Whether events are still written: the file is open and writable, and no event has found the limit. */
    boolean hasRoom() {
        return !closed && failure == null && !full;
    }

    long events() { return events; }

    IOException failure() { return failure; }

    /**
     * Starts an event: {@code {"name":…,"ph":…,"ts":…,"pid":1,"tid":…} (no tid when {@code tid < 0}: process
     * metadata and counters); add fields, then {@link #end}.
     */
    StringBuilder begin(String name, char phase, long ts, int tid) {
        line.setLength(0);
        line.append(events == 0 ? "" : ",\n").append("{\"name\":");
        string(line, name);
        line.append(",\"ph\":\"").append(phase).append("\",\"ts\":").append(ts).append(",\"pid\":1");
        if (tid >= 0) line.append(",\"tid\":").append(tid);
        return line;
    }

    /** Ends the event begun last and writes it, if it fits under the limit (the first that does not: onFull). */
    void end() {
        if (!hasRoom()) return;
        if (events >= limit) {
            full = true;
            onFull.run();
            return;
        }
        line.append('}');
        raw(line);
        events++;
    }

    /** From {@code onFull}: writes the event begun last past the limit (the one "limit reached" note). */
    void limitEvent() {
        if (closed || failure != null) return;
        line.append('}');
        raw(line);
        events++;
    }

    /** Closes the array and the object: the file is valid JSON whatever ended the run. */
    void close() {
        if (closed) return;
        raw("\n],\n\"otherData\":" + otherData + "}\n");
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) failure = e;
        }
    }

    private void raw(CharSequence s) {
        if (failure != null) return;
        try {
            out.append(s);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Appends {@code s} as a JSON string: quotes and backslashes escaped, control characters as {@code ?}. */
    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7F) b.append('?');
            else b.append(c);
        }
        return b.append('"');
    }

    /** {@code 0x…}: addresses and register values as the guest sees them (32-bit values without the sign extension). */
    static String hex(long v) {
        return "0x" + Long.toHexString(v == (int) v ? v & 0xFFFFFFFFL : v);
    }
}
