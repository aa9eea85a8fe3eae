package pebble.r5k.portal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * A failed check of a generated portal never reaches the callee: it becomes a fault of the caller at its
 * syscall (the check code jumps to the nucleus's fault_user before the point of no return), reported on
 * the console, and the caller's domain ends.
 */
class PortalCheckFaultTest {
    /** server: jr $ra; nop at USER_TEXT_VA, then _start: lui $a1; ori $a1; li $v0; syscall: the syscall is the 6th word. */
    private static final long SYSCALL_EPC = NucleusLayout.USER_TEXT_VA + 20;

    @ParameterizedTest(name = "{0} with $a1 = 0x{1}{2}")
    @CsvSource({
            // not in the window region at all
            "npcwi, 0040, 0000",
            // window page 1, which nobody owns: the caller's access counter is 0 (domain 0 owns page 0 only)
            "npcwi, 6000, 1000",
            "smcwii, 6000, 1010",
            // past the window region's last page (WINDOW_PAGES pages from 0x60000000)
            "smcwii, 6004, 0000"})
    void windowTheCallerMayNotAccessIsTheCallersFault(String specText, String upperHalf, String lowerHalf) throws Exception {
        String driver = """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                server: jr      $ra
                        nop
                        .globl _start
                _start: lui     $a1, 0x%s
                        ori     $a1, $a1, 0x%s
                        li      $v0, %d
                        syscall
                        EXIT 0
                """.formatted(upperHalf, lowerHalf, IpcPrograms.IPC_PORTAL);
        String leaf = "server:\n        li $a0, 'X'\n        li $v0, PORTAL_PUTC\n        syscall\n        jr $ra\n        nop\n";
        IpcSystem.Run r = IpcSystem.run(PortalSpec.parse(specText), 2, driver, leaf, true);
        String expected = String.format("pebble: domain 0 (d0) fault Sys at EPC 0x%08x, BadVAddr 0x", SYSCALL_EPC);
        assertTrue(r.console().startsWith(expected), r.console());
        assertEquals(1, r.console().split("\n").length, "one line, and the callee never ran: " + r.console());
        assertEquals(1, r.status(), "a domain faulted");
    }

    /**
     * An empty stack queue is not a failed check but a wait (§5.4, StackWaitTest): with no stack anywhere
     * and no other thread to give one back, the caller waits forever, which the nucleus reports as a
     * deadlock; the callee never ran.
     */
    @ParameterizedTest(name = "{0} with an empty stack queue")
    @CsvSource({"npciii", "npcii"})
    void emptyStackQueueMakesTheCallerWaitHereForever(String specText) throws Exception {
        String driver = """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                server: jr      $ra
                        nop
                        .globl _start
                _start: lui     $a1, 0x1
                        ori     $a1, $a1, 0
                        li      $v0, %d
                        syscall
                        EXIT 0
                """.formatted(IpcPrograms.IPC_PORTAL);
        String leaf = "server:\n        li $a0, 'X'\n        li $v0, PORTAL_PUTC\n        syscall\n        jr $ra\n        nop\n";
        IpcSystem.Run r = IpcSystem.runWithStacks(PortalSpec.parse(specText), 2, driver, leaf, 0);
        assertEquals("pebble: domain 1 (d1) deadlock: thread 0 waits for a stack\n", r.console());
        assertEquals(1, r.status());
    }
}
