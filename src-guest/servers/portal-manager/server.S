# server.S - the portal-manager server (docs/portal-manager.md; Pebble §4.4, §5.2, §6.1). It runs in its
# own protection domain (slot PM_DOMAIN) in user mode. Every domain reaches it through portal PORTAL_PM
# (spec smciiiiiii: the c argument is the caller's domain, embedded by the image builder, so a caller
# cannot claim to be another domain). It builds portal code from the templates the Java generator exported
# (portal-fragments.inc), patches the install-time values, writes the code into its window of the
# physically contiguous portal code area, has the nucleus write back the D-cache and invalidate the
# I-cache for those lines and install the entry (the rights portals of rights.S, present only in this
# domain's table).
#
# Request (docs/portal-manager.md "Requests"): $a0 = caller domain (the portal's constant), $a1 = op |
# flags, $a2/$a3/$t0 = the spec string (12 bytes, NUL padded, first character in the top byte of $a2),
# $t1 = table domain << 16 | portal index, $t2 = entry, $t3 = the c value.
# Result: $v0 = KSEG0 address of the new portal's code, or a negative PM_ERR_* code.
        .include "pebble.inc"
        .include "portal-manager.inc"
        .include "portal-fragments.inc"
        .set    noreorder
        .text
# The portal's entry: first in .text, so it is USER_TEXT_VA.
        .globl  pm_entry
pm_entry:
        addiu   $sp, $sp, -48                   # m portal: the callee keeps the C convention (§4.4)
        sw      $ra, 0($sp)
        sw      $s0, 4($sp)
        sw      $s1, 8($sp)
        sw      $s2, 12($sp)
        sw      $s3, 16($sp)
        sw      $s4, 20($sp)
        sw      $s5, 24($sp)
        sw      $s6, 28($sp)
        sw      $s7, 32($sp)
        andi    $t4, $a1, PM_OP_MASK
        li      $t5, PM_OP_CREATE
        beq     $t4, $t5, 1f
        move    $s0, $a0                        # (delay) $s0 = table domain: the caller's own table
        li      $t5, PM_OP_CREATE_CHILD
        beq     $t4, $t5, 1f
        srl     $s0, $t1, 16                    # (delay) $s0 = table domain: the named child's
        li      $t5, PM_OP_NOTIFY
        beq     $t4, $t5, pm_notify_register
        nop
        b       pm_done
        li      $v0, PM_ERR_OP
1:      andi    $s1, $t1, 0xFFFF                # $s1 = portal index
        move    $s2, $a0                        # $s2 = the callee: the caller, who chose its own entry point
        andi    $s3, $a1, PM_FLAGS_MASK         # $s3 = flags
        jal     pm_create
        nop
pm_done:
        lw      $ra, 0($sp)
        lw      $s0, 4($sp)
        lw      $s1, 8($sp)
        lw      $s2, 12($sp)
        lw      $s3, 16($sp)
        lw      $s4, 20($sp)
        lw      $s5, 24($sp)
        lw      $s6, 28($sp)
        lw      $s7, 32($sp)
        jr      $ra
        addiu   $sp, $sp, 48

# pm_notify_register: portal_notify(entry $t2) for the caller $a0 (§6.1): the manager makes itself a
# portal (spec PM_NOTIFY_SPEC) into the caller at entry, at PM_NOTIFY_BASE + caller in its own table, and
# remembers that the caller wants notifications.
pm_notify_register:
        move    $s0, $a0                        # keep the caller
        lui     $t4, %hi(PM_NOTIFY_SPEC0)
        ori     $a2, $t4, %lo(PM_NOTIFY_SPEC0)
        lui     $t4, %hi(PM_NOTIFY_SPEC1)
        ori     $a3, $t4, %lo(PM_NOTIFY_SPEC1)
        move    $t0, $zero
        move    $t3, $zero
        move    $s2, $a0                        # callee: the caller
        addiu   $s1, $a0, PM_NOTIFY_BASE        # index in the manager's table
        li      $s3, PM_FLAG_NO_NOTIFY
        li      $s4, PM_DOMAIN
        jal     pm_create_in
        nop
        li      $t5, PM_ERR_LOWEST              # results are KSEG0 addresses (negative as signed) or errors
        sltu    $t4, $v0, $t5
        beqz    $t4, pm_done
        nop
        la      $t4, pm_notify_wanted
        addu    $t4, $t4, $s0
        li      $t5, 1
        sb      $t5, 0($t4)
        b       pm_done
        move    $v0, $zero

