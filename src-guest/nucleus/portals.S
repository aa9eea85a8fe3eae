#include "nucleus.h"
# portals.S - the standard portals every domain starts with (docs/nucleus.md "Standard portals"), and the
# invalid-portal portal every empty entry points at.
#
# Entry state (vectors.S): $k1 = current Thread, $v0 = portal index, EPC = the syscall, EXL = 1 (interrupts
# off for the whole portal, §3.6); $k0, $at, $v1, $t4..$t9 free. No loops (§3.7). Short-circuit portals
# (§4.3) do their work inline and return to EPC + 4 in the same domain.

        .text
# PORTAL_NULL: the null short-circuit portal of Table 1 (user -> nucleus -> user).
        .globl  portal_null
portal_null:
        RETURN_SKIP_SYSCALL

# PORTAL_HRTIME: $v0 = Count, which ticks every other cycle (ref §3.2; the paper's timer, §7).
        .globl  portal_hrtime
portal_hrtime:
        mfc0    $v0, C0_COUNT
        RETURN_SKIP_SYSCALL

# PORTAL_THREAD_ID: $v0 = the calling thread's id (§4.3's example).
        .globl  portal_thread_id
portal_thread_id:
        lw      $v0, THREAD_ID($k1)
        RETURN_SKIP_SYSCALL

# PORTAL_PUTC: the byte in $a0 to COM1. No wait for THRE: portal code has no loops (§3.7), and the
# emulated 16550 transmits at once (LSR.THRE always 1, docs/board.md); a console server would wait on
# the THRE interrupt instead.
        .globl  portal_putc
portal_putc:
        lui     $k0, %hi(COM1_BASE)
        sb      $a0, %lo(COM1_BASE + UART_THR)($k0)
        RETURN_SKIP_SYSCALL

# PORTAL_EXIT: ends the calling domain with status $a0 (stored, never interpreted).
        .globl  portal_exit
portal_exit:
        j       domain_exit
        nop

# PORTAL_YIELD: the whole user context into an interrupt frame (resuming after the syscall, $v0 = 0),
# then the next runnable thread.
        .globl  portal_yield
portal_yield:
        CTX_SAVE 4
        sw      $zero, INVFRAME_REGS + (GPR_V0 << INVFRAME_REGS_SHIFT)($k0)
        j       sched_next
        nop

# PORTAL_RETURN: the return dispatcher. The return trampoline (user vector page) parked the callee's $v0
# in $at before loading the index. An empty invocation stack means the thread's entry function returned:
# the domain exits with that $v0. Otherwise the top frame's return portal runs with $k0 = frame,
# $k1 = Thread, $v0/$v1 = the callee's results, $at free; it restores what its call saved, pops the frame
# (THREAD_INVSP = $k0) and ERETs to the caller.
        .globl  portal_return_dispatch
portal_return_dispatch:
        move    $v0, $at
        lw      $k0, THREAD_INVSP($k1)
        lw      $at, THREAD_INVSTACK_BASE($k1)
        beq     $k0, $at, 1f
        addiu   $k0, $k0, -INVFRAME_SIZE        # (delay slot) the top frame
        lw      $at, INVFRAME_RETURN_PORTAL($k0)
        jr      $at
        nop
1:      j       domain_exit
        move    $a0, $v0                        # (delay slot)

# PORTAL_SET_FAULT: $a0 = the index of the calling domain's fault portal in its own table (a user portal,
# PORTAL_FIRST_USER .. PORTAL_TABLE_ENTRIES - 1), or 0 for the nucleus default. Anything else is a fault of
# the caller (Sys). $v0 = 0.
        .globl  portal_set_fault
portal_set_fault:
        beqz    $a0, 1f                         # 0: back to the default
        addiu   $k0, $a0, -PORTAL_FIRST_USER    # (delay slot)
        sltiu   $k0, $k0, PORTAL_TABLE_ENTRIES - PORTAL_FIRST_USER
        beqz    $k0, portal_invalid             # outside the user portals (unsigned: below them too)
        nop
1:      lw      $k0, THREAD_DOMAIN($k1)
        sw      $a0, DOMAIN_FAULT_PORTAL($k0)
        move    $v0, $zero
        RETURN_SKIP_SYSCALL

# PORTAL_FAULT_DONE: the fault stub in the user vector page reports the fault portal's verdict ($a0: 0
# terminates the faulting domain as the default handler would, anything else resumes it at EPC + 4).
# Only valid when the thread's fault frame is the top frame (the handler's call has returned); otherwise
# a fault of the caller. Not a loop anywhere: the frame pop is intr_return's, the report faults.S's.
        .globl  portal_fault_done
portal_fault_done:
        lw      $k0, THREAD_FAULT_FRAME($k1)
        beqz    $k0, portal_invalid             # no fault being handled
        lw      $at, THREAD_INVSP($k1)          # (delay slot)
        addiu   $at, $at, -INVFRAME_SIZE
        bne     $at, $k0, portal_invalid        # the fault frame is not on top: not from the stub
        nop
        beqz    $a0, 2f
        sw      $zero, THREAD_FAULT_FRAME($k1)  # (delay slot) the fault is handled either way
        lw      $at, INVFRAME_EPC($k0)
        addiu   $at, $at, 4                     # resume after the faulting instruction
        j       intr_return                     # $k0 = the frame, $k1 = Thread: the whole context back
        sw      $at, INVFRAME_EPC($k0)          # (delay slot)
2:      j       fault_verdict_terminate
        nop

# Every empty portal table entry: a fault of the calling domain (Cause says Sys, EPC the syscall).
        .globl  portal_invalid
portal_invalid:
        j       fault_user
        nop
