#include "nucleus.h"
# domains.S - boot, part two: the domains, their page tables, stack queues and threads from the BootDomain
# records, and the boot portals (boot.S calls boot_domains and boot_portals; its boot_* stubs report bad
# records as panics). Registers: anything (no user context exists yet).

        .text
# boot_domains: for each BootDomain d: Domain d (ASID d + 1), its portal table with the standard portals,
# its page directory and tables from the mapping records, its stack queue, and Thread d with an initial
# interrupt frame that "returns" to the entry point in user mode.
# s0 BootInfo, s1 count, s2 d, s3 BootDomain, s4 Domain, s5 Thread, s6 portal table, s7 invocation stack.
        .globl  boot_domains
boot_domains:
        move    $fp, $ra
        li      $s0, BOOTINFO_BASE
        lw      $t0, BOOTINFO_MAGIC($s0)
        li      $t1, BOOTINFO_MAGIC_VALUE
        bne     $t0, $t1, boot_bad_magic
        lw      $s1, BOOTINFO_DOMAIN_COUNT($s0) # (delay slot)
        sltiu   $t0, $s1, MAX_DOMAINS + 1
        beqz    $t0, boot_too_many_domains
        nop
        la      $t0, nucleus_domain_count
        sw      $s1, 0($t0)
        lw      $s3, BOOTINFO_DOMAINS($s0)
        move    $s2, $zero
domain_loop:
        beq     $s2, $s1, domains_done
        sll     $t0, $s2, DOMAIN_SHIFT          # (delay slot)
        la      $s4, nucleus_domains
        addu    $s4, $s4, $t0
        sw      $s2, DOMAIN_ID($s4)
        addiu   $t0, $s2, 1
        sw      $t0, DOMAIN_ASID($s4)           # §5.2: a unique ASID per domain, never 0
        sll     $t0, $s2, PORTAL_TABLE_SHIFT
        la      $s6, nucleus_portal_tables
        addu    $s6, $s6, $t0
        sw      $s6, DOMAIN_PORTAL_TABLE($s4)
        li      $t0, DOMAIN_STATE_LIVE
        sw      $t0, DOMAIN_STATE($s4)
        li      $t0, 1
        sw      $t0, DOMAIN_LIVE_THREADS($s4)
        li      $t0, DOMAIN_NAME_COUNT          # the name, byte by byte
        addiu   $t1, $s3, BOOTDOM_NAME
        addiu   $t2, $s4, DOMAIN_NAME
1:      lbu     $t3, 0($t1)
        sb      $t3, 0($t2)
        addiu   $t1, $t1, 1
        addiu   $t0, $t0, -1
        bnez    $t0, 1b
        addiu   $t2, $t2, 1                     # (delay slot)
        la      $t0, std_portals                # the standard portals
        la      $t1, std_portals_end
2:      lw      $t2, 0($t0)
        lw      $t3, 4($t0)
        sll     $t2, $t2, PORTAL_ENTRY_SHIFT
        addu    $t2, $t2, $s6
        sw      $t3, PORTAL_ENTRY_CODE($t2)
        addiu   $t0, $t0, 8
        bne     $t0, $t1, 2b
        nop
        jal     boot_alloc_page                 # the page directory
        nop
        sw      $v0, DOMAIN_PAGE_DIR($s4)
        jal     boot_mappings
        nop
        jal     boot_stack_queue
        nop
        jal     boot_thread
        nop
        addiu   $s2, $s2, 1
        b       domain_loop
        addiu   $s3, $s3, BOOTDOM_SIZE          # (delay slot)
domains_done:
        jr      $fp
        nop

# boot_mappings: the PTEs of BootDomain $s3 into Domain $s4's page tables (a PTE is the EntryLo value:
# PFN << PTE_PFN_SHIFT | flags, docs/nucleus.md). $t0..$t7, calls boot_alloc_page ($t8, $t9, $v0, $v1).
boot_mappings:
        move    $s7, $ra
        lw      $t0, BOOTDOM_MAPPING_COUNT($s3)
        lw      $t1, BOOTDOM_MAPPINGS($s3)
1:      beqz    $t0, 3f
        nop
        lw      $t2, BOOTMAP_VA($t1)
        bltz    $t2, boot_bad_mapping           # not in kuseg
        srl     $t3, $t2, PDE_SHIFT             # (delay slot)
        sll     $t3, $t3, WORD_SHIFT
        lw      $t4, DOMAIN_PAGE_DIR($s4)
        addu    $t3, $t3, $t4                   # the directory slot
        lw      $t4, 0($t3)
        bnez    $t4, 2f
        nop
        jal     boot_alloc_page                 # a new page table
        nop
        sw      $v0, 0($t3)
        move    $t4, $v0
