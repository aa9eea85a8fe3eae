# spin.s - prints "go\n" on COM1, then loops forever without output (the Ctrl-C test interrupts it).
        .set    noreorder
        .text
        .globl  _start
_start: lui     $t0, 0xbd00
        li      $t1, 'g'
        sb      $t1, 0x3f8($t0)
        li      $t1, 'o'
        sb      $t1, 0x3f8($t0)
        li      $t1, 10
        sb      $t1, 0x3f8($t0)         # the newline flushes the console
1:      b       1b
        addiu   $t2, $t2, 1
