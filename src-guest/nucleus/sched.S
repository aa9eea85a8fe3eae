#include "nucleus.h"
# sched.S - scheduler-lite: round robin over the thread table, thread switch, and the end of the run.
#
# sched_next: kernel mode (NUCLEUS_STATUS), EXL = 1; the current thread's context is saved (interrupt
#   frame) or abandoned (dead). Picks the first RUNNABLE thread after the current one (wrapping, the
#   current one last) and resumes it; with none left, ends the run (sched_finish).
# thread_resume: $k1 = Thread. Makes it current, loads its ASID into EntryHi and its user stack into TLB
#   entry 0 (§5.2), starts a fresh quantum (Compare = Count + QUANTUM_TICKS, which also clears a pending
#   timer interrupt, ref §3.2), and pops its top frame through the frame's return portal ($k0 = frame,
#   $k1 = Thread) - for a thread that is not running, always an interrupt frame (intr_return).
# portal_stack_wait: an `n` portal's check found the callee's stack queue empty (§5.4: "the portal calls the
#   scheduler and waits until a stack becomes available"). Entry: portal-code state ($k1 = Thread, EPC = the
#   syscall, $v0 = the portal index, EXL = 1) and $t7 = the callee Domain; nothing of the call is done yet.
#   The context is saved resuming AT the syscall (EPC unchanged), so a woken thread runs the portal again
#   from its checks: the simplest correct retry, and portal code keeps having no loops. The thread joins the
#   tail of the Domain's STACK_WAITERS list (FIFO, linked through THREAD_NEXT) and the next thread runs.
#   The `n` return portal wakes the first waiter (RUNNABLE, off the list) and the round robin resumes it.

        .text
        .globl  sched_next
sched_next:
        LOAD_CURRENT $t0
        li      $t1, -1                         # no current thread yet (boot): start at slot 0
        beqz    $t0, 1f
        nop
        lw      $t1, THREAD_ID($t0)
1:      li      $t2, MAX_THREADS
        lui     $t4, %hi(nucleus_threads)
        addiu   $t4, $t4, %lo(nucleus_threads)
        li      $t6, THREAD_STATE_RUNNABLE
2:      addiu   $t1, $t1, 1
        sltiu   $t3, $t1, MAX_THREADS
        bnez    $t3, 3f
        nop
        move    $t1, $zero
3:      sll     $t3, $t1, THREAD_SHIFT
        addu    $t3, $t4, $t3
        lw      $t5, THREAD_STATE($t3)
        beq     $t5, $t6, 4f
        addiu   $t2, $t2, -1                    # (delay slot)
        bnez    $t2, 2b
        nop
        j       sched_finish
        nop
4:      move    $k1, $t3
        # fall through

        .globl  thread_resume
thread_resume:
        lui     $k0, %hi(nucleus_current)
        sw      $k1, %lo(nucleus_current)($k0)
        lw      $k0, THREAD_DOMAIN($k1)
        lw      $k0, DOMAIN_ASID($k0)
        li      $at, USER_STACK_VA
        or      $at, $at, $k0
        mtc0    $at, C0_ENTRYHI
        lw      $at, THREAD_STACK_LO0($k1)
        mtc0    $at, C0_ENTRYLO0
        lw      $at, THREAD_STACK_LO1($k1)
        mtc0    $at, C0_ENTRYLO1
        li      $at, TLB_STACK_ENTRY
        mtc0    $at, C0_INDEX
        TLB_WRITE_HAZARD
        tlbwi
        mtc0    $k0, C0_ENTRYHI                 # the thread's ASID (§5.2)
        mfc0    $at, C0_COUNT
        li      $k0, QUANTUM_TICKS
        addu    $at, $at, $k0
        mtc0    $at, C0_COMPARE
        lw      $k0, THREAD_INVSP($k1)
        addiu   $k0, $k0, -INVFRAME_SIZE
        lw      $at, INVFRAME_RETURN_PORTAL($k0)
        jr      $at
        nop

        .globl  portal_stack_wait
portal_stack_wait:
        CTX_SAVE 0                              # keeps $t7 (CTX_SAVE uses $t0, $k0, $sp)
        li      $t0, THREAD_STATE_STACK_WAIT
        sw      $t0, THREAD_STATE($k1)
        sw      $zero, THREAD_NEXT($k1)
        addiu   $t1, $t7, DOMAIN_STACK_WAITERS  # $t1 = the link to append at
1:      lw      $t2, 0($t1)
        beqz    $t2, 2f
        nop
        b       1b
        addiu   $t1, $t2, THREAD_NEXT           # (delay slot)
2:      j       sched_next
        sw      $k1, 0($t1)                     # (delay slot)

# sched_finish: no runnable thread is left. A thread still on a stack-wait list waits for a stack nobody will
# give back: a deadlock of the guest system, reported per waiting thread
#   pebble: domain N (NAME) deadlock: thread T waits for a stack
# (N the domain whose stack queue is empty); its domain never exited, so the status below is 1. Exit status 0 if every domain exited with status 0, else 1
# (docs/nucleus.md); each domain's outcome is already on the console.
sched_finish:
        la      $s0, nucleus_domains
        lui     $s1, %hi(nucleus_domain_count)
        lw      $s1, %lo(nucleus_domain_count)($s1)
5:      beqz    $s1, 8f
        nop
        lw      $s2, DOMAIN_STACK_WAITERS($s0)
6:      beqz    $s2, 7f
        nop
        jal     kput_domain
        move    $a0, $s0                        # (delay slot)
        la      $a0, msg_deadlock
        jal     kputs
        nop
        jal     kputdec
        lw      $a0, THREAD_ID($s2)             # (delay slot)
        la      $a0, msg_waits
        jal     kputs
        nop
        b       6b
        lw      $s2, THREAD_NEXT($s2)           # (delay slot)
7:      addiu   $s1, $s1, -1
        b       5b
        addiu   $s0, $s0, DOMAIN_SIZE           # (delay slot)
8:
        lui     $t0, %hi(nucleus_domain_count)
        lw      $t0, %lo(nucleus_domain_count)($t0)
        lui     $t1, %hi(nucleus_domains)
        addiu   $t1, $t1, %lo(nucleus_domains)
        move    $t2, $zero                      # the exit status
        li      $t5, DOMAIN_STATE_EXITED
1:      beqz    $t0, 2f
        nop
        lw      $t3, DOMAIN_STATE($t1)
        lw      $t4, DOMAIN_EXIT_STATUS($t1)
        bne     $t3, $t5, 3f
        nop
        beqz    $t4, 4f
        nop
3:      li      $t2, 1
4:      addiu   $t0, $t0, -1
        b       1b
        addiu   $t1, $t1, DOMAIN_SIZE           # (delay slot)
2:      SIMCTL_HALT $t2

        .data
msg_deadlock:   .asciz  " deadlock: thread "
msg_waits:      .asciz  " waits for a stack\n"