2:      srl     $t5, $t2, PAGE_SHIFT
        andi    $t5, $t5, PTE_INDEX_MASK
        sll     $t5, $t5, WORD_SHIFT
        addu    $t5, $t5, $t4
        lw      $t6, BOOTMAP_PA($t1)
        srl     $t6, $t6, PAGE_SHIFT
        sll     $t6, $t6, PTE_PFN_SHIFT
        lw      $t7, BOOTMAP_FLAGS($t1)
        li      $t8, BOOTMAP_FLAG_WINDOW_OWNER
        and     $t9, $t7, $t8
        beqz    $t9, 4f
        xor     $t7, $t7, $t9                   # (delay slot) the owner mark is no PTE bit
        li      $t8, WINDOW_VA_BASE             # the owner's permanent count (§5.3): COUNT[ASID] = 1
        subu    $t9, $t2, $t8
        srl     $t9, $t9, PAGE_SHIFT            # k
        sltiu   $t8, $t9, WINDOW_PAGES
        beqz    $t8, boot_bad_window
        sll     $t9, $t9, WINDOW_ACCESS_SHIFT   # (delay slot)
        lw      $t8, DOMAIN_ASID($s4)
        sll     $t8, $t8, WINDOW_ACCESS_COUNT_SHIFT
        addu    $t9, $t9, $t8
        la      $t8, window_access
        addu    $t9, $t9, $t8
        li      $t8, 1
        sh      $t8, WINDOW_ACCESS_COUNT($t9)
4:      or      $t6, $t6, $t7
        sw      $t6, 0($t5)
        addiu   $t1, $t1, BOOTMAP_SIZE
        b       1b
        addiu   $t0, $t0, -1                    # (delay slot)
3:      jr      $s7
        nop

# boot_stack_queue: BootDomain $s3's stacks become StackDescriptors on Domain $s4's queue. Stack mappings
# are global (G): they are only ever loaded into TLB entry 0 (docs/nucleus.md "TLB").
boot_stack_queue:
        lw      $t0, BOOTDOM_STACK_COUNT($s3)
        lw      $t1, BOOTDOM_STACKS($s3)
        la      $t5, stackdesc_next
1:      beqz    $t0, 2f
        nop
        lw      $t2, 0($t5)
        sltiu   $t3, $t2, MAX_STACKS
        beqz    $t3, boot_too_many_stacks
        addiu   $t3, $t2, 1                     # (delay slot)
        sw      $t3, 0($t5)
        sll     $t2, $t2, STACKDESC_SHIFT
        la      $t3, nucleus_stackdescs
        addu    $t2, $t2, $t3
        lw      $t3, BOOTSTACK_LO0($t1)
        ori     $t3, $t3, PTE_G_MASK
        sw      $t3, STACKDESC_LO0($t2)
        lw      $t3, BOOTSTACK_LO1($t1)
        ori     $t3, $t3, PTE_G_MASK
        sw      $t3, STACKDESC_LO1($t2)
        lw      $t3, DOMAIN_STACK_QUEUE($s4)
        sw      $t3, STACKDESC_NEXT($t2)
        sw      $t2, DOMAIN_STACK_QUEUE($s4)
        addiu   $t1, $t1, BOOTSTACK_SIZE
        b       1b
        addiu   $t0, $t0, -1                    # (delay slot)
2:      jr      $ra
        nop

# boot_thread: Thread $s2 in Domain $s4 (portal table $s6): its stacks, and an initial interrupt frame
# whose ERET starts the entry point in user mode with the ABI's initial registers (docs/abi.md):
# $sp = USER_STACK_TOP, $ra = the return trampoline, $t9 = the entry, everything else 0.
boot_thread:
        sll     $t0, $s2, THREAD_SHIFT
        la      $s5, nucleus_threads
        addu    $s5, $s5, $t0
        sw      $s6, THREAD_PORTAL_TABLE($s5)
        sw      $s4, THREAD_DOMAIN($s5)
        sw      $s4, THREAD_HOME_DOMAIN($s5)
        sw      $s2, THREAD_ID($s5)
        li      $t0, THREAD_STATE_RUNNABLE
        sw      $t0, THREAD_STATE($s5)
        lw      $t0, BOOTDOM_USER_STACK_LO0($s3)
        ori     $t0, $t0, PTE_G_MASK
        sw      $t0, THREAD_STACK_LO0($s5)
        lw      $t0, BOOTDOM_USER_STACK_LO1($s3)
        ori     $t0, $t0, PTE_G_MASK
        sw      $t0, THREAD_STACK_LO1($s5)
        li      $t0, INTSTACK_SIZE              # interrupt stack: top of slot s2
        addiu   $t1, $s2, 1
        multu   $t1, $t0
        mflo    $t1
        la      $t0, nucleus_intstacks
        addu    $t1, $t1, $t0
        sw      $t1, THREAD_INTSTACK($s5)
        li      $t0, INVSTACK_SIZE              # invocation stack: slot s2
        multu   $s2, $t0
        mflo    $s7
        la      $t0, nucleus_invstacks
        addu    $s7, $s7, $t0
        sw      $s7, THREAD_INVSTACK_BASE($s5)
        addiu   $t0, $s7, INVSTACK_SIZE - INVFRAME_SIZE
        sw      $t0, THREAD_INVSTACK_LIMIT($s5) # portal calls keep the last frame for an interrupt
        move    $t0, $s7                        # the initial frame, zeroed
        addiu   $t1, $s7, INVFRAME_SIZE
