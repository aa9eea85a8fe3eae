#include "nucleus.h"
# faults.S - domain faults, domain exit and termination, nucleus panics, and the nucleus's console output.
#
# fault_user: a user-mode exception other than SYSCALL-to-a-valid-portal and Int (address, bus, RI, CpU,
#   Mod, TLB faults outside the domain's mappings, privileged instructions, bad portal indexes). EXL = 1;
#   Cause, EPC and BadVAddr describe it; the default handler abandons the user context (fault_deliver keeps it
#   in a fault frame for the domain's fault portal).
#   The default fault handler prints
#     pebble: domain N (NAME) fault EXC at EPC 0x........, BadVAddr 0x........
#   terminates the domain (docs/nucleus.md "Faults and interrupts") and runs the next thread.
#   A domain that named a fault portal (PORTAL_SET_FAULT) gets the fault as a call of that portal instead
#   (fault_deliver), unless the fault happens while one of its faults is being handled.
# domain_exit: $a0 = status; ends the current domain (PORTAL_EXIT, or a return with an empty invocation
#   stack). A status other than 0 is reported: pebble: domain N (NAME) exit status S (S in decimal).
# nucleus_panic: an exception the nucleus did not expect (taken in kernel mode): one line, then sim-control
#   halts the machine with NUCLEUS_PANIC_STATUS. nucleus_panic_msg: the same for a boot check, $a0 = text.

        .text
        .globl  fault_user
fault_user:
        LOAD_CURRENT $k1
        lw      $k0, THREAD_FAULT_FRAME($k1)
        bnez    $k0, fault_default              # a fault while one is being handled: the default
        lw      $k0, THREAD_DOMAIN($k1)         # (delay slot)
        lw      $k0, DOMAIN_FAULT_PORTAL($k0)
        bnez    $k0, fault_deliver
        nop
fault_default:
        li      $k0, NUCLEUS_STATUS
        mtc0    $k0, C0_STATUS                  # kernel mode from here on: a nested exception panics
        LOAD_CURRENT $s0
        lw      $sp, THREAD_INTSTACK($s0)       # §5.1: exceptions run on the interrupt stack
        lw      $s1, THREAD_DOMAIN($s0)
        mfc0    $s2, C0_CAUSE
        mfc0    $s3, C0_EPC
        mfc0    $s4, C0_BADVADDR
# fault_report: $s0 = Thread, $s1 = the faulting Domain, $s2 = Cause, $s3 = EPC, $s4 = BadVAddr: the default
# handler's line, the domain terminated; then the fault its fault portal was handling, if any (the handler
# itself faulted), gets the default too.
fault_report:
        jal     kput_domain
        move    $a0, $s1                        # (delay slot)
        la      $a0, msg_fault
        jal     kputs
        nop
        andi    $s2, $s2, CAUSE_EXC_MASK
        srl     $s2, $s2, CAUSE_EXC_SHIFT       # the ExcCode
        sll     $a0, $s2, EXC_NAME_SHIFT
        la      $t0, exc_names
        jal     kputs
        addu    $a0, $a0, $t0                   # (delay slot)
        la      $a0, msg_epc
        jal     kputs
        nop
        jal     kputhex
        move    $a0, $s3                        # (delay slot)
        la      $a0, msg_badvaddr
        jal     kputs
        nop
        jal     kputhex
        move    $a0, $s4                        # (delay slot)
        li      $a0, '\n'
        KPUTC   $a0
        move    $a0, $s1
        li      $a1, DOMAIN_STATE_FAULTED
        jal     domain_terminate
        move    $a2, $s2                        # (delay slot) the exit status records the ExcCode
        lw      $k0, THREAD_FAULT_FRAME($s0)
        bnez    $k0, fault_frame_report
        nop
        j       sched_next
        nop

