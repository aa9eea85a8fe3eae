# Victim client of the server: later calls it and checks the answer.
        .include "pebble.inc"
        .set noreorder
        .text
        .globl _start
_start: li      $s0, 30
1:      YIELD
        addiu   $s0, $s0, -1
        bnez    $s0, 1b
        nop
        li      $v0, 16
        syscall
        li      $t0, 0x77
        bne     $v0, $t0, bad
        nop
        PUTS    ok
        EXIT    0
bad:    PUTS    nok
        EXIT    3
        .data
ok:     .asciz  "client ok\n"
nok:    .asciz  "client got a wrong answer\n"
