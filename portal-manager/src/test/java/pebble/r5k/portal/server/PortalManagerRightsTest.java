package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pebble.r5k.portal.server.PortalManagerAbi.*;
import static pebble.r5k.portal.server.PortalManagerServerTest.*;

import org.junit.jupiter.api.Test;

/** The manager refuses bad requests with its codes, the nucleus's rights check their arguments, and no other domain holds them. */
class PortalManagerRightsTest {
    /** A request with raw fields (the maker prints $v0). */
    static String raw(int op, int tableDomain, int index) {
        return """
                        li      $a1, %d
                        li      $a2, 0x%x
                        li      $a3, 0x%x
                        move    $t0, $zero
                        li      $t1, (%d << 16) | %d
                        la      $t2, server
                        move    $t3, $zero
                        li      $v0, PORTAL_PM
                        syscall
                        jal     puthex
                        move    $a0, $v0
                """.formatted(op, word("smciii", 0), word("smciii", 4), tableDomain, index);
    }

    @Test
    void badRequestsGetTheirCodesAndTheServerKeepsServing() {
        String reqs = raw(PM_OP_CREATE_CHILD, CLIENT, 5)                       // a nucleus index
                + raw(PM_OP_CREATE_CHILD, CLIENT, 64)                          // past the table
                + raw(PM_OP_CREATE_CHILD, 40, FIRST)                           // past MAX_DOMAINS
                + raw(PM_OP_CREATE_CHILD, 9, FIRST)                            // no such domain: the install right refuses
                + raw(7, CLIENT, FIRST)                                        // no such operation
                + request("smciii", 0, 0);
        Run run = run(true, callingClient(""), maker(reqs, 6));
        String[] lines = run.console().split("\n");
        assertEquals(String.format("%08x", PM_ERR_INDEX), lines[0], run.console());
        assertEquals(String.format("%08x", PM_ERR_INDEX), lines[1]);
        assertEquals(String.format("%08x", PM_ERR_DOMAIN), lines[2]);
        assertEquals(String.format("%08x", PM_ERR_DENIED), lines[3]);
        assertEquals(String.format("%08x", PM_ERR_OP), lines[4]);
        assertEquals(String.format("%08x", PM_CODE_KSEG0), lines[5], "a refused request uses no code space");
        assertEquals("ok", lines[6]);
        assertEquals(0, run.result().exitStatus(), run.console() + run.result());
    }

    @Test
    void onlyTheManagerHoldsTheRights() {
        String thief = """
                        .include "pebble.inc"
                        .include "portal-manager.inc"
                        .text
                        .globl _start
                _start: li      $a0, 1
                        li      $a1, 20
                        li      $a2, PM_CODE_VA
                        li      $v0, PM_RIGHT_INSTALL
                        syscall
                        EXIT 0
                """;
        Run run = run(true, thief, maker("", 0));
        assertTrue(run.console().startsWith("pebble: domain 1 (client) fault Sys at EPC 0x"), run.console());
        assertEquals(1, run.result().exitStatus());
    }
}
