package pebble.r5k.portal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static pebble.r5k.portal.server.PortalManagerAbi.word;

import org.junit.jupiter.api.Test;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.boot.SystemBuilder;
import pebble.r5k.nucleus.boot.UserProgram;
import pebble.r5k.portal.BootConsole;

/**
 * The appendix's transparent sandbox (§6.1), reduced to its portal mechanics on a timed guest run: the
 * parent registers notify() with portal_notify; a server creates an smciii portal into itself in the
 * parent's table (portal_create_child); the manager calls the parent's notify(), which builds
 * "sm=" + template + 3 and places that stub at the same index in the child's table, entering the parent's
 * intercept(); the child's call goes child → parent (intercept counts and forwards with the same index) →
 * server and back.
 */
class InterpositionTest {
    static final int PARENT = 1, CHILD = 2, SERVER = 3, INDEX = 16;
    static final long CONSTANT = 0x4000;

    static final String PARENT_SRC = """
                    .include "pebble.inc"
                    .include "portal-manager.inc"
                    .set noreorder
                    .text
                    .globl _start
            _start: li      $a1, PM_OP_NOTIFY
                    la      $t2, notify
                    li      $v0, PORTAL_PM
                    syscall
                    EXIT_REG $v0
            # notify(domain, index, spec words): the stub "sm=" + template + 3 at the same index in the child
            notify: addiu   $sp, $sp, -8
                    sw      $ra, 0($sp)
                    andi    $a2, $a2, 0xFF              # the template's 4th character stays
                    li      $t4, ('s' << 24) | ('m' << 16) | ('=' << 8)
                    or      $a2, $a2, $t4
                    li      $t4, %d << 16
                    or      $t1, $a1, $t4
                    li      $a1, PM_OP_CREATE_CHILD
                    la      $t2, intercept
                    move    $t3, $zero
                    li      $v0, PORTAL_PM
                    syscall
                    lw      $ra, 0($sp)
                    addiu   $sp, $sp, 8
                    jr      $ra
                    move    $v0, $zero
            # intercept(id, p1, p2, p3): count, then invoke the parent's own portal id (the appendix's invoke_portal)
            intercept:
                    addiu   $sp, $sp, -8
                    sw      $ra, 0($sp)
                    la      $t4, count
                    lw      $t5, 0($t4)
                    addiu   $t5, $t5, 1
                    sw      $t5, 0($t4)
                    move    $v0, $a0
                    syscall
                    la      $t4, count
                    lw      $t5, 0($t4)
                    sll     $t5, $t5, 16
                    addu    $v0, $v0, $t5               # the result shows the count
                    lw      $ra, 0($sp)
                    jr      $ra
                    addiu   $sp, $sp, 8
                    .data
            count:  .word   0
            """.formatted(CHILD);

    static final String SERVER_SRC = """
                    .include "pebble.inc"
                    .include "portal-manager.inc"
                    .set noreorder
                    .text
            serve:  jr      $ra
                    addu    $v0, $a0, $a1
                    .globl _start
            _start: li      $a1, PM_OP_CREATE_CHILD
                    li      $a2, 0x%x
                    li      $a3, 0x%x
                    move    $t0, $zero
                    li      $t1, (%d << 16) | %d
                    la      $t2, serve
                    li      $t3, 0x%x
                    li      $v0, PORTAL_PM
                    syscall
                    li      $t4, PM_ERR_LOWEST
                    sltu    $t4, $v0, $t4
                    beqz    $t4, 1f
                    nop
                    EXIT 0
            1:      EXIT 5
            """.formatted(word("smciii", 0), word("smciii", 4), PARENT, INDEX, CONSTANT);

    static final String CHILD_SRC = """
                    .include "pebble.inc"
                    .set noreorder
                    .text
                    .globl _start
            _start: li      $s0, 10
            1:      YIELD
                    addiu   $s0, $s0, -1
                    bnez    $s0, 1b
                    nop
                    li      $a0, 0xEEEE
                    li      $a1, 5
            %s
            2:      EXIT 6
            """.formatted(PortalManagerServerTest.callExpectingOk(INDEX, (1 << 16) + CONSTANT + 5));

    @Test
    void theChildsCallGoesThroughTheParentsInterceptToTheServer() {
        BootConsole console = new BootConsole();
        SystemBuilder b = console.builder().timing(true);
        PortalManagerSystem.addServer(b);
        b.program(UserProgram.fromSource("parent.s", PARENT_SRC, PortalManagerSystem.stage()));
        b.program(UserProgram.fromSource("child.s", CHILD_SRC, PortalManagerSystem.stage()));
        b.program(UserProgram.fromSource("server.s", SERVER_SRC, PortalManagerSystem.stage()));
        PortalManagerSystem.installPortals(b, 4);
        Machine.RunResult r = b.build().run(100_000_000L);
        String printed = console.afterBanner(4);
        assertEquals("ok\n", printed, r.toString());
        assertEquals(0, r.exitStatus(), printed + r);
    }
}
