package pebble.r5k.nucleus.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** Boots the nucleus with 0, 1 and 2 user programs; each case timed and functional. */
class BootTest {
    static final String HELLO = """
            .include "pebble.inc"
            .text
            .globl _start
    _start: PUTS msg
            EXIT 0
            .data
    msg:    .asciz "hello from a domain\\n"
    """;

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void noProgramsEndsAtOnceWithStatusZero(boolean timed) {
        GuestRun r = GuestRun.boot(timed);
        assertTrue(r.result().halted(), r.result().detail());
        assertEquals(0, r.status());
        assertEquals("", r.console());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void oneProgramPrintsThroughThePutcPortal(boolean timed) {
        GuestRun r = GuestRun.boot(timed, "hello.s", HELLO);
        assertEquals("hello from a domain\n", r.console());
        assertEquals(0, r.status(), r.result().detail());
    }

    @Test
    void theNucleusAnnouncesItselfBeforeAnyDomainRuns() {
        // The whole console, banner included (GuestRun checks and strips the banner for the other tests).
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new SystemBuilder().timing(true).console(out).programSource("hello.s", HELLO).programSource("two.s", HELLO)
                .build().run(GuestRun.MAX_CYCLES);
        assertEquals("Pebble nucleus: 2 domains, L2 on\nhello from a domain\nhello from a domain\n", out.toString());
        out.reset();
        new SystemBuilder().timing(false).console(out).programSource("hello.s", HELLO).build().run(GuestRun.MAX_CYCLES);
        assertEquals("Pebble nucleus: 1 domain, L2 on\nhello from a domain\n", out.toString());
    }
}
