package pebble.r5k.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code pebble run --timeline}: the events of a known program (src/test/resources/timeline/timeline.s),
 * exactly; the file format as the Trace Event Format document and Perfetto's JSON importer want it; the same
 * events with and without translation; no cycle changed by recording.
 */
class TimelineTest {
    @TempDir
    Path dir;

    /** Runs {@code pebble run} with {@code args} and returns the timeline's events, format-checked. */
    private List<Map<String, Object>> record(Path program, String... args) throws IOException {
        Path out = dir.resolve("t.json");
        List<String> all = new ArrayList<>(List.of("run", program.toString(), "--timeline", out.toString()));
        all.addAll(List.of(args));
        CliRun.Result r = CliRun.pebble(all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return TimelineFormat.check(Files.readString(out));
    }

    private Path known() throws IOException {
        return CliRun.resourceFile(dir, "timeline", "timeline.s");
    }

    /**
     * Functional mode: one cycle per instruction, so an event's cycle is the index of its instruction in
     * timeline.s. 0-23 install the vectors and set up (la = 2 instructions); 24 MARK_BEGIN; 25 SYSCALL; the
     * general vector's stub 26-29, the handler 30-33 (ERET at 33); 34 li, 35 MTC0 EntryHi = ASID 5; 36 lui;
     * 37 the LW that misses; the refill stub 38-41, handler 42-46 (ERET at 46); 47 the LW again; 48 MARK_END;
     * 49 MTC0 EntryHi = ASID 0; 50 the halting store, after which the run ends at cycle 51.
     */
    @Test
    void knownProgramEventsExactly() throws IOException {
        List<String> expected = List.of(
                "M process_name ts=0 {name=pebble R5K (1 us = 1 cycle; clock 166.56 MHz)}",
                "M thread_name ts=0 tid=256 {name=exceptions and interrupts}",
                "M thread_name ts=0 tid=257 {name=markers}",
                "X Sys ts=25 dur=8 tid=256 {epc=0x80100064, cause=0x20, asid=0, eret_to=0x80100068}",
                "M thread_name ts=0 tid=0 {name=ASID 0}",
                "X ASID 0 ts=0 dur=35 tid=0",
                "M thread_name ts=0 tid=5 {name=ASID 5}",
                "i TLB refill ts=37 tid=5 {va=0x400000}",
                "X TLBL refill ts=37 dur=9 tid=256 {epc=0x80100074, cause=0x8, badvaddr=0x400000, asid=5, eret_to=0x80100074}",
                "X work ts=24 dur=24 tid=257",
                "X ASID 5 ts=35 dur=14 tid=5",
                "X ASID 0 ts=49 dur=2 tid=0");
        assertEquals(expected, render(record(known(), "--no-timing", "--no-translate")));
    }

    /**
     * Timing on: the same events in the same order (cycles differ), plus cache-miss counters; exactly the same
     * file with translation on (default), off, and after one execution; and the statistics do not move.
     */
    @Test
    void timedRunSameEventsAnyTranslationAndNoCycleChanged() throws IOException {
        List<String> timed = render(record(known(), "--no-translate"));
        List<String> functional = render(record(known(), "--no-timing", "--no-translate"));
        assertEquals(withoutCycles(functional), withoutCycles(timed.stream().filter(e -> !e.startsWith("C ")).toList()));
        assertTrue(timed.stream().anyMatch(e -> e.startsWith("C cache misses")), timed.toString());
        for (String[] mode : new String[][] {{}, {"--no-timing"}}) {
            for (Path p : List.of(known(), asidProgram())) {
                String[] base = concat(mode, "--no-translate");
                record(p, base);
                String off = Files.readString(dir.resolve("t.json"));
                record(p, mode);
                assertEquals(off, Files.readString(dir.resolve("t.json")), p + " " + List.of(mode));
                record(p, concat(mode, "--translate-after", "1"));
                assertEquals(off, Files.readString(dir.resolve("t.json")), p + " " + List.of(mode));
            }
        }
        Path with = dir.resolve("with.json"), without = dir.resolve("without.json");
        for (Path p : List.of(known(), asidProgram())) {
            for (String timing : new String[] {"--translate-after=50", "--no-timing"}) {
                assertEquals(0, CliRun.pebble("run", p.toString(), timing, "--stats-json", with.toString(),
                        "--timeline", dir.resolve("x.json").toString()).exit());
                assertEquals(0, CliRun.pebble("run", p.toString(), timing, "--stats-json", without.toString()).exit());
                assertEquals(Files.readString(without), Files.readString(with), p + " " + timing);
            }
        }
    }

    /** The translated paths are really taken in the comparison above: asid.s translates regions by default. */
    @Test
    void asidProgramIsTranslated() throws IOException {
        CliRun.Result r = CliRun.pebble("run", asidProgram().toString(), "--stats", "--timeline", dir.resolve("t.json").toString());
        assertFalse(r.err().contains("translated regions: 0 "), r.err());
        // --stats asks for the per-ASID breakdown (RunSession: Machine.trackStatsPerAsid)
        assertTrue(r.err().contains("\n  asid 1: instructions ") && r.err().contains("\n  asid 2: instructions "), r.err());
        List<String> events = render(TimelineFormat.check(Files.readString(dir.resolve("t.json"))));
        // asid.s: 40 system calls, 20 slices in each of ASID 1 and 2, one refill per ASID.
        assertEquals(40, events.stream().filter(e -> e.startsWith("X Sys ")).count());
        assertEquals(2, events.stream().filter(e -> e.startsWith("i TLB refill ")).count());
        assertTrue(events.contains("M thread_name ts=0 tid=1 {name=ASID 1}"), events.toString());
        assertTrue(events.contains("M thread_name ts=0 tid=2 {name=ASID 2}"), events.toString());
    }

    /** At the limit: exactly N events, one "limit reached" event, valid JSON, one stderr line, same exit. */
    @Test
    void limitStopsRecordingWithANote() throws IOException {
        Path out = dir.resolve("t.json");
        CliRun.Result r = CliRun.pebble("run", known().toString(), "--no-timing", "--timeline", out.toString(), "--timeline-limit", "5");
        assertEquals(0, r.exit());
        // The 5th event is the thread_name of ASID 0 (see above); the event that finds no room is ASID 0's
        // slice, written at the MTC0 of cycle 35.
        assertEquals("pebble: note: --timeline stopped recording at cycle 35: 5 events (--timeline-limit)\n", r.err());
        List<String> events = render(TimelineFormat.check(Files.readString(out)));
        assertEquals(6, events.size(), events.toString());
        assertEquals("M thread_name ts=0 tid=0 {name=ASID 0}", events.get(4));
        assertEquals("i timeline limit reached ts=35 tid=256 {limit=5}", events.get(5));
    }

    @Test
    void badLimitAndClashingOutputsAreRefused() throws IOException {
        CliRun.Result r = CliRun.pebble("run", known().toString(), "--timeline", dir.resolve("t.json").toString(), "--timeline-limit", "0");
        assertEquals(125, r.exit());
        assertEquals("pebble: --timeline-limit must be positive: 0\n", r.err());
        Path same = dir.resolve("s.json");
        r = CliRun.pebble("run", known().toString(), "--timeline", same.toString(), "--stats-json", same.toString());
        assertEquals(125, r.exit());
        assertEquals("pebble: --stats-json and --timeline both name " + same + "; give each its own file\n", r.err());
        r = CliRun.pebble("run", known().toString(), "--timeline", known().toString());
        assertEquals("pebble: --timeline " + known() + " is an input of this run; refusing to overwrite it\n", r.err());
    }

    /** A file that cannot be written is one line and the host-error status, after the run (as --trace-file). */
    @Test
    void writeErrorIsOneLine() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this host");
        CliRun.Result r = CliRun.pebble("run", known().toString(), "--timeline", full.toString());
        assertEquals(125, r.exit());
        assertEquals("pebble: --timeline /dev/full: No space left on device\n", r.err());
    }

