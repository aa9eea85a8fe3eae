#include "nucleus.h"
# faults.S - domain faults, domain exit and termination, nucleus panics, and the nucleus's console output.
#
# fault_user: a user-mode exception other than SYSCALL-to-a-valid-portal and Int (address, bus, RI, CpU,
#   Mod, TLB faults outside the domain's mappings, privileged instructions, bad portal indexes). EXL = 1;
#   Cause, EPC and BadVAddr describe it; the user context is abandoned (no register is trusted or kept).
#   The default fault handler prints
#     pebble: domain N (NAME) fault EXC at EPC 0x........, BadVAddr 0x........
#   terminates the domain (docs/nucleus.md "Faults and interrupts") and runs the next thread.
#   DOMAIN_FAULT_PORTAL (a domain's own handler) is reserved: this release always takes the default.
# domain_exit: $a0 = status; ends the current domain (PORTAL_EXIT, or a return with an empty invocation
#   stack). A status other than 0 is reported: pebble: domain N (NAME) exit status S (S in decimal).
# nucleus_panic: an exception the nucleus did not expect (taken in kernel mode): one line, then sim-control
#   halts the machine with NUCLEUS_PANIC_STATUS. nucleus_panic_msg: the same for a boot check, $a0 = text.

        .text
        .globl  fault_user
fault_user:
        li      $k0, NUCLEUS_STATUS
        mtc0    $k0, C0_STATUS                  # kernel mode from here on: a nested exception panics
        LOAD_CURRENT $s0
        lw      $sp, THREAD_INTSTACK($s0)       # §5.1: exceptions run on the interrupt stack
        lw      $s1, THREAD_DOMAIN($s0)
        mfc0    $s2, C0_CAUSE
        mfc0    $s3, C0_EPC
        mfc0    $s4, C0_BADVADDR
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
        j       sched_next
        nop

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
7:      jr      $ra
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