1:      sw      $zero, 0($t0)
        addiu   $t0, $t0, 4
        bne     $t0, $t1, 1b
        nop
        la      $t0, intr_return
        sw      $t0, INVFRAME_RETURN_PORTAL($s7)
        li      $t0, INVFRAME_KIND_INTERRUPT
        sw      $t0, INVFRAME_KIND($s7)
        lw      $t0, BOOTDOM_ENTRY($s3)
        sw      $t0, INVFRAME_EPC($s7)
        sw      $t0, INVFRAME_REGS + (GPR_T9 << INVFRAME_REGS_SHIFT)($s7)
        li      $t0, USER_STACK_TOP
        sw      $t0, INVFRAME_REGS + (GPR_SP << INVFRAME_REGS_SHIFT)($s7)
        li      $t0, USER_VECTOR_VA
        sw      $t0, INVFRAME_REGS + (GPR_RA << INVFRAME_REGS_SHIFT)($s7)
        li      $t0, USER_STATUS
        sw      $t0, INVFRAME_STATUS($s7)
        addiu   $t0, $s7, INVFRAME_SIZE
        sw      $t0, THREAD_INVSP($s5)
        jr      $ra
        nop

# boot_portals: each BootPortal record sets one entry of one domain's table (generated portals, §4.5).
        .globl  boot_portals
boot_portals:
        li      $t5, BOOTINFO_BASE
        lw      $t0, BOOTINFO_PORTAL_COUNT($t5)
        lw      $t1, BOOTINFO_PORTALS($t5)
        la      $t5, nucleus_domain_count
        lw      $t5, 0($t5)
1:      beqz    $t0, 2f
        nop
        lw      $t2, BOOTPORTAL_DOMAIN($t1)
        sltu    $t3, $t2, $t5
        beqz    $t3, boot_bad_portal
        lw      $t3, BOOTPORTAL_INDEX($t1)      # (delay slot)
        sltiu   $t4, $t3, PORTAL_TABLE_ENTRIES
        beqz    $t4, boot_bad_portal
        sll     $t2, $t2, PORTAL_TABLE_SHIFT    # (delay slot)
        la      $t4, nucleus_portal_tables
        addu    $t2, $t2, $t4
        sll     $t3, $t3, PORTAL_ENTRY_SHIFT
        addu    $t2, $t2, $t3
        lw      $t4, BOOTPORTAL_CODE($t1)
        sw      $t4, PORTAL_ENTRY_CODE($t2)
        addiu   $t1, $t1, BOOTPORTAL_SIZE
        b       1b
        addiu   $t0, $t0, -1                    # (delay slot)
2:      jr      $ra
        nop

# boot_alloc_page: $v0 = a zeroed page of the nucleus page pool (KSEG0). Uses $v1, $t8, $t9.
boot_alloc_page:
        la      $t9, page_pool_next
        lw      $v0, 0($t9)
        li      $t8, PAGE_POOL_LIMIT
        beq     $v0, $t8, boot_pool_exhausted
        addiu   $v1, $v0, PAGE_SIZE             # (delay slot)
        sw      $v1, 0($t9)
        move    $t8, $v0
1:      sw      $zero, 0($t8)
        addiu   $t8, $t8, 4
        bne     $t8, $v1, 1b
        nop
        jr      $ra
        nop

        .data
        .balign 4
# The standard portals of every domain: (index, code) pairs (docs/nucleus.md "Standard portals").
std_portals:
        .word   PORTAL_RETURN, portal_return_dispatch
        .word   PORTAL_EXIT, portal_exit
        .word   PORTAL_PUTC, portal_putc
        .word   PORTAL_HRTIME, portal_hrtime
        .word   PORTAL_NULL, portal_null
        .word   PORTAL_THREAD_ID, portal_thread_id
        .word   PORTAL_YIELD, portal_yield
        .word   PORTAL_SET_FAULT, portal_set_fault
        .word   PORTAL_FAULT_DONE, portal_fault_done
std_portals_end:
page_pool_next:
        .word   PAGE_POOL_BASE