    /** A run stopped by --max-cycles still leaves valid JSON; open slices close at the last cycle. */
    @Test
    void cycleLimitClosesOpenSlices() throws IOException {
        Path out = dir.resolve("t.json");
        CliRun.Result r = CliRun.pebble("run", known().toString(), "--no-timing", "--timeline", out.toString(), "--max-cycles", "30");
        assertEquals(124, r.exit());
        List<String> events = render(TimelineFormat.check(Files.readString(out)));
        // At cycle 30 the SYSCALL handler (from 25) and the span "work" (from 24) are open, in ASID 0.
        assertEquals(List.of(
                "M process_name ts=0 {name=pebble R5K (1 us = 1 cycle; clock 166.56 MHz)}",
                "M thread_name ts=0 tid=256 {name=exceptions and interrupts}",
                "M thread_name ts=0 tid=257 {name=markers}",
                "X work ts=24 dur=6 tid=257 {open_at_end=true}",
                "X Sys ts=25 dur=5 tid=256 {epc=0x80100064, cause=0x20, asid=0, open_at_end=true}",
                "M thread_name ts=0 tid=0 {name=ASID 0}",
                "X ASID 0 ts=0 dur=30 tid=0"), events);
    }

    static Path asidProgram() {
        return Path.of("..", "src-guest", "tests", "asid", "asid.s");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    /** One line per event: phase, name, ts, dur, tid, args (the fields this project writes, in one order). */
    static List<String> render(List<Map<String, Object>> events) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            StringBuilder b = new StringBuilder().append(e.get("ph")).append(' ').append(e.get("name")).append(" ts=").append(e.get("ts"));
            if (e.containsKey("dur")) b.append(" dur=").append(e.get("dur"));
            if (e.containsKey("tid")) b.append(" tid=").append(e.get("tid"));
            if (e.containsKey("args")) b.append(' ').append(e.get("args"));
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> withoutCycles(List<String> events) {
        return events.stream().map(e -> e.replaceAll(" (ts|dur)=\\d+", "")).toList();
    }

    /** The ph values this project writes. */
    static final Set<String> PHASES = Set.of("M", "X", "i", "C");
}
