# recurse.s - recurses through a portal into itself until its invocation stack is full, with a fault portal
# named (FullInvocationStackFaultTest). 0x00400068 is the recursive syscall.
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
