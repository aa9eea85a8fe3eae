# Hostile: makes a portal into itself at die (a fault), placed at index 17 of its partner's table (domain @PARTNER@, the test fills it in), then calls the
# server and stays inside it (the server's long request) holding one of its stacks.
        .include "pebble.inc"
        .include "portal-manager.inc"
        .set noreorder
        .text
        .globl _start
_start: YIELD
        YIELD
        li      $a1, PM_OP_CREATE_CHILD
        li      $a2, 0x736d0000        # "sm"
        li      $a3, 0
        li      $t0, 0
        li      $t1, (@PARTNER@ << 16) | 17
        la      $t2, die
        li      $t3, 0
        li      $v0, PORTAL_PM
        syscall
        li      $v0, 16                # into the server, takes a stack
        syscall
        EXIT    0
die:    lw      $t0, 0($zero)          # this domain faults: its own thread, inside the server, dies
        jr      $ra
        nop
