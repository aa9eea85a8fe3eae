# nucleus.h - included first by every nucleus source (.S, so the C preprocessor runs): the generated CP0
# register names (cp0-regs.h), structure layout (nucleus-layout.inc) and CP0/board constants (cp0.inc), plus
# the macros the nucleus files share. No offset or CP0 number is written here as a literal.
#
# Register discipline (docs/nucleus.md): until the user context is saved or abandoned, nucleus code uses
# only $k0/$k1 (and $at where the portal entry state frees it). Every file runs .set noreorder/noat.

#include "cp0-regs.h"
        .include "nucleus-layout.inc"
        .include "cp0.inc"
        .set    noreorder
        .set    noat

# Status while the nucleus runs its own code (fault path, scheduler, boot after the vectors): kernel mode,
# EXL = 1 (no interrupts, no refill vector: a nested exception goes to the general vector and, with KSU = 0,
# becomes a nucleus panic).
        .equ    NUCLEUS_STATUS, SR_EXL
# Status a user thread runs with after ERET clears EXL: user mode, IE, only the timer (Int5 = IM7, ref §3.2)
# unmasked, CU0 = CU1 = 0 (CP0 and the FPU are unusable: a CpU fault), UX = 0 (32-bit user mode).
        .equ    USER_STATUS, SR_KSU_USER | SR_EXL | SR_IE | SR_IM7

# LOAD_CURRENT reg: reg = the running Thread (nucleus_current).
        .macro  LOAD_CURRENT reg
        lui     \reg, %hi(nucleus_current)
        lw      \reg, %lo(nucleus_current)(\reg)
        .endm

# TLB_WRITE_HAZARD: the R5000 (QED) needs two instructions between the last MTC0 of EntryLo/EntryHi/Index
# and TLBWR/TLBWI (Linux arch/mips/mm/tlbex.c build_tlb_write_entry, "QED specifies 2 nops hazard").
        .macro  TLB_WRITE_HAZARD
        nop
        nop
        .endm

# RETURN_SKIP_SYSCALL: short-circuit return to the instruction after the syscall (EPC + 4; the dispatcher
# guarantees BD = 0, so the syscall is never in a delay slot). Uses $k0.
        .macro  RETURN_SKIP_SYSCALL
        mfc0    $k0, C0_EPC
        addiu   $k0, $k0, 4
        mtc0    $k0, C0_EPC
        eret
        .endm

# SIMCTL_HALT reg: halts the machine with the exit status in reg (the emulator's sim-control device).
        .macro  SIMCTL_HALT reg
        lui     $k0, %hi(SIMCTL_EXIT)
        sw      \reg, %lo(SIMCTL_EXIT)($k0)
18:     b       18b
        nop
        .endm

# PTE_PAIR_WALK unmapped: $k1 = address of the current domain's even/odd PTE pair for BadVAddr (page
# directory -> page table -> pair, docs/nucleus.md), or a branch to \unmapped when no page table covers it.
# Uses $k0/$k1 only, so it runs before any user register is saved.
        .macro  PTE_PAIR_WALK unmapped
        LOAD_CURRENT $k1
        mfc0    $k0, C0_BADVADDR
        lw      $k1, THREAD_DOMAIN($k1)
        srl     $k0, $k0, PDE_SHIFT
        lw      $k1, DOMAIN_PAGE_DIR($k1)
        sll     $k0, $k0, WORD_SHIFT
        addu    $k1, $k1, $k0
        lw      $k1, 0($k1)                     # the page table, or 0
        mfc0    $k0, C0_BADVADDR
        beqz    $k1, \unmapped
        srl     $k0, $k0, PTE_PAIR_SHIFT        # (delay slot)
        andi    $k0, $k0, PTE_PAIR_MASK
        addu    $k1, $k1, $k0
        .endm

# KPUTC reg: the byte in reg to the console (nucleus messages only; clobbers $t8, $t9; local label 19). The nucleus path may
# wait for THRE: it is not portal code (§3.7 forbids loops only there).
        .macro  KPUTC reg
        lui     $t9, %hi(COM1_BASE)
19:     lbu     $t8, %lo(COM1_BASE + UART_LSR)($t9)
        andi    $t8, $t8, UART_LSR_THRE
        beqz    $t8, 19b
        nop
        sb      \reg, %lo(COM1_BASE + UART_THR)($t9)
        .endm

