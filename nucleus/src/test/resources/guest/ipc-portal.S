#include "cp0-regs.h"
# ipc-portal.S - a hand-written "sm" IPC portal (shared stack, minimal state, §4.4) from the caller's
# domain into CALLEE_DOMAIN at CALLEE_ENTRY, with its return portal: the shape docs/nucleus.md prescribes
# for generated portals (checks, point of no return, frame push, domain/ASID switch, eret), used to test
# that the nucleus side of the contract (entry state, return dispatcher, frames) works.
# The test defines CALLEE_DOMAIN_ADDR, CALLEE_ENTRY and the nucleus symbol fault_user with .equ before
# this text (li of a later-defined symbol would be one addiu, as in GNU as).
        .include "nucleus-layout.inc"
        .include "cp0.inc"
        .set    noreorder
        .set    noat
        .text
call:   lw      $k0, THREAD_INVSP($k1)
        lw      $at, THREAD_INVSTACK_LIMIT($k1)
        addiu   $t4, $k0, INVFRAME_SIZE
        sltu    $t5, $at, $t4
        bnez    $t5, overflow                   # no room for a frame: the caller's fault
        nop
        # ---- point of no return
        lui     $t4, %hi(ret)
        addiu   $t4, $t4, %lo(ret)
        sw      $t4, INVFRAME_RETURN_PORTAL($k0)
        mfc0    $t4, C0_EPC
        addiu   $t4, $t4, 4
        sw      $t4, INVFRAME_EPC($k0)
        lw      $t4, THREAD_PORTAL_TABLE($k1)
        sw      $t4, INVFRAME_PORTAL_TABLE($k0)
        lw      $t4, THREAD_DOMAIN($k1)
        sw      $t4, INVFRAME_DOMAIN($k0)
        sw      $sp, INVFRAME_SP($k0)
        sw      $zero, INVFRAME_STACK($k0)
        sw      $zero, INVFRAME_KIND($k0)
        addiu   $t4, $k0, INVFRAME_SIZE
        sw      $t4, THREAD_INVSP($k1)
        li      $t4, CALLEE_DOMAIN_ADDR
        sw      $t4, THREAD_DOMAIN($k1)
        lw      $t5, DOMAIN_PORTAL_TABLE($t4)
        sw      $t5, THREAD_PORTAL_TABLE($k1)
        lw      $t5, DOMAIN_ASID($t4)
        mtc0    $t5, C0_ENTRYHI
        li      $ra, USER_VECTOR_VA
        li      $t4, CALLEE_ENTRY
        mtc0    $t4, C0_EPC
        eret
overflow:
        j       fault_user
        nop

# ret: $k0 = frame, $k1 = Thread, $v0/$v1 = results (return dispatcher).
ret:    lw      $t4, INVFRAME_DOMAIN($k0)
        sw      $t4, THREAD_DOMAIN($k1)
        lw      $t5, DOMAIN_ASID($t4)
        mtc0    $t5, C0_ENTRYHI
        lw      $t4, INVFRAME_PORTAL_TABLE($k0)
        sw      $t4, THREAD_PORTAL_TABLE($k1)
        lw      $sp, INVFRAME_SP($k0)
        lw      $t4, INVFRAME_EPC($k0)
        mtc0    $t4, C0_EPC
        sw      $k0, THREAD_INVSP($k1)          # pop
        eret