# pm_create: builds and installs a portal. $s0 = table domain, $s1 = index, $s2 = callee domain, $s3 =
# flags; $a2/$a3/$t0 = spec, $t2 = entry, $t3 = the c value. Returns $v0. Clobbers $s4..$s7, t and a regs.
pm_create:
        move    $s4, $s0
pm_create_in:                                   # $s4 = table domain
        addiu   $sp, $sp, -8
        sw      $ra, 0($sp)
        li      $t4, PM_MAX_DOMAINS             # the nucleus checks the domain exists when it installs
        sltu    $t4, $s4, $t4
        beqz    $t4, pm_return
        li      $v0, PM_ERR_DOMAIN
        addiu   $t4, $s1, -PORTAL_FIRST_USER    # user indexes only: the nucleus's portals stay
        sltiu   $t4, $t4, PORTAL_TABLE_ENTRIES - PORTAL_FIRST_USER
        beqz    $t4, pm_return
        li      $v0, PM_ERR_INDEX
        la      $t4, pm_spec
        sw      $a2, 0($t4)
        sw      $a3, 4($t4)
        jal     pm_parse
        sw      $t0, 8($t4)
        bltz    $v0, pm_return
        nop
        jal     pm_values
        nop
        jal     pm_build
        nop
        bltz    $v0, pm_return
        nop
        move    $s5, $v0                        # $s5 = user VA of the code, $s6 = its size (pm_build)
        andi    $t4, $s3, PM_FLAG_NO_SYNC
        bnez    $t4, 3f                         # the test of docs/portal-manager.md: stale code shows
        nop
        # write back the D-cache and invalidate the I-cache line by line (§5.2: "careful memory
        # allocation and cache flushes"); the nucleus does the privileged part, one line per call
        li      $t4, -PM_LINE_BYTES
        and     $s7, $s5, $t4
        addu    $t5, $s5, $s6                   # end
2:      move    $a0, $s7
        li      $v0, PM_RIGHT_SYNC_LINE
        syscall
        bltz    $v0, pm_return
        addiu   $s7, $s7, PM_LINE_BYTES
        addu    $t5, $s5, $s6
        sltu    $t4, $s7, $t5
        bnez    $t4, 2b
        nop
3:      move    $a0, $s4
        move    $a1, $s1
        move    $a2, $s5
        li      $v0, PM_RIGHT_INSTALL
        syscall
        bltz    $v0, pm_return
        nop
        # the code area advances only once the portal is installed
        addu    $t4, $s5, $s6
        addiu   $t4, $t4, PM_LINE_BYTES - 1
        li      $t5, -PM_LINE_BYTES
        and     $t4, $t4, $t5
        la      $t5, pm_next
        sw      $t4, 0($t5)
        # portal_notify (§6.1): tell the table's owner, before this request returns
        andi    $t4, $s3, PM_FLAG_NO_NOTIFY
        bnez    $t4, 4f
        la      $t4, pm_notify_wanted
        addu    $t4, $t4, $s4
        lbu     $t4, 0($t4)
        beqz    $t4, 4f
        nop
        la      $t4, pm_spec
        lw      $a2, 0($t4)
        lw      $a3, 4($t4)
        lw      $t0, 8($t4)
        move    $a0, $s4                        # notify(domain, index, spec)
        move    $a1, $s1
        addiu   $v0, $s4, PM_NOTIFY_BASE
        syscall
4:      li      $t4, PM_CODE_KSEG0 - PM_CODE_VA
        addu    $v0, $s5, $t4                   # the code's KSEG0 address
pm_return:
        lw      $ra, 0($sp)
        jr      $ra
        addiu   $sp, $sp, 8

# pm_parse: the spec string at pm_spec (docs/portal-spec.md: grammar and limits) into pm_stack, pm_state,
# pm_window (-1: none), pm_nargs and pm_kinds (one byte per argument: PM_KIND_*). $v0 = 0, or
# PM_ERR_SPEC for any malformed spec (the host names the column; the guest returns one code). Leaf.
pm_parse:
        la      $t4, pm_spec
        lbu     $t5, 0($t4)                     # stack kind
        li      $t6, 's'
        beq     $t5, $t6, 1f
        move    $t7, $zero
        li      $t6, 'n'
        bne     $t5, $t6, pm_parse_bad
        li      $t7, 1
