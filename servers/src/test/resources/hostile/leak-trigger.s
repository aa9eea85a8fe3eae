# Hostile partner: once its partner is inside the server, calls the partner's faulting portal.
        .include "pebble.inc"
        .set noreorder
        .text
        .globl _start
_start: li      $s0, 10
1:      YIELD
        addiu   $s0, $s0, -1
        bnez    $s0, 1b
        nop
        li      $v0, 17
        syscall
        EXIT    0
