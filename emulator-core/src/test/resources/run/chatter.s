# chatter.s - prints "tick\n" on COM1 forever (the pipe, Ctrl-C and closed-console tests stop it).
        .set    noreorder
        .text
        .globl  _start
_start: lui     $t0, 0xbd00
again:  lui     $a0, %hi(msg)
        addiu   $a0, $a0, %lo(msg)
next:   lbu     $t1, 0($a0)
        beq     $t1, $zero, again
        nop
        sb      $t1, 0x3f8($t0)         # THR (always empty in the model)
        b       next
        addiu   $a0, $a0, 1
        .data
msg:    .asciz  "tick\n"
