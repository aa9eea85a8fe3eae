# exit-123.s - writes status 123 to sim-control: the guest's own 123, not an unhandled exception.
        .set    noreorder
        .text
        .globl  _start
_start: lui     $t0, 0xbfff
        li      $t1, 123
        sw      $t1, 0($t0)
1:      b       1b
        nop
