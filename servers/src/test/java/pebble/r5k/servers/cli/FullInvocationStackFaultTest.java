package pebble.r5k.servers.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A domain with a fault portal recurses through a portal into itself until its invocation stack is full; the
 * call that no longer fits is its Sys fault. The fault frame would then take the last slot, the one portal calls
 * leave free for an interrupt (docs/nucleus.md: the limit sits one frame before the end), and the handler's own
 * call could not fit anyway: the fault gets the default handler at once (faults.S, fault_deliver). Before, the
 * frame was pushed into that slot and the thread sent to its handler: an interrupt arriving then pushed a frame
 * past the end of the stack, over the next thread's context, and another domain died in its place.
 */
class FullInvocationStackFaultTest {
    @TempDir Path dir;

    /** 0x00400068: the recursive syscall (26 instructions in, .set noreorder; the li/la expansions counted). */
    static final String RECURSE = """
                    .include "pebble.inc"
                    .include "portal-manager.inc"
                    .set noreorder
                    .text
                    .globl _start
            _start: li      $a1, PM_OP_CREATE
                    li      $a2, 0x736d0000         # "sm": a portal into this domain, at rec (index 16)
                    li      $a3, 0
                    li      $t0, 0
                    li      $t1, (1 << 16) | 16
                    la      $t2, rec
                    li      $t3, 0
                    li      $v0, PORTAL_PM
                    syscall
                    li      $a1, PM_OP_CREATE
                    li      $a2, 0x736d0000         # the fault handler's portal (index 17)
                    li      $a3, 0
                    li      $t0, 0
                    li      $t1, (1 << 16) | 17
                    la      $t2, handler
                    li      $t3, 0
                    li      $v0, PORTAL_PM
                    syscall
                    li      $a0, 17
                    li      $v0, PORTAL_SET_FAULT
                    syscall
            rec:    li      $v0, 16
                    syscall
                    EXIT    0
            handler: li     $v0, 1                  # "resume": never reached
                    jr      $ra
                    nop
            """;

    static final String VICTIM = """
                    .include "pebble.inc"
                    .text
                    .globl  _start
            _start: li      $s0, 200
                    li      $s1, 0x1234
            1:      YIELD
                    addiu   $s0, $s0, -1
                    bnez    $s0, 1b
                    nop
                    li      $t0, 0x1234
                    bne     $s1, $t0, bad
                    nop
                    PUTS    ok
                    EXIT    0
            bad:    PUTS    nok
                    EXIT    3
                    .data
            ok:     .asciz  "victim ok\\n"
            nok:    .asciz  "victim registers changed\\n"
            """;

    @Test
    void aFaultWithNoRoomForItsFrameGetsTheDefaultHandlerAndTheOthersRunOn() throws Exception {
        Path recurse = dir.resolve("recurse.s"), victim = dir.resolve("victim.s");
        Files.writeString(recurse, RECURSE);
        Files.writeString(victim, VICTIM);
        for (String timing : new String[] {"--translate-after=50", "--no-timing"}) {
            BootRun r = BootRun.of(timing, recurse.toString(), victim.toString());
            // one line, at the recursive syscall: not a second one at the user vector page's fault_call
            assertEquals("Pebble nucleus: 3 domains, L2 on\n"
                    + "pebble: domain 1 (recurse) fault Sys at EPC 0x00400068, BadVAddr 0x" + badVAddr(r.out()) + "\n"
                    + "victim ok\n", r.out(), timing);
            assertEquals(1, r.status(), timing);
            assertEquals("", r.err(), timing);
        }
    }

    /** BadVAddr is not set by a Sys fault (the last translation's is left): whatever 8 digits the line has. */
    private static String badVAddr(String console) {
        int at = console.indexOf("BadVAddr 0x");
        return at < 0 ? "?" : console.substring(at + 11, Math.min(console.length(), at + 19));
    }
}
