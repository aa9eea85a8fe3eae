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
    /** server: jr $ra; nop at USER_TEXT_VA, then _start: lui $a1; li $v0; syscall: the syscall is the 5th word. */
    private static final long SYSCALL_EPC = NucleusLayout.USER_TEXT_VA + 16;

    @ParameterizedTest(name = "{0} with $a1 = 0x{1}")
    @CsvSource({
            // not in the window region at all
            "npcwi, 0040",
            // a window page, but the caller's access counter is 0
            "npcwi, 6000",
            "smcwii, 6000",
            // past the window region's last page (WINDOW_PAGES pages from 0x60000000)
            "smcwii, 6004"})
    void windowTheCallerMayNotAccessIsTheCallersFault(String specText, String upperHalf) throws Exception {
        String driver = """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                server: jr      $ra
                        nop
                        .globl _start
                _start: lui     $a1, 0x%s
                        li      $v0, %d
                        syscall
                        EXIT 0
                """.formatted(upperHalf, IpcPrograms.IPC_PORTAL);
        String leaf = "server:\n        li $a0, 'X'\n        li $v0, PORTAL_PUTC\n        syscall\n        jr $ra\n        nop\n";
        IpcSystem.Run r = IpcSystem.run(PortalSpec.parse(specText), 2, driver, leaf, true);
        String expected = String.format("pebble: domain 0 (d0) fault Sys at EPC 0x%08x, BadVAddr 0x", SYSCALL_EPC);
        assertTrue(r.console().startsWith(expected), r.console());
        assertEquals(1, r.console().split("\n").length, "one line, and the callee never ran: " + r.console());
        assertEquals(1, r.status(), "a domain faulted");
    }

    @ParameterizedTest(name = "{0} with an empty stack queue")
    @CsvSource({"npciii", "npcii"})
    void emptyStackQueueIsTheCallersFaultUntilTheNucleusCanWait(String specText) throws Exception {
        String driver = """
                        .include "pebble.inc"
                        .set noreorder
                        .text
                server: jr      $ra
                        nop
                        .globl _start
                _start: lui     $a1, 0x1
                        li      $v0, %d
                        syscall
                        EXIT 0
                """.formatted(IpcPrograms.IPC_PORTAL);
        String leaf = "server:\n        li $a0, 'X'\n        li $v0, PORTAL_PUTC\n        syscall\n        jr $ra\n        nop\n";
        IpcSystem.Run r = IpcSystem.runWithStacks(PortalSpec.parse(specText), 2, driver, leaf, 0);
        String expected = String.format("pebble: domain 0 (d0) fault Sys at EPC 0x%08x, BadVAddr 0x", SYSCALL_EPC);
        assertTrue(r.console().startsWith(expected), r.console());
        assertEquals(1, r.status());
    }
}
