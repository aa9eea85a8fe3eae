# rights.S - the portal manager's two rights, as nucleus short-circuit portals (§4.3) that the image
# builder places in the portal code area and installs in the portal manager's portal table only: holding
# the table entry is the capability (docs/portal-manager.md "Rights"). They run as every portal does
# (EXL = 1, so kernel mode: CACHE and KSEG0 stores work; $k1 = Thread, EPC = the syscall; $k0, $at, $v1,
# $t4..$t9 free), check every argument, contain no loops (§3.7), and return to EPC + 4 with $v0 = 0 or
# PM_ERR_DENIED. The builder puts the .equ lines of the nucleus symbols and the manager's constants first.
        .include "nucleus-layout.inc"
        .include "cp0.inc"
#include "cp0-regs.h"
        .set    noreorder
        .set    noat
        .text
# PM_RIGHT_SYNC_LINE ($a0 = user VA of a line in the manager's code window): write the D-cache line back
# and invalidate the I-cache line, through the KSEG0 alias (the window is mapped congruent with it
# modulo the 16 KB cache index, so both name the same line; docs/caches.md). §5.2: "careful memory
# allocation and cache flushes".
        .globl  pm_sync_line
pm_sync_line:
        lui     $t4, %hi(PM_CODE_VA)
        addiu   $t4, $t4, %lo(PM_CODE_VA)
        subu    $t4, $a0, $t4                   # offset in the window
        lui     $t5, %hi(PM_CODE_BYTES)
        addiu   $t5, $t5, %lo(PM_CODE_BYTES)
        sltu    $t5, $t4, $t5                   # unsigned: below the window wraps to huge
        beqz    $t5, denied
        lui     $t5, %hi(PM_CODE_KSEG0)
        addiu   $t5, $t5, %lo(PM_CODE_KSEG0)
        addu    $t4, $t4, $t5
        cache   0x15, 0($t4)                    # Hit_Writeback_Inv_D
        cache   0x10, 0($t4)                    # Hit_Invalidate_I
        b       done
        move    $v0, $zero

# PM_RIGHT_INSTALL ($a0 = domain, $a1 = portal index, $a2 = user VA of the code in the window): entry
# $a1 of domain $a0's portal table := the code's KSEG0 address. Only user indexes, only existing domains,
# only code in the manager's window.
        .globl  pm_install
pm_install:
        lui     $t4, %hi(nucleus_domain_count)
        lw      $t4, %lo(nucleus_domain_count)($t4)
        sltu    $t4, $a0, $t4
        beqz    $t4, denied
        addiu   $t4, $a1, -PORTAL_FIRST_USER
        sltiu   $t4, $t4, PORTAL_TABLE_ENTRIES - PORTAL_FIRST_USER
        beqz    $t4, denied
        andi    $t4, $a2, 3
        bnez    $t4, denied
        lui     $t4, %hi(PM_CODE_VA)
        addiu   $t4, $t4, %lo(PM_CODE_VA)
        subu    $t4, $a2, $t4
        lui     $t5, %hi(PM_CODE_BYTES)
        addiu   $t5, $t5, %lo(PM_CODE_BYTES)
        sltu    $t5, $t4, $t5
        beqz    $t5, denied
        lui     $t5, %hi(PM_CODE_KSEG0)
        addiu   $t5, $t5, %lo(PM_CODE_KSEG0)
        addu    $t4, $t4, $t5                   # the code's KSEG0 address
        sll     $t5, $a0, PORTAL_TABLE_SHIFT
        sll     $t6, $a1, PORTAL_ENTRY_SHIFT
        addu    $t5, $t5, $t6
        lui     $t6, %hi(nucleus_portal_tables)
        addiu   $t6, $t6, %lo(nucleus_portal_tables)
        addu    $t5, $t5, $t6
        sw      $zero, PORTAL_ENTRY_SPEC($t5)
        sw      $t4, PORTAL_ENTRY_CODE($t5)
        b       done
        move    $v0, $zero

denied: li      $v0, PM_ERR_DENIED
done:   mfc0    $k0, C0_EPC
        addiu   $k0, $k0, 4
        mtc0    $k0, C0_EPC
        eret
