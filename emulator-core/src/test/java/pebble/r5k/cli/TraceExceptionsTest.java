package pebble.r5k.cli;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.testing.ExceptionProbe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.isa.Reg.*;
import static pebble.r5k.testing.ExceptionProbe.enc;

/**
 * {@code --trace} marks exceptions (which retire nothing) and ERET (which retires) with the cycle, in both
 * modes: a SYSCALL and a misaligned load, each skipped by a handler that returns with ERET.
 */
class TraceExceptionsTest {
    private static String trace(boolean timed) {
        Machine m = ExceptionProbe.load(timed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.setTraceListener(new InstructionTracer(m.cpu(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        m.run(100_000);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The golden trace; {@code %d} are the cycles, derived in the tests below. */
    private static final String GOLDEN = """
            80001000: 24080005  li t0,5                      t0=0000000000000005
            exception Sys at pc 80001004, EPC 80001004, cycle %d
            80000180: 401a7000  mfc0 k0,$14                  k0=ffffffff80001004
            80000184: 275a0004  addiu k0,k0,4                k0=ffffffff80001008
            80000188: 409a7000  mtc0 k0,$14
            8000018c: 42000018  eret                         to 80001008, cycle %d
            exception AdEL at pc 80001008, EPC 80001008, BadVAddr 00000007, cycle %d
            80000180: 401a7000  mfc0 k0,$14
            80000184: 275a0004  addiu k0,k0,4                k0=ffffffff8000100c
            80000188: 409a7000  mtc0 k0,$14
            8000018c: 42000018  eret                         to 8000100c, cycle %d
            8000100c: 3c1bbfff  lui k1,0xbfff                k1=ffffffffbfff0000
            80001010: af600000  sw zero,0(k1)
            """;

    private static String withoutTrailingBlanks(String s) {
        return s.lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void functionalModeOneCyclePerInstructionOrException() {
        // li → 1; the SYSCALL takes cycle 1 → 2; the handler 2..5 → 6; the LW 6 → 7; the handler 7..10 → 11.
        assertEquals(GOLDEN.formatted(2, 6, 7, 11), withoutTrailingBlanks(trace(false)));
    }

    @Test
    void timedMode() {
        // As in TimedCycleTest.exceptionRoundTrip: I-miss → 48; li @48 → 49; SYSCALL @49 → 50 + exception.entry
        // 3 → 53. Handler: I-miss → 101; mfc0 @101 (k0 ready 103); addiu @103 → 104; mtc0 → 105; eret @105 → 106
        // + exception.eret 2 → 108. LW @108 → 109 + 3 → 112. Handler (cached): mfc0 @112; addiu @114; mtc0 @115;
        // eret @116 → 117 + 2 → 119.
        assertEquals(GOLDEN.formatted(53, 108, 112, 119), withoutTrailingBlanks(trace(true)));
    }

    /**
     * A timer interrupt (Compare = 5: Count = cycle / 2 reaches it at cycle 10) taken in a branch-to-itself
     * loop: the branch runs at even cycles, its slot at odd ones, so at cycle 10 the PC is the branch.
     */
    @Test
    void interruptsAreExceptionLinesToo() {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.writeWords(0x80000180L, new int[] {enc(Op.LUI, K1, 0xBFFF), enc(Op.SW, ZERO, 0, K1)});
        m.writeWords(0x80001000L, new int[] {enc(Op.BEQ, ZERO, ZERO, -1), enc(Op.SLL, 0, 0, 0)});
        m.start(0x80001000L);
        m.cpu().cp0.write(12, 0x8001); // IM7 (timer), IE
        m.cpu().cp0.write(11, 5);      // Compare
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.setTraceListener(new InstructionTracer(m.cpu(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        m.run(100_000);
        String[] lines = withoutTrailingBlanks(out.toString(StandardCharsets.UTF_8)).split("\n");
        assertEquals(13, lines.length, String.join("\n", lines));
        assertEquals("exception Int at pc 80001000, EPC 80001000, cycle 10", lines[10]);
    }
}
