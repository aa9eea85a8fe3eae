# poll-input.s - polls COM1's LSR for 20,000,000 loop turns; exits 1 if any byte arrived, 0 if none did.
        .set    noreorder
        .text
        .globl  _start
_start: lui     $t0, 0xbd00
        lui     $t2, 0x131
        ori     $t2, $t2, 0x2d00        # 20,000,000
loop:   lbu     $t1, 0x3fd($t0)         # LSR
        andi    $t1, $t1, 1             # DR?
        bne     $t1, $zero, got
        addiu   $t2, $t2, -1
        bne     $t2, $zero, loop
        nop
        lui     $t0, 0xbfff
        sw      $zero, 0($t0)           # no input: exit 0
1:      b       1b
        nop
got:    lui     $t0, 0xbfff
        li      $t1, 1
        sw      $t1, 0($t0)             # input: exit 1
2:      b       2b
        nop
