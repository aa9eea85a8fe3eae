package pebble.r5k.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pebble.r5k.cli.CliRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Guest markers (sim-control MARK_BEGIN/MARK_END) and a timer interrupt in the timeline, from
 * src/test/resources/timeline/markers.s, whose comments number its instructions.
 */
class TimelineMarkersTest {
    @TempDir
    Path dir;

    private List<String> record(String... mode) throws IOException {
        Path program = CliRun.resourceFile(dir, "timeline", "markers.s");
        Path out = dir.resolve("m.json");
        String[] args = new String[mode.length + 4];
        args[0] = "run";
        args[1] = program.toString();
        args[2] = "--timeline";
        args[3] = out.toString();
        System.arraycopy(mode, 0, args, 4, mode.length);
        CliRun.Result r = CliRun.pebble(args);
        assertEquals(0, r.exit(), r.err());
        return TimelineTest.render(TimelineFormat.check(Files.readString(out)));
    }

    /**
     * Functional mode, cycle = instruction index: "outer" 14..26, "iter" 21..22, "inner" 25..26 (closed with
     * "outer"), the unmatched end at 27, the unreadable name 29..30. The timer: Count at 31 is 31 / 2 = 15,
     * Compare = 215, so IP7 rises at cycle 430 during the WAIT; the interrupt's handler is the stub 430-433
     * and 434-436 (ERET at 436); the halting store at 437 ends the run at 438.
     */
    @Test
    void markersAndTheTimerInterruptExactly() throws IOException {
        assertEquals(List.of(
                "M process_name ts=0 {name=pebble R5K (1 us = 1 cycle; clock 166.56 MHz)}",
                "M thread_name ts=0 tid=256 {name=exceptions and interrupts}",
                "M thread_name ts=0 tid=257 {name=markers}",
                "X iter ts=21 dur=1 tid=257",
                "X inner ts=25 dur=1 tid=257 {unclosed=true}",
                "X outer ts=14 dur=12 tid=257",
                "i unmatched marker end ts=27 tid=257 {va=0x801000c0}",
                "X marker@0x400000 ts=29 dur=1 tid=257",
                "X interrupt ts=430 dur=6 tid=256 {epc=0x80100094, cause=0x8000, asid=0, eret_to=0x80100094}",
                "M thread_name ts=0 tid=0 {name=ASID 0}",
                "X ASID 0 ts=0 dur=438 tid=0"), record("--no-timing"));
    }

    /**
     * Timing on: the same events (other cycles). "iter" is written by the program just before MARK_BEGIN, so it
     * is only in a dirty D-cache line: the name is read through the cache without disturbing it.
     */
    @Test
    void timedRunReadsTheNameFromTheDCache() throws IOException {
        List<String> timed = record().stream().filter(e -> !e.startsWith("C ")).map(e -> e.replaceAll(" (ts|dur)=\\d+", "")).toList();
        List<String> functional = record("--no-timing").stream().map(e -> e.replaceAll(" (ts|dur)=\\d+", "")).toList();
        assertEquals(functional, timed);
    }
}
