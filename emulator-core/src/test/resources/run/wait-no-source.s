# wait-no-source.s - WAIT with interrupts enabled (IE, IM4) but no device that can raise one: a deadlock.
        .set    noreorder
        .text
        .globl  _start
_start:
        li      $t1, 0x1001
        mtc0    $t1, $12                # Status: IM4 | IE; COM1's IER is 0, the RTC is off
        nop
idle:   wait
        b       idle
        nop
