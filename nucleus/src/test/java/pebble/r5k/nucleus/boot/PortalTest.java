package pebble.r5k.nucleus.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** The standard portals and domain life cycle, each case timed and functional (real guest runs). */
class PortalTest {
    static String program(String body) {
        return "        .include \"pebble.inc\"\n        .text\n        .globl _start\n_start:\n" + body;
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void twoDomainsRunInSlotOrderAndBothExitCleanly(boolean timed) {
        GuestRun r = GuestRun.boot(timed,
                "first.s", program("PUTC 'A'\nPUTC '\\n'\nEXIT 0\n"),
                "second.s", program("PUTC 'B'\nPUTC '\\n'\nEXIT 0\n"));
        assertEquals("A\nB\n", r.console());
        assertEquals(0, r.status());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void aNonZeroExitIsReportedAndMakesTheRunFail(boolean timed) {
        GuestRun r = GuestRun.boot(timed,
                "ok.s", program("EXIT 0\n"),
                "three.s", program("EXIT 3\n"));
        assertEquals("pebble: domain 1 (three) exit status 3\n", r.console());
        assertEquals(1, r.status());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void returningFromTheEntryExitsWithV0(boolean timed) {
        // $ra starts at the return trampoline (docs/abi.md): jr $ra with an empty invocation stack is an exit.
        GuestRun r = GuestRun.boot(timed, "ret.s", program("li $v0, 7\njr $ra\n"));
        assertEquals("pebble: domain 0 (ret) exit status 7\n", r.console(), r.result().toString());
        assertEquals(1, r.status());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void hrtimeIncreasesAndThreadIdsAreTheSlots(boolean timed) {
        // Exit status 0 only if the second Count read is larger than the first and the thread id is the
        // domain slot (one thread per domain at boot, thread t in domain t).
        String check = """
                HRTIME
                move $s0, $v0
                HRTIME
                subu $s1, $v0, $s0
                blez $s1, bad
                THREAD_ID
                li   $t0, %d
                bne  $v0, $t0, bad
                EXIT 0
        bad:    EXIT 9
                """;
        GuestRun r = GuestRun.boot(timed, "t0.s", program(String.format(check, 0)), "t1.s", program(String.format(check, 1)));
        assertEquals("", r.console());
        assertEquals(0, r.status());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void yieldAlternatesTheDomainsAndPreservesRegisters(boolean timed) {
        // Each domain prints its letter three times, yielding in between; callee-saved and temporary
        // registers survive a yield (the whole context is in the interrupt frame).
        String body = """
                li   $s0, 3
                li   $t7, 0x1234
        again:  PUTC '%s'
                YIELD
                li   $t0, 0x1234
                bne  $t7, $t0, bad
                addiu $s0, $s0, -1
                bnez $s0, again
                EXIT 0
        bad:    EXIT 9
                """;
        GuestRun r = GuestRun.boot(timed, "a.s", program(String.format(body, "a")), "b.s", program(String.format(body, "b")));
        assertEquals("ababab", r.console());
        assertEquals(0, r.status());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void theTimerPreemptsALongComputation(boolean timed) {
        // Domain a spins for about a million instructions before printing; domain b prints at once. Only
        // preemption by the Count/Compare interrupt lets b print first.
        GuestRun r = GuestRun.boot(timed,
                "a.s", program("li $t0, 300000\nspin: addiu $t0, $t0, -1\nbnez $t0, spin\nPUTC 'a'\nEXIT 0\n"),
                "b.s", program("PUTC 'b'\nEXIT 0\n"));
        assertEquals("ba", r.console());
        assertEquals(0, r.status());
    }
}
