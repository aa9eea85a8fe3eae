#include "nucleus.h"
# boot.S - nucleus start-up (entry nucleus_boot, kernel mode, Status = 0, BEV = 0 so the vectors of
# vectors.S at 0x80000000 are live). In order: the L2 cache, the TLB, the portal tables, one domain and one
# thread per BootDomain record (BOOTINFO_BASE, written by the image builder; domains.S), the boot portals,
# then the banner line and the first thread. Boot information is checked; a bad record is a nucleus panic (the image builder's bug).
# Registers: anything (no user context exists yet); $fp keeps boot_domains' return address.

        .if     MAX_DOMAINS > MAX_THREADS
        .error  "one thread per domain at boot: MAX_THREADS must be >= MAX_DOMAINS"
        .endif

        .text
        .globl  nucleus_boot
nucleus_boot:
        mtc0    $zero, C0_STATUS                # kernel mode, EXL = ERL = IE = 0
        mtc0    $zero, C0_CAUSE                 # no software interrupt requests
        jal     boot_l2
        nop
        jal     boot_tlb
        nop
        jal     boot_portal_tables
        nop
        jal     boot_domains
        nop
        jal     boot_portals
        nop
        jal     boot_banner
        nop
        li      $t0, NUCLEUS_STATUS
        mtc0    $t0, C0_STATUS                  # EXL = 1: thread_resume ends in ERET to user mode
        j       sched_next                      # nucleus_current = 0: starts with thread 0
        nop

# boot_l2: enable the R5000's L2 (Config.SE) and invalidate all of it page by page with Page_Invalidate_S,
# as Linux does (arch/mips/mm/sc-r5k.c r5k_sc_enable: set SE, then blast_r5000_scache over the size from
# Config.SS from the start of KSEG0; ref §2.2-2.3: the L2 has only page invalidation and no dirty data).
boot_l2:
        mfc0    $t0, C0_CONFIG
        li      $t1, CONFIG_SS_MASK
        and     $t2, $t0, $t1
        srl     $t2, $t2, CONFIG_SS_SHIFT
        li      $t3, CONFIG_SS_NONE
        beq     $t2, $t3, 2f                    # no L2 on this board
        nop
        li      $t3, L2_MIN_SIZE
        sllv    $t3, $t3, $t2                   # the L2 size: 512 KB << SS
        ori     $t0, $t0, CONFIG_SE
        mtc0    $t0, C0_CONFIG
        li      $t4, NUCLEUS_BASE
        addu    $t3, $t3, $t4
1:      cache   CACHE_PAGE_INVALIDATE_S, 0($t4)
        addiu   $t4, $t4, L2_PAGE_SIZE
        bne     $t4, $t3, 1b
        nop
2:      jr      $ra
        nop

# boot_banner: one console line once boot has succeeded, "Pebble nucleus: N domain(s), L2 on|off", so a
# user sees the nucleus itself come up before any domain's output (README "What you see"). The L2 state is
# read back from Config.SE, which boot_l2 set only if the board has an L2. Not a leaf: $s0 keeps $ra.
boot_banner:
        move    $s0, $ra
        la      $a0, msg_banner
        jal     kputs
        nop
        la      $t0, nucleus_domain_count
        lw      $s1, 0($t0)
        jal     kputdec
        move    $a0, $s1                        # (delay slot)
        la      $a0, msg_banner_domain
        jal     kputs
        nop
        li      $t0, 1
        beq     $s1, $t0, 1f                    # "1 domain", else "N domains"
        li      $t0, 's'                        # (delay slot)
        KPUTC   $t0
1:      mfc0    $t0, C0_CONFIG
        andi    $t0, $t0, CONFIG_SE
        la      $a0, msg_banner_l2_on
        bnez    $t0, 2f
        nop
        la      $a0, msg_banner_l2_off
2:      jal     kputs
        nop
        jr      $s0
        nop

# boot_tlb: every entry invalid at a distinct VPN2 in KSEG0, which is never translated, so none can match
# (Linux local_flush_tlb_all / UNIQUE_ENTRYHI); Wired = 2; entry 1 = the user vector page (read-only,
# global; its odd half invalid but global too, since an entry is global only if both G bits are set, ref §3.1).
boot_tlb:
        mtc0    $zero, C0_PAGEMASK              # 4 KB pages
        mtc0    $zero, C0_ENTRYLO0
        mtc0    $zero, C0_ENTRYLO1
        move    $t0, $zero
        li      $t1, TLB_ENTRIES
        li      $t2, NUCLEUS_BASE
