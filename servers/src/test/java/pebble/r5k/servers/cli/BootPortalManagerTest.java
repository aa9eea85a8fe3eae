package pebble.r5k.servers.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** `pebble boot` (the portal manager is on by default): a program asks the guest portal manager for a portal into itself and calls it. */
class BootPortalManagerTest {
    @TempDir Path dir;

    @Test
    void aProgramCreatesAPortalAtRunTimeAndCallsIt() throws Exception {
        Path prog = dir.resolve("selfportal.s");
        Files.writeString(prog, """
                        .include "pebble.inc"
                        .include "portal-manager.inc"
                        .set noreorder
                        .text
                serve:  jr      $ra
                        addu    $v0, $a0, $a1           # the portal's constant + the caller's word
                        .globl _start
                _start: li      $a1, PM_OP_CREATE
                        li      $a2, 0x736d6369         # "smci"
                        li      $a3, 0x69000000         # "i"
                        move    $t0, $zero
                        li      $t1, PORTAL_FIRST_USER
                        la      $t2, serve
                        li      $t3, 0x700
                        li      $v0, PORTAL_PM
                        syscall
                        li      $a1, 0x24
                        li      $v0, PORTAL_FIRST_USER
                        syscall
                        li      $t4, 0x724
                        bne     $v0, $t4, 1f
                        nop
                        PUTC    'o'
                        PUTC    'k'
                        PUTC    '\\n'
                        EXIT 0
                1:      EXIT 2
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        int status;
        try {
            status = new CommandLine(new BootCommand()).execute(prog.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        // the boot banner counts the portal manager's domain beside the program's
        assertEquals("Pebble nucleus: 2 domains, L2 on\nok\n", out.toString(), err.toString());
        assertEquals(0, status);
    }
}
