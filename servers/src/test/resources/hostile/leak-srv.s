# A well-behaved server: an nm portal into itself at serve, placed at index 16 of domains 2..6. serve yields
# for a while (a long request) and returns 0x77.
        .include "pebble.inc"
        .include "portal-manager.inc"
        .set noreorder
        .text
        .globl _start
_start: li      $s0, 2
1:      li      $a1, PM_OP_CREATE_CHILD
        li      $a2, 0x6e6d0000         # "nm"
        li      $a3, 0
        li      $t0, 0
        sll     $t1, $s0, 16
        ori     $t1, $t1, 16
        la      $t2, serve
        li      $t3, 0
        li      $v0, PORTAL_PM
        syscall
        addiu   $s0, $s0, 1
        li      $t4, 7
        bne     $s0, $t4, 1b
        nop
        EXIT    0
serve:  li      $s0, 100
2:      YIELD
        addiu   $s0, $s0, -1
        bnez    $s0, 2b
        nop
        jr      $ra
        li      $v0, 0x77