1:      sw      $t7, pm_stack - pm_spec($t4)
        lbu     $t5, 1($t4)                     # saved-state kind
        li      $t6, 'm'
        beq     $t5, $t6, 2f
        move    $t7, $zero
        li      $t6, 'p'
        bne     $t5, $t6, pm_parse_bad
        li      $t7, 1
2:      sw      $t7, pm_state - pm_spec($t4)
        li      $t7, -1
        sw      $t7, pm_window - pm_spec($t4)
        move    $t8, $zero                      # arguments so far
3:      addu    $t9, $t4, $t8
        lbu     $t5, 2($t9)
        beqz    $t5, 9f                         # NUL: the end
        sltiu   $t6, $t8, PT_MAX_ARGUMENTS
        beqz    $t6, pm_parse_bad               # a 9th argument (this also bounds the 12-byte buffer)
        li      $t6, 'i'
        beq     $t5, $t6, 8f
        li      $t7, PM_KIND_WORD
        li      $t6, 'c'
        beq     $t5, $t6, 8f
        li      $t7, PM_KIND_CONSTANT
        li      $t6, '='
        beq     $t5, $t6, 8f
        li      $t7, PM_KIND_OWN_INDEX
        li      $t6, 'w'
        bne     $t5, $t6, pm_parse_bad
        li      $t7, PM_KIND_WINDOW
        lw      $t6, pm_window - pm_spec($t4)
        bgez    $t6, pm_parse_bad               # a second window
        nop
        sw      $t8, pm_window - pm_spec($t4)
8:      la      $t9, pm_kinds
        addu    $t9, $t9, $t8
        sb      $t7, 0($t9)
        b       3b
        addiu   $t8, $t8, 1
9:      sw      $t8, pm_nargs - pm_spec($t4)
        jr      $ra
        move    $v0, $zero
pm_parse_bad:
        jr      $ra
        li      $v0, PM_ERR_SPEC

# pm_values: the install-time values (PT_VALUE_*) of a portal into domain $s2 at index $s1 with entry $t2
# and c value $t3, as pebble.r5k.portal.gen.NucleusBinding computes them. Leaf.
pm_values:
        la      $t4, pm_vals
        sll     $t5, $s2, PM_DOMAIN_SHIFT
        li      $t6, PM_DOMAINS
        addu    $t5, $t5, $t6
        sw      $t5, PT_VALUE_CALLEE_DOMAIN * 4($t4)
        sll     $t5, $s2, PM_PORTAL_TABLE_SHIFT
        li      $t6, PM_PORTAL_TABLES
        addu    $t5, $t5, $t6
        sw      $t5, PT_VALUE_CALLEE_PORTAL_TABLE * 4($t4)
        addiu   $t5, $s2, PM_ASID_OF_DOMAIN_0
        sw      $t5, PT_VALUE_CALLEE_ASID * 4($t4)
        sll     $t5, $t5, PM_WINDOW_COUNTER_SHIFT
        addiu   $t5, $t5, PM_WINDOW_COUNTER_BASE
        sw      $t5, PT_VALUE_CALLEE_WINDOW_COUNTER * 4($t4)
        sw      $t2, PT_VALUE_ENTRY * 4($t4)
        sw      $t3, PT_VALUE_CONSTANT * 4($t4)
        sw      $s1, PT_VALUE_OWN_INDEX * 4($t4)
        li      $t5, PM_WINDOW_ACCESS
        sw      $t5, PT_VALUE_WINDOW_ACCESS_TABLE * 4($t4)
        li      $t5, PM_PORTAL_FAULT
        sw      $t5, PT_VALUE_PORTAL_FAULT * 4($t4)
        li      $t5, PM_STACK_WAIT
        jr      $ra
        sw      $t5, PT_VALUE_STACK_WAIT * 4($t4)

