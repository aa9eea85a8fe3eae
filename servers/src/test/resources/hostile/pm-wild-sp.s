# A client calls the portal manager (an s portal: the server runs on the caller's $sp) with $sp pointing
# at an address that is unmapped in the manager's domain.
        .include "pebble.inc"
        .include "portal-manager.inc"
        .set noreorder
        .text
        .globl _start
_start: li      $a1, PM_OP_CREATE
        li      $a2, 0x736d0000         # "sm"
        li      $a3, 0
        li      $t0, 0
        li      $t1, 16
        la      $t2, _start
        li      $t3, 0
        li      $sp, 0x00800000         # nothing of domain 0 lives here
        li      $v0, PORTAL_PM
        syscall
        li      $sp, 0x7FFFE000
        PUTS    back
        EXIT    0
        .data
back:   .asciz  "hostile back\n"
