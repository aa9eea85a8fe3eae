#include "nucleus.h"
# refill.S - the slow paths of the TLB refill short-circuit portal (§4.3, §5.3).
#
# refill_window: the fast path (vectors.S) found a window page in the pair. A window page may be loaded
#   only while the current ASID's counter in the page's WindowAccess is > 0 (§5.3); otherwise its half of
#   the pair is loaded invalid, so the retry takes a TLB-invalid exception that ends in refill_invalid.
# refill_invalid: a user TLBL/TLBS on an entry with V = 0. That is either a page the domain does not have
#   (the domain's fault) or a stale half: the pair was loaded while one window page of it was closed and
#   the page has been opened since. So walk again: if the faulting half is valid now, rewrite the matching
#   entry (TLBP, TLBWI) and retry, else fault.
# Why not fault straight from the refill when nothing is mapped: the refill vector only has $k0/$k1 and
#   the refill exception leaves Cause/EPC/BadVAddr as a general exception would, so an unmapped directory
#   slot jumps to exc_fault directly (vectors.S); an unmapped PTE inside a table is loaded invalid and
#   faults on the retry, which keeps the fast path free of a V-bit test.
# Registers: $k0/$k1, plus $at and $v1, which are parked in refill_save and restored (EXL = 1 and one CPU:
#   nothing can nest here).

        .text
        .globl  refill_window
refill_window:
        lui     $k0, %hi(refill_save)
        sw      $at, %lo(refill_save)($k0)
        sw      $v1, %lo(refill_save + 4)($k0)
        move    $at, $k1                        # the PTE pair
        WINDOW_PTE_TO 0, C0_ENTRYLO0
        WINDOW_PTE_TO 1, C0_ENTRYLO1
        TLB_WRITE_HAZARD
        tlbwr
        RESTORE_AT_V1
        eret

        .globl  refill_invalid
refill_invalid:
        lui     $k0, %hi(refill_save)
        sw      $at, %lo(refill_save)($k0)
        sw      $v1, %lo(refill_save + 4)($k0)
        PTE_PAIR_WALK 9f
        move    $at, $k1
        WINDOW_PTE_TO 0, C0_ENTRYLO0
        WINDOW_PTE_TO 1, C0_ENTRYLO1
        mfc0    $k0, C0_BADVADDR
        andi    $k0, $k0, PAGE_SIZE             # which half faulted: VA bit 12
        beqz    $k0, 1f
        mfc0    $k1, C0_ENTRYLO0                # (delay slot)
        mfc0    $k1, C0_ENTRYLO1
1:      andi    $k1, $k1, PTE_V_MASK
        beqz    $k1, 9f                         # still not valid: the domain's fault
        nop
        tlbp                                    # EntryHi holds VPN2 and ASID since the exception (ref §3.3)
        TLB_WRITE_HAZARD
        mfc0    $k0, C0_INDEX
        bltz    $k0, 2f                         # no match (cannot happen after TLBL/TLBS): use a random slot
        nop
        tlbwi
        RESTORE_AT_V1
        eret
2:      tlbwr
        RESTORE_AT_V1
        eret
9:      j       fault_user                      # the user context is abandoned: $at/$v1 need no restore
        nop

        .bss
        .balign 8
refill_save:
        .space  8
