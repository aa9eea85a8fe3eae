# nullportal.s - the null short-circuit portal measured as the paper does (§7.1, Table 1): Count, which
# ticks every other cycle, read through PORTAL_HRTIME around 100 back-to-back null portal calls, and around
# no call at all (the cost of the measurement itself). The best of 5 batches is printed, in ticks:
#   null100 T100 empty T0
# so one null portal traversal is 2 * (T100 - T0) / 100 cycles.
        .include "pebble.inc"
        .set    noreorder
        .text
        .globl  _start
_start: li      $s0, 5                  # batches
        li      $s1, -1                 # best T100
        li      $s2, -1                 # best T0
batch:  li      $v0, PORTAL_HRTIME
        syscall
        move    $s3, $v0
        .rept   100
        li      $v0, PORTAL_NULL
        syscall
        .endr
        li      $v0, PORTAL_HRTIME
        syscall
        subu    $t0, $v0, $s3
        sltu    $t1, $t0, $s1
        movn    $s1, $t0, $t1
        li      $v0, PORTAL_HRTIME
        syscall
        move    $s3, $v0
        li      $v0, PORTAL_HRTIME
        syscall
        subu    $t0, $v0, $s3
        sltu    $t1, $t0, $s2
        movn    $s2, $t0, $t1
        addiu   $s0, $s0, -1
        bnez    $s0, batch
        nop
        PUTS    label100
        jal     putdec
        move    $a1, $s1
        PUTS    label0
        jal     putdec
        move    $a1, $s2
        PUTC    '\n'
        EXIT    0

# putdec: $a1 in decimal (clobbers $a0, $t5, $t6, $v0, $s7; $ra is kept in $s7 because no portal
# preserves $ra, docs/abi.md).
putdec: move    $s7, $ra
        la      $t5, digits + 11
        sb      $zero, 0($t5)
        li      $t6, 10
1:      divu    $a1, $t6
        mfhi    $a0
        mflo    $a1
        addiu   $a0, $a0, '0'
        addiu   $t5, $t5, -1
        bnez    $a1, 1b
        sb      $a0, 0($t5)
2:      lbu     $a0, 0($t5)
        beqz    $a0, 3f
        addiu   $t5, $t5, 1
        li      $v0, PORTAL_PUTC
        syscall
        b       2b
        nop
3:      jr      $s7
        nop

        .data
label100: .asciz "null100 "
label0:   .asciz " empty "
digits:   .space 12