# WINDOW_PTE_TO half, entrylo: loads CP0 \entrylo with the PTE of the pair at $at (\half 0 even, 1 odd).
# A window page (PTE bit 31) is loaded without its mark if the current ASID's counter in the page's
# WindowAccess (window_access + k * WINDOW_ACCESS_SIZE, k = window page index) is > 0, else as 0
# (invalid, §5.3). Uses $k0, $k1, $v1 (refill.S parks $v1).
        .macro  WINDOW_PTE_TO half, entrylo
        lw      $k1, (\half * PTE_SIZE)($at)
        bgez    $k1, 2f                         # not a window page: load it as it is
        mfc0    $k0, C0_BADVADDR                # (delay slot)
        srl     $k0, $k0, PAGE_SHIFT + 1
        sll     $k0, $k0, 1
        addiu   $k0, $k0, \half                 # the page number of this half
        li      $v1, WINDOW_VA_BASE >> PAGE_SHIFT
        subu    $k0, $k0, $v1                   # k, the window page index
        sltiu   $v1, $k0, WINDOW_PAGES
        beqz    $v1, 1f                         # a window mark outside the window region: never loaded
        sll     $k0, $k0, WINDOW_ACCESS_SHIFT   # (delay slot)
        mfc0    $v1, C0_ENTRYHI
        andi    $v1, $v1, ENTRYHI_ASID_MASK
        sll     $v1, $v1, WINDOW_ACCESS_COUNT_SHIFT
        addu    $k0, $k0, $v1
        lui     $v1, %hi(window_access)
        addu    $k0, $k0, $v1
        lhu     $k0, %lo(window_access + WINDOW_ACCESS_COUNT)($k0) # WindowAccess[k].COUNT[ASID]
        beqz    $k0, 1f
        sll     $k1, $k1, 1                     # (delay slot) drop the window mark...
        b       2f
        srl     $k1, $k1, 1                     # ...(delay slot) leaving the EntryLo value
1:      move    $k1, $zero                      # no access: an invalid entry
2:      mtc0    $k1, \entrylo
        .endm

# A fault frame (INVFRAME_KIND_FAULT) keeps the fault's Cause and BadVAddr in the REGS slots of $k0/$k1,
# which no frame saves (user code may not rely on them, docs/abi.md).
        .equ    FAULTFRAME_CAUSE, INVFRAME_REGS + (GPR_K0 << INVFRAME_REGS_SHIFT)
        .equ    FAULTFRAME_BADVADDR, INVFRAME_REGS + (GPR_K1 << INVFRAME_REGS_SHIFT)

# RESTORE_AT_V1: the user's $at and $v1 back from refill_save (uses $k0).
        .macro  RESTORE_AT_V1
        lui     $k0, %hi(refill_save)
        lw      $at, %lo(refill_save)($k0)
        lw      $v1, %lo(refill_save + 4)($k0)
        .endm

# CTX_SAVE epc_skip: pushes an interrupt frame (INVFRAME_KIND_INTERRUPT) holding the whole user context on
# the invocation stack of the Thread in $k1 (§5.1): every GPR but $zero/$k0/$k1, HI, LO, Status, and
# EPC + \epc_skip (0 for an interrupt, 4 past a syscall). Room is guaranteed: portal calls stop at
# THREAD_INVSTACK_LIMIT, one frame before the end (docs/nucleus.md). Leaves $k0 = the frame, the nucleus
# in kernel mode (NUCLEUS_STATUS) and $sp on the thread's interrupt stack.
        .macro  CTX_SAVE epc_skip
        lw      $k0, THREAD_INVSP($k1)
        .irp    r, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31
        sw      $\r, INVFRAME_REGS + (\r << INVFRAME_REGS_SHIFT)($k0)
        .endr
        mfhi    $t0
        sw      $t0, INVFRAME_HI($k0)
        mflo    $t0
        sw      $t0, INVFRAME_LO($k0)
        mfc0    $t0, C0_EPC
        addiu   $t0, $t0, \epc_skip
        sw      $t0, INVFRAME_EPC($k0)
        mfc0    $t0, C0_STATUS
        sw      $t0, INVFRAME_STATUS($k0)
        li      $t0, INVFRAME_KIND_INTERRUPT
        sw      $t0, INVFRAME_KIND($k0)
        lui     $t0, %hi(intr_return)
        addiu   $t0, $t0, %lo(intr_return)
        sw      $t0, INVFRAME_RETURN_PORTAL($k0)
        addiu   $t0, $k0, INVFRAME_SIZE
        sw      $t0, THREAD_INVSP($k1)
        li      $t0, NUCLEUS_STATUS
        mtc0    $t0, C0_STATUS
        lw      $sp, THREAD_INTSTACK($k1)
        .endm
