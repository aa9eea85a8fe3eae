        .include "pebble.inc"
        .text
        .globl  _start
_start: li      $s0, 200
        li      $s1, 0x1234
        li      $s7, 0x5678
1:      YIELD
        addiu   $s0, $s0, -1
        bnez    $s0, 1b
        nop
        li      $t0, 0x1234
        bne     $s1, $t0, bad
        nop
        li      $t0, 0x5678
        bne     $s7, $t0, bad
        nop
        PUTS    ok
        EXIT    0
bad:    PUTS    nok
        EXIT    3
        .data
ok:     .asciz  "victim ok\n"
nok:    .asciz  "victim registers changed\n"