# fault_deliver: the current domain named a fault portal ($k0 = its index, $k1 = Thread; nothing handled
# yet). The whole user context goes into a fault frame resuming at the faulting EPC ($at/$v1 are the
# refill handler's after a refill-path fault: not preserved, docs/abi.md); then the thread enters the
# user vector page's fault_call in user mode with $v0 = the index and $a0..$a2 = ExcCode, EPC, BadVAddr,
# on its own $sp. Its syscall calls the portal like any other; the verdict returns through
# PORTAL_FAULT_DONE.
fault_deliver:
        CTX_SAVE 0
        lw      $t0, THREAD_INVSP($k1)
        lw      $t1, THREAD_INVSTACK_LIMIT($k1)
        sltu    $t0, $t1, $t0                   # the fault frame took the slot kept for an interrupt: an
        bnez    $t0, fault_no_room              # interrupt at fault_call would push past the end of the
        nop                                     # invocation stack, and the handler's call cannot fit anyway
        li      $t0, INVFRAME_KIND_FAULT
        sw      $t0, INVFRAME_KIND($k0)
        mfc0    $a0, C0_CAUSE
        sw      $a0, FAULTFRAME_CAUSE($k0)
        mfc0    $a2, C0_BADVADDR
        sw      $a2, FAULTFRAME_BADVADDR($k0)
        lw      $t0, THREAD_DOMAIN($k1)
        sw      $t0, INVFRAME_DOMAIN($k0)
        sw      $k0, THREAD_FAULT_FRAME($k1)
        lw      $v0, DOMAIN_FAULT_PORTAL($t0)
        andi    $a0, $a0, CAUSE_EXC_MASK
        srl     $a0, $a0, CAUSE_EXC_SHIFT       # the ExcCode
        lw      $a1, INVFRAME_EPC($k0)
        lw      $sp, INVFRAME_REGS + (GPR_SP << INVFRAME_REGS_SHIFT)($k0)
        la      $t0, fault_call                 # its user VA: the same offset in the user vector page
        la      $t1, user_vector_page
        subu    $t0, $t0, $t1
        li      $t1, USER_VECTOR_VA
        addu    $t0, $t0, $t1
        mtc0    $t0, C0_EPC
        li      $t0, USER_STATUS
        mtc0    $t0, C0_STATUS
        eret

# fault_no_room: the faulting thread's invocation stack is full (the fault frame $k0 is in the last slot):
# pop the frame again and give the fault the default handler (Cause, EPC and BadVAddr are still the fault's).
fault_no_room:
        b       fault_default
        sw      $k0, THREAD_INVSP($k1)          # (delay slot)

# fault_verdict_terminate: PORTAL_FAULT_DONE with verdict 0 ($k0 = the fault frame, already popped from
# THREAD_FAULT_FRAME): the default handler for the fault the frame holds.
        .globl  fault_verdict_terminate
fault_verdict_terminate:
        li      $t0, NUCLEUS_STATUS
        mtc0    $t0, C0_STATUS
        LOAD_CURRENT $s0
        lw      $sp, THREAD_INTSTACK($s0)
        move    $k1, $k0
        b       1f
        nop
# fault_frame_report: the handler faulted (reported above); its thread's fault frame $k0 gets the default.
fault_frame_report:
        sw      $zero, THREAD_FAULT_FRAME($s0)
        move    $k1, $k0
1:      lw      $s1, INVFRAME_DOMAIN($k1)
        lw      $s2, FAULTFRAME_CAUSE($k1)
        lw      $s3, INVFRAME_EPC($k1)
        b       fault_report
        lw      $s4, FAULTFRAME_BADVADDR($k1)   # (delay slot)

        .globl  domain_exit
domain_exit:
        li      $k0, NUCLEUS_STATUS
        mtc0    $k0, C0_STATUS
        move    $s2, $a0
        LOAD_CURRENT $s0
        lw      $sp, THREAD_INTSTACK($s0)
        lw      $s1, THREAD_DOMAIN($s0)
        beqz    $s2, 1f                         # a clean exit is silent
        nop
        jal     kput_domain                     # pebble: domain N (NAME) exit status S
        move    $a0, $s1                        # (delay slot)
        la      $a0, msg_exit
        jal     kputs
        nop
        jal     kputdec
        move    $a0, $s2                        # (delay slot)
        li      $a0, '\n'
        KPUTC   $a0