# pm_build: copies the fragments of the parsed spec to the next free place of the code window (head,
# one fragment per c or = argument, tail, return; PortalTemplates.compose is the same algorithm on the
# host), then applies every fixup. $v0 = user VA of the code (or PM_ERR_FULL), $s6 = its size in bytes.
# Clobbers $s7 (its return address: pm_patch is called with jal).
pm_build:
        move    $s7, $ra
        la      $v0, pm_spec                    # base of the request's scratch data
        # the fragment list: pm_frags holds descriptor addresses, pm_bases their byte offsets
        la      $t4, pm_frags
        lw      $t5, pm_stack - pm_spec($v0)
        lw      $t6, pm_state - pm_spec($v0)
        sll     $t5, $t5, 1
        addu    $t5, $t5, $t6                   # (n ? 2 : 0) + (p ? 1 : 0)
        li      $t7, PT_WINDOW_VARIANTS
        mult    $t5, $t7
        mflo    $t7
        lw      $t8, pm_window - pm_spec($v0)
        addu    $t7, $t7, $t8
        addiu   $t7, $t7, 1
        sll     $t7, $t7, PT_DESC_SHIFT
        la      $t8, pt_call_heads
        addu    $t7, $t7, $t8
        sw      $t7, 0($t4)                     # the head
        addiu   $t4, $t4, 4
        move    $t8, $zero                      # argument position
        lw      $t9, pm_nargs - pm_spec($v0)
1:      beq     $t8, $t9, 3f
        la      $t7, pm_kinds
        addu    $t7, $t7, $t8
        lbu     $t7, 0($t7)
        li      $v1, PM_KIND_CONSTANT
        beq     $t7, $v1, 2f
        move    $v1, $zero                      # (delay) fragment kind 0: c
        li      $v1, PM_KIND_OWN_INDEX
        bne     $t7, $v1, 5f                    # i and w emit no code
        li      $v1, PT_MAX_ARGUMENTS           # (delay) fragment kind 1: =
2:      addu    $v1, $v1, $t8
        sll     $v1, $v1, PT_DESC_SHIFT
        la      $t7, pt_call_arguments
        addu    $v1, $v1, $t7
        sw      $v1, 0($t4)
        addiu   $t4, $t4, 4
5:      b       1b
        addiu   $t8, $t8, 1
3:      lw      $t5, pm_stack - pm_spec($v0)
        sll     $t7, $t5, PT_DESC_SHIFT
        la      $t8, pt_call_tails
        addu    $t7, $t7, $t8
        sw      $t7, 0($t4)                     # the tail
        move    $a1, $t4                        # where the tail's descriptor is
        lw      $t6, pm_state - pm_spec($v0)
        sll     $t5, $t5, 1
        addu    $t5, $t5, $t6
        sll     $t5, $t5, 1
        lw      $t6, pm_window - pm_spec($v0)
        slt     $t6, $t6, $zero
        xori    $t6, $t6, 1
        addu    $t5, $t5, $t6                   # ((n ? 2 : 0) + (p ? 1 : 0)) * 2 + window
        sll     $t5, $t5, PT_DESC_SHIFT
        la      $t8, pt_returns
        addu    $t5, $t5, $t8
        sw      $t5, 4($t4)                     # the return portal
        sw      $zero, 8($t4)                   # end of the list
        # the offset of every fragment, and the total size
        la      $t4, pm_frags
        la      $t5, pm_bases
        move    $s6, $zero
4:      lw      $t6, 0($t4)
        beqz    $t6, 6f
        nop
        sw      $s6, 0($t5)
        bne     $t4, $a1, 8f
        nop
        move    $a2, $s6                        # $a2 = the tail's offset
8:      lw      $t7, PT_DESC_WORD_COUNT($t6)
        sll     $t7, $t7, 2
        addu    $s6, $s6, $t7
        addiu   $t4, $t4, 4
        b       4b
        addiu   $t5, $t5, 4
6:      lw      $a0, pm_next - pm_spec($v0)     # $a0 = the code's user VA
        addu    $t7, $a0, $s6
        li      $t8, PM_CODE_VA + PM_CODE_BYTES
        sltu    $t7, $t8, $t7
        bnez    $t7, 30f
        nop
        # the return portal is the last fragment: its KSEG0 address is a value of the call code
        lw      $t6, -4($t5)
        addu    $t6, $t6, $a0
        li      $t7, PM_CODE_KSEG0 - PM_CODE_VA
        addu    $t6, $t6, $t7
        sw      $t6, pm_vals - pm_spec + PT_VALUE_RETURN_PORTAL * 4($v0)
        # copy, then patch, each fragment
        la      $t4, pm_frags
        la      $t5, pm_bases
