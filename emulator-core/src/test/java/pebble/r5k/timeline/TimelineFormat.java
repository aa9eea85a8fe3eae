package pebble.r5k.timeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a timeline file must be for chrome://tracing and the Perfetto UI (the Trace Event Format document; the
 * rules Perfetto's JSON importer enforces): the object form with a {@code traceEvents} array first, no
 * backslash-u escapes, every event
 * with name, ph, integer ts and pid, the fields its phase needs, and complete ("X") slices that nest on each
 * thread track (Perfetto drops a slice that overlaps another without nesting in it).
 */
final class TimelineFormat {
    private TimelineFormat() {}

    /** Parses {@code json} (strictly) and checks every event; returns the events. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> check(String json) {
        // Perfetto's streaming tokenizer: traceEvents must be the first key (it stops at a key it does not know
        // before it), and it rejects backslash-u escapes in strings.
        assertTrue(json.startsWith("{\"traceEvents\":["), json.substring(0, Math.min(80, json.length())));
        assertFalse(json.contains("\\u"), "a \\u escape");
        List<Map<String, Object>> events = TraceEventReader.events(json);
        Map<Long, List<long[]>> slicesByTid = new HashMap<>();
        for (Map<String, Object> e : events) {
            String where = e.toString();
            assertInstanceOf(String.class, e.get("name"), where);
            assertTrue(TimelineTest.PHASES.contains(e.get("ph")), where);
            assertTrue(e.get("ts") instanceof Long ts && ts >= 0, where);
            assertEquals(1L, e.get("pid"), where);
            switch ((String) e.get("ph")) {
                case "X" -> {
                    assertTrue(e.get("dur") instanceof Long d && d >= 0, where);
                    assertInstanceOf(Long.class, e.get("tid"), where);
                    slicesByTid.computeIfAbsent((Long) e.get("tid"), k -> new ArrayList<>())
                            .add(new long[] {(Long) e.get("ts"), (Long) e.get("ts") + (Long) e.get("dur")});
                }
                case "i" -> {
                    assertTrue(Set.of("t", "p", "g").contains(e.get("s")), where);
                    assertInstanceOf(Long.class, e.get("tid"), where);
                }
                case "M" -> {
                    assertTrue(Set.of("process_name", "thread_name").contains(e.get("name")), where);
                    assertInstanceOf(String.class, ((Map<String, Object>) e.get("args")).get("name"), where);
                    if (e.get("name").equals("thread_name")) assertInstanceOf(Long.class, e.get("tid"), where);
                }
                case "C" -> {
                    Map<String, Object> args = (Map<String, Object>) e.get("args");
                    assertFalse(args.isEmpty(), where);
                    for (Object v : args.values()) assertInstanceOf(Long.class, v, where);
                }
                default -> fail(where);
            }
        }
        slicesByTid.forEach((tid, slices) -> checkNesting(tid, slices));
        return events;
    }

    private static void checkNesting(long tid, List<long[]> slices) {
        slices.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> -s[1]));
        Deque<long[]> open = new ArrayDeque<>();
        for (long[] s : slices) {
            while (!open.isEmpty() && open.peek()[1] <= s[0]) open.pop();
            if (!open.isEmpty()) {
                assertTrue(s[1] <= open.peek()[1], "tid " + tid + ": slice " + s[0] + ".." + s[1]
                        + " overlaps " + open.peek()[0] + ".." + open.peek()[1] + " without nesting");
            }
            open.push(s);
        }
    }
}
