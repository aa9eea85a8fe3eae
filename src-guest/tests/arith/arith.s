# arith.s - reorder-style program using pseudo-instructions (li, la, move, mul, div, rem, blt, bge...)
# Prints a few computed results in decimal. The assembler fills delay slots and inserts HI/LO nops.
        .include "../lib/console.inc"

        .text
        .globl  _start
_start:
        li      $s0, 12
        li      $s1, 34
        mul     $a0, $s0, $s1           # 408
        jal     putdec
        jal     newline

        li      $s0, 1000
        li      $s1, 7
        div     $a0, $s0, $s1           # 142
        jal     putdec
        li      $a0, ' '
        jal     putc
        rem     $a0, $s0, $s1           # 6
        jal     putdec
        jal     newline

        li      $a0, -12345             # negative numbers and abs
        jal     putdec
        jal     newline

        # sum 1..100 with a blt loop
        move    $s2, $zero
        li      $s3, 1
loop:   addu    $s2, $s2, $s3
        addiu   $s3, $s3, 1
        ble     $s3, 100, loop
        move    $a0, $s2                # 5050
        jal     putdec
        jal     newline

        li      $a0, 0x7fffffff         # li with lui/ori
        jal     putdec
        jal     newline
        EXIT    0

# putdec: prints the signed integer in $a0 in decimal.
        .ent    putdec
putdec:
        addiu   $sp, $sp, -32
        sw      $ra, 28($sp)
        sw      $s0, 24($sp)
        move    $s0, $a0
        bgez    $s0, 1f
        li      $a0, '-'
        jal     putc
        abs     $s0, $s0
1:      la      $t0, digits_end         # build digits backwards in a buffer
        li      $t1, 10
2:      divu    $s0, $t1
        mfhi    $t2
        mflo    $s0
        addiu   $t2, $t2, '0'
        addiu   $t0, $t0, -1
        sb      $t2, 0($t0)
        bnez    $s0, 2b
        sw      $t0, 20($sp)
3:      lw      $t0, 20($sp)
        lbu     $a0, 0($t0)
        beqz    $a0, 4f
        addiu   $t0, $t0, 1
        sw      $t0, 20($sp)
        jal     putc
        b       3b
4:      lw      $s0, 24($sp)
        lw      $ra, 28($sp)
        addiu   $sp, $sp, 32
        jr      $ra
        .end    putdec

newline:
        li      $a0, '\n'
putc:   PUTC_BODY
        jr      $ra

        .data
digits: .space  16
digits_end:
        .byte   0
