#include "nucleus.h"
# intr.S - the interrupt portal and the minimal interrupt dispatcher (§3.6, §5.1).
#
# intr_portal: general vector, ExcCode = Int, from user mode (interrupts are only ever enabled there),
#   EXL = 1, $k0/$k1 free. It converts the interrupt into a call of the dispatcher: the whole user context
#   goes into an interrupt frame on the invocation stack, $sp moves to the thread's interrupt stack (§5.1).
#   The dispatcher of this release knows one source, the Count/Compare timer (Int5 = Cause.IP7, ref §3.2):
#   it preempts the thread (round robin, sched.S). The user-level dispatcher comes with the servers.
# intr_return: the return portal of an interrupt frame ($k0 = frame, $k1 = Thread, from thread_resume):
#   pops the frame and restores everything CTX_SAVE saved.

        .text
        .globl  intr_portal
intr_portal:
        mfc0    $k0, C0_CAUSE
        andi    $k0, $k0, CAUSE_IP7
        beqz    $k0, 1f                         # nothing we unmasked is pending: resume the thread
        nop
        LOAD_CURRENT $k1
        CTX_SAVE 0
        j       sched_next                      # writing Compare there acknowledges the timer
        nop
1:      eret

        .globl  intr_return
intr_return:
        sw      $k0, THREAD_INVSP($k1)          # pop: the frame's first byte is the next free one
        lw      $at, INVFRAME_STATUS($k0)
        mtc0    $at, C0_STATUS                  # user mode once ERET clears EXL
        lw      $at, INVFRAME_EPC($k0)
        mtc0    $at, C0_EPC
        lw      $at, INVFRAME_HI($k0)
        mthi    $at
        lw      $at, INVFRAME_LO($k0)
        mtlo    $at
        .irp    r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31
        lw      $\r, INVFRAME_REGS + (\r << INVFRAME_REGS_SHIFT)($k0)
        .endr
        eret
