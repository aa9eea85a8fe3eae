# wait-interrupts-off.s - WAIT with Status.IE = 0: nothing can end it, a deadlock.
        .set    noreorder
        .text
        .globl  _start
_start: wait
1:      b       1b
        nop
