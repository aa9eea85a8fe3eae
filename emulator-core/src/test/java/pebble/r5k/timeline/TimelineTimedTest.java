package pebble.r5k.timeline;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.testing.ExceptionProbe;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;
import static pebble.r5k.testing.ExceptionProbe.enc;

/**
 * The embedding seam ({@link Machine#setTimeline}) with timing on, exactly: the program and cycles of
 * {@code TraceExceptionsTest} (a SYSCALL and a misaligned LW, each skipped by a handler that returns with
 * ERET), whose derivation from the timing table is written there.
 */
class TimelineTimedTest {
    @Test
    void exceptionsAtTheirIssueCyclesWithCacheMissCounters() {
        Machine m = ExceptionProbe.load(true);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Long> limitAt = new ArrayList<>();
        Timeline t = new Timeline(file, 1000, limitAt::add);
        m.setTimeline(t);
        m.run(100_000);
        t.close();
        long end = m.cpu().cycle;
        // TraceExceptionsTest.timedMode: the SYSCALL issues at 49 after the first I-miss (L1I 1); its handler's
        // line misses (L1I 2) and its ERET issues at 105. The LW issues at 108 (an address error: no D-cache
        // access, the counters do not change), the handler, now cached, ERETs at 116.
        assertEquals(List.of(
                "M process_name ts=0 {name=pebble R5K (1 us = 1 cycle; clock 166.56 MHz)}",
                "M thread_name ts=0 tid=256 {name=exceptions and interrupts}",
                "M thread_name ts=0 tid=257 {name=markers}",
                "C cache misses ts=49 {L1I=1, L1D=0, L2=0}",
                "C cache misses ts=105 {L1I=2, L1D=0, L2=0}",
                "X Sys ts=49 dur=56 tid=256 {epc=0x80001004, cause=0x20, asid=0, eret_to=0x80001008}",
                "X AdEL ts=108 dur=8 tid=256 {epc=0x80001008, cause=0x10, badvaddr=0x7, asid=0, eret_to=0x8000100c}",
                "M thread_name ts=0 tid=0 {name=ASID 0}",
                "X ASID 0 ts=0 dur=" + end + " tid=0"),
                TimelineTest.render(TimelineFormat.check(file.toString(StandardCharsets.UTF_8))));
        assertEquals(List.of(), limitAt);
        assertEquals(9, t.events());
    }

    /**
     * A handler that clears EXL and traps again (as a kernel that takes interrupts in its handlers does): the
     * inner handler's slice nests in the outer one. Functional mode, cycle = instruction index: SYSCALL at 0;
     * the vector's dispatch 1-5 and the Sys path 6-7; BREAK at 8; the dispatch again 9-13 (the branch at 12,
     * its slot at 13), the Bp handler 14-17 (ERET at 17); the Sys path 18-22 (ERET at 22); the halt 23-24.
     */
    @Test
    void aHandlerThatClearsExlNestsTheNextException() {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.writeWords(0x80000180L, new int[] {
            enc(Op.MFC0, K0, 13), enc(Op.ANDI, K0, K0, 0x7C), enc(Op.ADDIU, K1, ZERO, 9 << 2), // ExcCode Bp?
            enc(Op.BEQ, K0, K1, 9), enc(Op.SLL, 0, 0, 0),
            enc(Op.MFC0, T7, 14), enc(Op.MTC0, ZERO, 12), enc(Op.BREAK, 0, 0),     // Sys: keep EPC, EXL = 0, trap
            enc(Op.ADDIU, T7, T7, 4), enc(Op.MTC0, T7, 14), enc(Op.ADDIU, K0, ZERO, 2), enc(Op.MTC0, K0, 12),
            enc(Op.ERET),
            enc(Op.MFC0, K0, 14), enc(Op.ADDIU, K0, K0, 4), enc(Op.MTC0, K0, 14), enc(Op.ERET)}); // Bp: skip it
        m.writeWords(0x80001000L, new int[] {enc(Op.SYSCALL, 0), enc(Op.LUI, K1, 0xBFFF), enc(Op.SW, ZERO, 0, K1)});
        m.start(0x80001000L);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Timeline t = new Timeline(file, 1000, c -> fail("limit"));
        m.setTimeline(t);
        m.run(100_000);
        t.close();
        assertEquals(List.of(
                "M process_name ts=0 {name=pebble R5K (1 us = 1 cycle; clock 166.56 MHz)}",
                "M thread_name ts=0 tid=256 {name=exceptions and interrupts}",
                "M thread_name ts=0 tid=257 {name=markers}",
                "X Bp ts=8 dur=9 tid=256 {epc=0x8000019c, cause=0x24, asid=0, eret_to=0x800001a0}",
                "X Sys ts=0 dur=22 tid=256 {epc=0x80001000, cause=0x20, asid=0, eret_to=0x80001004}",
                "M thread_name ts=0 tid=0 {name=ASID 0}",
                "X ASID 0 ts=0 dur=25 tid=0"),
                TimelineTest.render(TimelineFormat.check(file.toString(StandardCharsets.UTF_8))));
    }
}