1:      move    $a0, $s1
        move    $a2, $s2
        jal     domain_terminate
        li      $a1, DOMAIN_STATE_EXITED        # (delay slot)
        j       sched_next
        nop

# kput_domain: "pebble: domain N (NAME)" for Domain $a0. Uses $s7 for the return address.
        .globl  kput_domain
kput_domain:
        move    $s7, $ra
        move    $s6, $a0
        la      $a0, msg_domain
        jal     kputs
        nop
        jal     kputdec
        lw      $a0, DOMAIN_ID($s6)             # (delay slot)
        la      $a0, msg_open
        jal     kputs
        nop
        addiu   $a0, $s6, DOMAIN_NAME
        jal     kputsn
        li      $a1, DOMAIN_NAME_COUNT          # (delay slot)
        li      $a0, ')'
        KPUTC   $a0
        jr      $s7
        nop

# domain_terminate: $a0 = Domain, $a1 = its final DOMAIN_STATE_*, $a2 = exit status. Every thread created
# in the domain, or executing in it now (called in through a portal), is dead.
        .globl  domain_terminate
domain_terminate:
        sw      $a1, DOMAIN_STATE($a0)
        sw      $a2, DOMAIN_EXIT_STATUS($a0)
        sw      $zero, DOMAIN_LIVE_THREADS($a0)
        lui     $t0, %hi(nucleus_threads)
        addiu   $t0, $t0, %lo(nucleus_threads)
        li      $t1, MAX_THREADS
        li      $t4, THREAD_STATE_DEAD
1:      lw      $t2, THREAD_HOME_DOMAIN($t0)
        beq     $t2, $a0, 2f
        lw      $t3, THREAD_DOMAIN($t0)         # (delay slot)
        bne     $t3, $a0, 3f
        nop
2:      lw      $t3, THREAD_STATE($t0)
        beqz    $t3, 3f                         # THREAD_STATE_FREE: an unused slot stays unused
        nop
        sw      $t4, THREAD_STATE($t0)
3:      addiu   $t1, $t1, -1
        bnez    $t1, 1b
        addiu   $t0, $t0, THREAD_SIZE           # (delay slot)
        # a dead thread leaves every stack-wait list: a return portal wakes the first waiter without looking
        # (portal code has no loops), so the lists hold only THREAD_STATE_STACK_WAIT threads
        la      $t0, nucleus_domains
        lui     $t1, %hi(nucleus_domain_count)
        lw      $t1, %lo(nucleus_domain_count)($t1)
4:      beqz    $t1, 7f
        addiu   $t2, $t0, DOMAIN_STACK_WAITERS  # (delay slot) $t2 = the link being examined
5:      lw      $t3, 0($t2)
        beqz    $t3, 6f
        nop
        lw      $t5, THREAD_STATE($t3)
        lw      $t6, THREAD_NEXT($t3)
        bne     $t5, $t4, 8f
        nop
        b       5b
        sw      $t6, 0($t2)                     # (delay slot) unlink the dead thread, examine the same link
8:      b       5b
        addiu   $t2, $t3, THREAD_NEXT           # (delay slot)
6:      addiu   $t1, $t1, -1
        b       4b
        addiu   $t0, $t0, DOMAIN_SIZE           # (delay slot)
        # a dead thread gives back what its portal frames hold in other domains (§5.4, §5.3): the stack an
        # `n` call took goes back on the callee's queue (waking its first waiter, as the return portal does)
        # and a `w` call's count on the callee's window is dropped, so a killed caller never leaves a live
        # server short of stacks. The callee of a portal frame is the domain the thread ran in above it: the
        # next portal or fault frame's INVFRAME_DOMAIN, or THREAD_DOMAIN for the top one (interrupt frames
        # record no domain). The stack is emptied (INVSP = base) so the walk runs once per thread.
