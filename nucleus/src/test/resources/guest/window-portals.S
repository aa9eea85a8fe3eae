#include "cp0-regs.h"
# window-portals.S - test-only short-circuit portals that open and close window page $a0 for the caller's
# domain, as a `w` portal's call and return would (§5.3): grant increments WindowAccess[k].COUNT[ASID];
# revoke decrements it and, at zero, removes the domain's TLB entry for the page (TLBP, then an invalid
# entry). Neither loads the TLB: the refill handler does, after checking the counter.
# The test defines WINDOW_ACCESS_ADDR and fault_user with .equ before this text.
        .include "nucleus-layout.inc"
        .include "cp0.inc"
        .set    noreorder
        .set    noat

        .macro  COUNTER_ADDRESS                 # $t4 = &WindowAccess[$a0].COUNT[current ASID]
        sltiu   $t4, $a0, WINDOW_PAGES
        beqz    $t4, bad
        sll     $t4, $a0, WINDOW_ACCESS_SHIFT
        lw      $t5, THREAD_DOMAIN($k1)
        lw      $t5, DOMAIN_ASID($t5)
        sll     $t5, $t5, WINDOW_ACCESS_COUNT_SHIFT
        addu    $t4, $t4, $t5
        li      $t5, WINDOW_ACCESS_ADDR
        addu    $t4, $t4, $t5
        .endm

        .text
grant:  COUNTER_ADDRESS
        lhu     $t5, WINDOW_ACCESS_COUNT($t4)
        addiu   $t5, $t5, 1
        b       done
        sh      $t5, WINDOW_ACCESS_COUNT($t4)

        .globl  revoke
revoke: COUNTER_ADDRESS
        lhu     $t5, WINDOW_ACCESS_COUNT($t4)
        addiu   $t5, $t5, -1
        bnez    $t5, done
        sh      $t5, WINDOW_ACCESS_COUNT($t4)
        sll     $t6, $a0, PAGE_SHIFT            # the page's VA, its pair's VPN2, the current ASID
        li      $t7, WINDOW_VA_BASE
        addu    $t6, $t6, $t7
        li      $t7, ENTRYHI_VPN2_MASK
        and     $t6, $t6, $t7
        mfc0    $t8, C0_ENTRYHI
        andi    $t8, $t8, ENTRYHI_ASID_MASK
        or      $t6, $t6, $t8
        mtc0    $t6, C0_ENTRYHI
        nop
        nop
        tlbp
        nop
        nop
        mfc0    $t7, C0_INDEX
        bltz    $t7, restore                    # not in the TLB: nothing to remove
        nop
        mtc0    $zero, C0_ENTRYLO0
        mtc0    $zero, C0_ENTRYLO1
        nop
        nop
        tlbwi
restore:
        mtc0    $t8, C0_ENTRYHI
done:   mfc0    $k0, C0_EPC
        addiu   $k0, $k0, 4
        mtc0    $k0, C0_EPC
        eret
bad:    j       fault_user
        nop
