# timeline.s - the known program of TimelineTest: one marker span around a SYSCALL (handler, ERET), an ASID
# change, a TLB refill (handler, TLBWR, ERET) and the ASID change back; then it halts with status 0.
# Straight-line code (no loops), so that in functional mode (one cycle per instruction) every event's cycle
# is the index of its instruction; TimelineTest derives them from the listing below.

        .set    noreorder
        .equ    SIMCTL, 0xbfff0000
        .equ    MARK_BEGIN, 0xc
        .equ    MARK_END, 0x10
        .equ    USER_VA, 0x00400000

        .text
        .globl  _start
_start:
        # The RAM vectors: refill (0x80000000) and general (0x80000180) jump to the handlers below.
        la      $a0, refill_stub
        lui     $a1, 0xa000
        lw      $t0, 0($a0)
        sw      $t0, 0($a1)
        lw      $t0, 4($a0)
        sw      $t0, 4($a1)
        lw      $t0, 8($a0)
        sw      $t0, 8($a1)
        lw      $t0, 12($a0)
        sw      $t0, 12($a1)
        la      $a0, general_stub
        lw      $t0, 0($a0)
        sw      $t0, 0x180($a1)
        lw      $t0, 4($a0)
        sw      $t0, 0x184($a1)
        lw      $t0, 8($a0)
        sw      $t0, 0x188($a1)
        lw      $t0, 12($a0)
        sw      $t0, 0x18c($a1)
        # The span "work": a system call, a switch to ASID 5, a refill in it, the switch back.
        lui     $s0, 0xbfff
        la      $s1, work_name
        sw      $s1, MARK_BEGIN($s0)
        syscall
        li      $t0, 5
        mtc0    $t0, $10                # EntryHi: ASID 5
        lui     $t1, 0x0040
        lw      $t2, 0($t1)             # USER_VA: not in the TLB, a refill
        sw      $s1, MARK_END($s0)
        mtc0    $zero, $10              # back to ASID 0
        sw      $zero, 0($s0)           # halt, status 0

general_stub:
        la      $k0, general
        jr      $k0
        nop
refill_stub:
        la      $k0, refill
        jr      $k0
        nop

# General exception (here only the SYSCALL): return after the faulting instruction.
general:
        mfc0    $k0, $14
        addiu   $k0, $k0, 4
        mtc0    $k0, $14
        eret

# TLB refill: map the even page of the faulting pair (EntryHi already holds its VPN2 and the ASID) to PA
# 0x200000, cacheable, dirty, valid; the odd page invalid.
refill:
        li      $k0, (0x200000 >> 12) << 6 | 0x1e
        mtc0    $k0, $2
        mtc0    $zero, $3
        tlbwr
        eret

        .data
work_name:
        .asciz  "work"
