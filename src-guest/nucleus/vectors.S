#include "nucleus.h"
# vectors.S - the exception vectors (linked first, at NUCLEUS_BASE = 0x80000000, ref §3.3):
#   0x000 TLB refill: the refill short-circuit portal (§4.3), fast path here, window pages in refill.S
#   0x080 XTLB refill: never taken (user mode runs with UX = 0): a nucleus panic
#   0x100 cache error: a nucleus panic
#   0x180 general: portal trap dispatch (docs/nucleus.md "Portal invocation"), then interrupts and faults
# Contract: entered with EXL = 1 (interrupts off), only $k0/$k1 free; a user's $k0/$k1 are never preserved.

        .text
        .globl  nucleus_refill
nucleus_refill:
        # The current domain's PTE pair for BadVAddr. EntryHi already holds VPN2 and the ASID (ref §3.3).
        PTE_PAIR_WALK refill_unmapped
        lw      $k0, PTE_SIZE($k1)              # odd PTE
        bltz    $k0, refill_window              # PTE bit 31: a window page, the access counters decide (§5.3)
        nop
        mtc0    $k0, C0_ENTRYLO1
        lw      $k0, 0($k1)                     # even PTE
        bltz    $k0, refill_window
        nop
        mtc0    $k0, C0_ENTRYLO0
        TLB_WRITE_HAZARD
        tlbwr
        eret
refill_unmapped:
        # No page table covers the address: a fault of the domain (or, from kernel mode, a panic). The
        # refill exception left Cause (TLBL/TLBS), EPC and BadVAddr exactly as a general exception would.
        j       exc_fault
        nop

        .org    0x80
        .globl  nucleus_xtlb_refill
nucleus_xtlb_refill:
        j       nucleus_panic
        nop

        .org    0x100
nucleus_cache_error:
        j       nucleus_panic
        nop

        .org    0x180
        .globl  nucleus_general
nucleus_general:
        mfc0    $k0, C0_CAUSE
        andi    $k1, $k0, CAUSE_EXC_MASK
        xori    $k1, $k1, EXC_SYS << CAUSE_EXC_SHIFT
        bnez    $k1, exc_not_syscall
        sltiu   $k1, $v0, PORTAL_TABLE_ENTRIES  # (delay slot) unsigned: a negative index is out of range too
        bltz    $k0, portal_fault               # Cause.BD: a syscall in a branch delay slot is a fault
        lui     $k0, %hi(nucleus_current)       # (delay slot)
        beqz    $k1, portal_fault               # index outside the table
        sll     $k1, $v0, PORTAL_ENTRY_SHIFT    # (delay slot)
        # Only $k0/$k1: $at carries the callee's result into the return dispatcher (portals.S), so the
        # Thread is loaded twice rather than keeping the index in a third register.
        lw      $k0, %lo(nucleus_current)($k0)
        lw      $k0, THREAD_PORTAL_TABLE($k0)   # the *current thread's* portal table (§5.1)
        addu    $k0, $k0, $k1
        lw      $k0, PORTAL_ENTRY_CODE($k0)
        lui     $k1, %hi(nucleus_current)
        jr      $k0                             # portal entry state: $k1 = Thread, $v0 = index, EXL = 1
        lw      $k1, %lo(nucleus_current)($k1)  # (delay slot)

portal_fault:
        j       fault_user
        nop

# Everything but SYSCALL. The mode check comes first: the nucleus runs its own code with KSU = 0, so an
# exception taken there is a nucleus bug, never a domain fault.
exc_not_syscall:
        mfc0    $k1, C0_STATUS
        andi    $k1, $k1, SR_KSU_MASK
        beqz    $k1, nucleus_panic
        andi    $k1, $k0, CAUSE_EXC_MASK        # (delay slot)
        addiu   $k1, $k1, -(EXC_INT << CAUSE_EXC_SHIFT)
        beqz    $k1, intr_portal
        addiu   $k1, $k1, -((EXC_TLBL - EXC_INT) << CAUSE_EXC_SHIFT)
        beqz    $k1, refill_invalid             # a TLB entry matched with V = 0: walk again (refill.S)
        addiu   $k1, $k1, -((EXC_TLBS - EXC_TLBL) << CAUSE_EXC_SHIFT)
        beqz    $k1, refill_invalid
        nop
        j       fault_user
        nop

# exc_fault: a fault found by the refill path; the same mode check, then the domain's fault.
        .globl  exc_fault
exc_fault:
        mfc0    $k1, C0_STATUS
        andi    $k1, $k1, SR_KSU_MASK
        beqz    $k1, nucleus_panic
        nop
        j       fault_user
        nop
