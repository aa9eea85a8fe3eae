# printer.s - the well-behaved domain of the hostile-domain tests: five lines, a yield after each, exit 0.
# Its data runs past 64 KB, so it owns pages the hostile domain (a smaller program) does not.
        .include "pebble.inc"
        .text
        .globl  _start
_start: li      $s0, 0
next:   PUTS    line
        addiu   $t0, $s0, '0'
        PUTC_REG $t0
        PUTC    '\n'
        YIELD
        addiu   $s0, $s0, 1
        li      $t0, 5
        bne     $s0, $t0, next
        EXIT    0
        .data
line:   .asciz  "printer "
        .space  65536
