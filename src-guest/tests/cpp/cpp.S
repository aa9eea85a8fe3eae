/*
 * cpp.S - a .S source: the C preprocessor runs before the assembler, as with gcc -c cpp.S.
 * #include, object- and function-like #define (with # and ##), #if/#elif/#else with defined(),
 * C and assembler comments side by side. Prints three lines and halts with status 0.
 */
#include "../lib/console.inc"

#define NL          '\n'
#define LINES       3
#define PUTCH(c)    li $a0, c; jal putc     // one statement per ';'
#define PRINT(lbl)  la $a0, lbl; jal puts
#define STR(x)      #x
#define LABEL(n)    msg_ ## n

#if LINES > 2 && defined(NL) && !defined(NOT_THERE)
# define GREETING "preprocessed"
#elif LINES == 2
# define GREETING "two"
#else
# define GREETING "broken"
#endif

        .text
        .globl  __start
__start:
        li      $s0, LINES              # rows to print
1:      PRINT(LABEL(hello))
        move    $a0, $s0
        addiu   $a0, $a0, '0'
        jal     putc
        PUTCH(NL)
        addiu   $s0, $s0, -1
        bgtz    $s0, 1b
        PRINT(LABEL(name))
        PUTCH(NL)
        EXIT    0

# puts: prints the NUL-terminated string at $a0 (clobbers $a0, $a1, $t8, $t9).
puts:
        move    $a1, $a0
        lbu     $a0, 0($a1)
        beqz    $a0, 2f
3:      PUTC_BODY
        addiu   $a1, $a1, 1
        lbu     $a0, 0($a1)
        bnez    $a0, 3b
2:      jr      $ra

# putc: prints the character in $a0.
putc:
        PUTC_BODY
        jr      $ra

        .data
LABEL(hello):   .asciz  GREETING " line "
LABEL(name):    .asciz  STR(cpp.S)