7:      lui     $t0, %hi(nucleus_threads)
        addiu   $t0, $t0, %lo(nucleus_threads)
        li      $t1, MAX_THREADS
10:     lw      $t2, THREAD_STATE($t0)
        bne     $t2, $t4, 19f                   # only dead threads
        lw      $t3, THREAD_INVSP($t0)          # (delay slot)
        lw      $v0, THREAD_INVSTACK_BASE($t0)
        sw      $v0, THREAD_INVSP($t0)          # emptied: a second walk finds nothing
        lw      $a3, THREAD_DOMAIN($t0)         # $a3 = the domain the frame above ran in
11:     beq     $t3, $v0, 19f
        addiu   $t3, $t3, -INVFRAME_SIZE        # (delay slot) $t3 = the next frame down
        lw      $t2, INVFRAME_KIND($t3)
        li      $t5, INVFRAME_KIND_INTERRUPT
        beq     $t2, $t5, 11b                   # no domain change, nothing held
        nop
        li      $t5, INVFRAME_KIND_PORTAL
        bne     $t2, $t5, 18f                   # a fault frame: only the domain
        nop
        lw      $t5, INVFRAME_STACK($t3)        # an `n` call's StackDescriptor, or 0
        beqz    $t5, 12f
        nop
        lw      $t6, DOMAIN_STACK_QUEUE($a3)    # push it back on the callee's queue
        sw      $t6, STACKDESC_NEXT($t5)
        sw      $t5, DOMAIN_STACK_QUEUE($a3)
        lw      $t6, DOMAIN_STACK_WAITERS($a3)  # wake the first waiter (none of them is dead: pass above)
        beqz    $t6, 12f
        li      $t7, THREAD_STATE_RUNNABLE      # (delay slot)
        lw      $t8, THREAD_NEXT($t6)
        sw      $t7, THREAD_STATE($t6)
        sw      $t8, DOMAIN_STACK_WAITERS($a3)
12:     lw      $t5, INVFRAME_WINDOW($t3)       # a `w` call's WindowAccess, or 0
        beqz    $t5, 18f
        nop
        lw      $t6, DOMAIN_ASID($a3)
        sll     $t7, $t6, WINDOW_ACCESS_COUNT_SHIFT
        addu    $t5, $t5, $t7
        lhu     $t7, WINDOW_ACCESS_COUNT($t5)
        addiu   $t7, $t7, -1
        bnez    $t7, 18f
        sh      $t7, WINDOW_ACCESS_COUNT($t5)   # (delay slot)
        lw      $t5, INVFRAME_WINDOW_VA($t3)    # at zero the callee's TLB entry for the page goes
        li      $t7, ENTRYHI_VPN2_MASK
        and     $t5, $t5, $t7
        or      $t5, $t5, $t6
        mtc0    $t5, C0_ENTRYHI                 # (the next thread_resume loads EntryHi again)
        nop                                     # hazards as in the return portal (Cp0Hazards: mtc0 -> tlbp 1,
        tlbp                                    # tlbp -> mfc0 3, mtc0 -> tlbwi 1, tlbwi -> use 1)
        nop
        nop
        nop
        mfc0    $t5, C0_INDEX
        bltz    $t5, 18f
        sll     $t5, $t5, PAGE_SHIFT + 1        # (delay slot) a VPN2 of its own in unmapped KSEG0
        mtc0    $zero, C0_ENTRYLO0
        mtc0    $zero, C0_ENTRYLO1
        lui     $t7, 0x8000
        addu    $t5, $t5, $t7
        mtc0    $t5, C0_ENTRYHI
        nop
        tlbwi
        nop
18:     b       11b
        lw      $a3, INVFRAME_DOMAIN($t3)       # (delay slot) the caller: the callee of the frame below
19:     addiu   $t1, $t1, -1
        bnez    $t1, 10b
        addiu   $t0, $t0, THREAD_SIZE           # (delay slot)
        jr      $ra
        nop

        .globl  nucleus_panic
