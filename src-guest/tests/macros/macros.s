# macros.s - .macro with parameters and defaults, \@ unique labels, numeric local labels, .set push/pop,
# .equ constants and expressions. Prints a triangle of stars.
        .include "../lib/console.inc"

        .equ    ROWS, 5
        .equ    STAR, '*'

# PRINTN reg, ch: prints character ch (reg) times.
        .macro  PRINTN count, ch=STAR
        move    $s7, \count
        beqz    $s7, .Ldone\@
.Lloop\@:
        li      $a0, \ch
        jal     putc
        addiu   $s7, $s7, -1
        bnez    $s7, .Lloop\@
.Ldone\@:
        .endm

        .text
        .globl  __start
__start:
        li      $s0, 1
1:      PRINTN  $s0
        PRINTN  $s0, '+'
        li      $a0, '\n'
        jal     putc
        addiu   $s0, $s0, 1
        ble     $s0, ROWS, 1b
        b       1f
        .set    push
        .set    noreorder
        nop                             # never executed: only checks .set push/pop
        .set    pop
1:      li      $a0, (ROWS * 8 + 2) / 3 + 'A' - 14       # 14 + 'A' - 14 = 'A'
        jal     putc
        li      $a0, 'A' | 0x20 ^ 1     # 'a' ^ 1 = '`'
        jal     putc
        li      $a0, ~(-1 << 4) << 2    # 60 = '<'
        jal     putc
        li      $a0, '\n'
        jal     putc
        EXIT    0

putc:   PUTC_BODY
        jr      $ra
