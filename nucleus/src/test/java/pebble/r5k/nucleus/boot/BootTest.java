package pebble.r5k.nucleus.boot;

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
        assertTrue(r.result().halted(), r.result().reason());
        assertEquals(0, r.status());
        assertEquals("", r.console());
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void oneProgramPrintsThroughThePutcPortal(boolean timed) {
        GuestRun r = GuestRun.boot(timed, "hello.s", HELLO);
        assertEquals("hello from a domain\n", r.console());
        assertEquals(0, r.status(), r.result().reason());
    }
}