nucleus_panic:
        li      $k0, NUCLEUS_STATUS
        mtc0    $k0, C0_STATUS
        la      $a0, msg_panic
        jal     kputs
        nop
        mfc0    $s2, C0_CAUSE
        andi    $a0, $s2, CAUSE_EXC_MASK
        srl     $a0, $a0, CAUSE_EXC_SHIFT
        sll     $a0, $a0, EXC_NAME_SHIFT
        la      $t0, exc_names
        jal     kputs
        addu    $a0, $a0, $t0                   # (delay slot)
        la      $a0, msg_epc
        jal     kputs
        nop
        mfc0    $a0, C0_EPC
        jal     kputhex
        nop
        la      $a0, msg_badvaddr
        jal     kputs
        nop
        mfc0    $a0, C0_BADVADDR
        jal     kputhex
        nop
        la      $a0, msg_cause
        jal     kputs
        nop
        jal     kputhex
        move    $a0, $s2                        # (delay slot)
        b       panic_halt
        nop

        .globl  nucleus_panic_msg
nucleus_panic_msg:
        move    $s0, $a0
        la      $a0, msg_panic
        jal     kputs
        nop
        jal     kputs
        move    $a0, $s0                        # (delay slot)
panic_halt:
        li      $a0, '\n'
        KPUTC   $a0
        li      $t0, NUCLEUS_PANIC_STATUS
        SIMCTL_HALT $t0

# kputs: the NUL-terminated string at $a0. kputsn: at most $a1 bytes of it. Leaf routines ($t0, $t1,
# $t8, $t9).
        .globl  kputs
kputs:
        li      $a1, -1                         # no length limit (unsigned)
kputsn:
1:      beqz    $a1, 2f
        lbu     $t0, 0($a0)                     # (delay slot)
        beqz    $t0, 2f
        addiu   $a0, $a0, 1                     # (delay slot)
        KPUTC   $t0
        b       1b
        addiu   $a1, $a1, -1                    # (delay slot)
2:      jr      $ra
        nop

# kputhex: $a0 as 8 hex digits. Leaf ($t0..$t2, $t8, $t9).
kputhex:
        li      $t1, 28
1:      srlv    $t0, $a0, $t1
        andi    $t0, $t0, 0xf
        sltiu   $t2, $t0, 10
        bnez    $t2, 2f
        addiu   $t0, $t0, '0'                   # (delay slot)
        addiu   $t0, $t0, 'a' - '0' - 10
2:      KPUTC   $t0
        addiu   $t1, $t1, -4
        bgez    $t1, 1b
        nop
        jr      $ra
        nop

# kputdec: $a0 (unsigned) in decimal. Leaf ($t0..$t3, $t8, $t9; 12 bytes of kputdec_buf).
        .globl  kputdec
kputdec:
        la      $t1, kputdec_buf + 11
        sb      $zero, 0($t1)
        li      $t2, 10
1:      divu    $a0, $t2
        mfhi    $t0
        mflo    $a0
        addiu   $t0, $t0, '0'
        addiu   $t1, $t1, -1
        bnez    $a0, 1b
        sb      $t0, 0($t1)                     # (delay slot)
2:      lbu     $t0, 0($t1)
        beqz    $t0, 3f
        addiu   $t1, $t1, 1                     # (delay slot)
        KPUTC   $t0
        b       2b
        nop
3:      jr      $ra
        nop

        .data
msg_domain:     .asciz  "pebble: domain "
msg_open:       .asciz  " ("
msg_fault:      .asciz  " fault "
msg_exit:       .asciz  " exit status "
msg_epc:        .asciz  " at EPC 0x"
msg_badvaddr:   .asciz  ", BadVAddr 0x"
msg_cause:      .asciz  ", Cause 0x"
msg_panic:      .asciz  "pebble: nucleus panic: "
        .balign 8
exc_names:
        EXC_NAMES
        .bss
kputdec_buf:
        .space  12