1:      mtc0    $t0, C0_INDEX
        mtc0    $t2, C0_ENTRYHI
        TLB_WRITE_HAZARD
        tlbwi
        addiu   $t0, $t0, 1
        bne     $t0, $t1, 1b
        addiu   $t2, $t2, 2 * PAGE_SIZE         # (delay slot) the next even/odd pair
        li      $t0, TLB_WIRED
        mtc0    $t0, C0_WIRED
        li      $t0, USER_VECTOR_VA
        mtc0    $t0, C0_ENTRYHI
        la      $t0, user_vector_page
        li      $t1, KSEG_PHYS_MASK
        and     $t0, $t0, $t1
        srl     $t0, $t0, PAGE_SHIFT
        sll     $t0, $t0, PTE_PFN_SHIFT
        ori     $t0, $t0, (PTE_C_WRITEBACK << PTE_C_SHIFT) | PTE_V_MASK | PTE_G_MASK
        mtc0    $t0, C0_ENTRYLO0
        li      $t0, PTE_G_MASK
        mtc0    $t0, C0_ENTRYLO1
        li      $t0, TLB_VECTOR_ENTRY
        mtc0    $t0, C0_INDEX
        TLB_WRITE_HAZARD
        tlbwi
        mtc0    $zero, C0_ENTRYHI
        jr      $ra
        nop

# boot_portal_tables: every entry of every portal table points at portal_invalid (docs/nucleus.md).
boot_portal_tables:
        la      $t0, nucleus_portal_tables
        li      $t1, MAX_DOMAINS * PORTAL_TABLE_ENTRIES
        la      $t2, portal_invalid
1:      sw      $t2, PORTAL_ENTRY_CODE($t0)
        sw      $zero, PORTAL_ENTRY_SPEC($t0)
        addiu   $t1, $t1, -1
        bnez    $t1, 1b
        addiu   $t0, $t0, PORTAL_ENTRY_SIZE     # (delay slot)
        jr      $ra
        nop

        .globl  boot_bad_magic
boot_bad_magic:
        la      $a0, msg_bad_magic
        j       nucleus_panic_msg
        nop
        .globl  boot_too_many_domains
boot_too_many_domains:
        la      $a0, msg_too_many_domains
        j       nucleus_panic_msg
        nop
        .globl  boot_bad_mapping
boot_bad_mapping:
        la      $a0, msg_bad_mapping
        j       nucleus_panic_msg
        nop
        .globl  boot_bad_window
boot_bad_window:
        la      $a0, msg_bad_window
        j       nucleus_panic_msg
        nop
        .globl  boot_too_many_stacks
boot_too_many_stacks:
        la      $a0, msg_too_many_stacks
        j       nucleus_panic_msg
        nop
        .globl  boot_bad_portal
boot_bad_portal:
        la      $a0, msg_bad_portal
        j       nucleus_panic_msg
        nop
        .globl  boot_pool_exhausted
boot_pool_exhausted:
        la      $a0, msg_pool_exhausted
        j       nucleus_panic_msg
        nop

        .data
msg_banner:             .asciz  "Pebble nucleus: "
msg_banner_domain:      .asciz  " domain"
msg_banner_l2_on:       .asciz  ", L2 on\n"
msg_banner_l2_off:      .asciz  ", L2 off\n"
msg_bad_magic:          .asciz  "boot info: bad magic"
msg_too_many_domains:   .asciz  "boot info: more than MAX_DOMAINS domains"
msg_bad_mapping:        .asciz  "boot info: a mapping outside kuseg"
msg_bad_window:         .asciz  "boot info: a window owner mapping outside the window region"
msg_too_many_stacks:    .asciz  "boot info: more than MAX_STACKS stack-queue stacks"
msg_bad_portal:         .asciz  "boot info: a portal record names a missing domain or an index outside the table"
msg_pool_exhausted:     .asciz  "boot: the page pool is exhausted"