10:     lw      $t6, 0($t4)
        beqz    $t6, 20f
        nop
        lw      $a3, 0($t5)
        addu    $a3, $a3, $a0                   # $a3 = the fragment's user VA
        lw      $t7, PT_DESC_WORDS($t6)
        lw      $t8, PT_DESC_WORD_COUNT($t6)
        move    $t9, $a3
11:     beqz    $t8, 12f
        nop
        lw      $v1, 0($t7)
        sw      $v1, 0($t9)
        addiu   $t7, $t7, 4
        addiu   $t9, $t9, 4
        b       11b
        addiu   $t8, $t8, -1
12:     lw      $t7, PT_DESC_FIXUPS($t6)
        lw      $t8, PT_DESC_FIXUP_COUNT($t6)
13:     beqz    $t8, 19f
        nop
        jal     pm_patch
        nop
        addiu   $t7, $t7, PT_FIXUP_SIZE
        b       13b
        addiu   $t8, $t8, -1
19:     addiu   $t4, $t4, 4
        b       10b
        addiu   $t5, $t5, 4
20:     jr      $s7
        move    $v0, $a0
30:     jr      $s7
        li      $v0, PM_ERR_FULL

# pm_patch: applies the fixup at $t7 to the fragment at user VA $a3; $a0 = the portal's user VA, $a2 =
# the tail's offset. The field semantics are emulator-core asm.Linker's (PortalPatcher on the host): %hi
# adds 0x8000 first (the carry the sign of %lo takes back), %lo and fields are the low 16 bits, a jump's
# field is the address >> 2, a branch counts words from its delay slot. Leaf; uses $at, $v1, $t6, $t9, $a1.
pm_patch:
        .set    noat
        lhu     $v1, PT_FIXUP_OFFSET($t7)
        addu    $t9, $a3, $v1                   # the word's user VA
        lbu     $t6, PT_FIXUP_KIND($t7)
        lw      $at, PT_FIXUP_ADDEND($t7)
        li      $v1, PT_FIX_TAIL_BRANCH16
        bne     $t6, $v1, 1f
        nop
        addu    $at, $at, $a2
        addu    $at, $at, $a0                   # the target's user VA
        subu    $at, $at, $t9
        addiu   $at, $at, -4                    # bytes from the delay slot
        sra     $at, $at, 2
        b       9f
        andi    $at, $at, 0xFFFF
1:      lbu     $v1, PT_FIXUP_VALUE($t7)
        sll     $v1, $v1, 2
        la      $a1, pm_vals
        addu    $v1, $v1, $a1
        lw      $v1, 0($v1)
        addu    $at, $at, $v1                   # value + addend
        li      $v1, PT_FIX_ABS26
        bne     $t6, $v1, 2f
        nop
        srl     $at, $at, 2
        lui     $v1, 0x03FF
        ori     $v1, $v1, 0xFFFF
        b       9f
        and     $at, $at, $v1
2:      li      $v1, PT_FIX_HI16
        bne     $t6, $v1, 3f
        nop
        ori     $v1, $zero, 0x8000
        addu    $at, $at, $v1
        b       9f
        srl     $at, $at, 16
3:      andi    $at, $at, 0xFFFF                # LO16, FIELD16
9:      lw      $v1, 0($t9)
        or      $v1, $v1, $at
        sw      $v1, 0($t9)
        jr      $ra
        nop
        .set    at

# The main thread has nothing to do: requests arrive through the portal, which stays callable after the
# thread exits (the domain's memory and tables remain).
        .globl  _start
_start:
        EXIT    0

        .data
        .balign 4
pm_spec:                                        # the request's spec string, 12 bytes NUL padded
        .space  12
pm_stack:       .word   0                       # 1: n
pm_state:       .word   0                       # 1: p
pm_window:      .word   0                       # window position, -1: none
pm_nargs:       .word   0
pm_next:        .word   PM_CODE_VA              # next free byte of the code window (line aligned)
pm_kinds:       .space  PT_MAX_ARGUMENTS        # PM_KIND_* per argument
        .balign 4
pm_vals:        .space  PT_VALUE_COUNT * 4      # the install-time values, by PT_VALUE_*
pm_frags:       .space  (PT_MAX_ARGUMENTS + 4) * 4      # descriptor addresses, 0-terminated
pm_bases:       .space  (PT_MAX_ARGUMENTS + 4) * 4      # their byte offsets in the portal
pm_notify_wanted:                               # per domain: 1 once it called portal_notify
        .space  PM_MAX_DOMAINS
