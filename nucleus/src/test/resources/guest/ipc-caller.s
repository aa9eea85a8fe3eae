# ipc-caller.s - domain 0 of IpcContractTest: calls portal 16 (into domain 1) with $a0 = 5, expects
# 5 + domain 1's secret (1000), then checks that its own secret at the same VA is still 77 (its ASID is
# back), that $s0 survived, and does it twice (the frame was popped). Prints "ok" and exits 0.
        .include "pebble.inc"
        .set    noreorder
        .text
        .globl  _start
_start: li      $s0, 0x5a5a
        li      $s1, 2
again:  li      $a0, 5
        PORTAL  16
        li      $t0, 1005
        bne     $v0, $t0, bad
        nop
        lui     $t0, %hi(secret)
        lw      $t0, %lo(secret)($t0)
        li      $t1, 77
        bne     $t0, $t1, bad
        nop
        li      $t1, 0x5a5a
        bne     $s0, $t1, bad
        addiu   $s1, $s1, -1
        bnez    $s1, again
        nop
        PUTC    'o'
        PUTC    'k'
        PUTC    '\n'
        EXIT    0
bad:    EXIT    2
        .org    0x200
secret: .word   77
