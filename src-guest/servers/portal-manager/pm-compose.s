# pm-compose.s - the portal manager's spec parser and portal builder, included by server.S. Every routine
# works on the current request's scratch at $fp (server.S, REQ_*).

# pm_parse: the spec string at REQ_SPEC (docs/portal-spec.md: grammar and limits) into REQ_STACK, REQ_STATE,
# REQ_WINDOW (-1: none), REQ_NARGS and REQ_KINDS (one byte per argument: PM_KIND_*). $v0 = 0, or
# PM_ERR_SPEC for any malformed spec (the host names the column; the guest returns one code). Leaf.
pm_parse:
        move    $t4, $fp
        lbu     $t5, REQ_SPEC($t4)                     # stack kind
        li      $t6, 's'
        beq     $t5, $t6, 1f
        move    $t7, $zero
        li      $t6, 'n'
        bne     $t5, $t6, pm_parse_bad
        li      $t7, 1
1:      sw      $t7, REQ_STACK($t4)
        lbu     $t5, REQ_SPEC + 1($t4)                     # saved-state kind
        li      $t6, 'm'
        beq     $t5, $t6, 2f
        move    $t7, $zero
        li      $t6, 'p'
        bne     $t5, $t6, pm_parse_bad
        li      $t7, 1
2:      sw      $t7, REQ_STATE($t4)
        li      $t7, -1
        sw      $t7, REQ_WINDOW($t4)
        move    $t8, $zero                      # arguments so far
3:      addu    $t9, $t4, $t8
        lbu     $t5, REQ_SPEC + 2($t9)
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
        lw      $t6, REQ_WINDOW($t4)
        bgez    $t6, pm_parse_bad               # a second window
        nop
        sw      $t8, REQ_WINDOW($t4)
8:      addiu   $t9, $fp, REQ_KINDS
        addu    $t9, $t9, $t8
        sb      $t7, 0($t9)
        b       3b
        addiu   $t8, $t8, 1
9:      sw      $t8, REQ_NARGS($t4)
        jr      $ra
        move    $v0, $zero
pm_parse_bad:
        jr      $ra
        li      $v0, PM_ERR_SPEC

# pm_values: the install-time values (PT_VALUE_*) of a portal into domain $s2 at index $s1 with entry $t2
# and c value $t3, as pebble.r5k.portal.gen.NucleusBinding computes them. Leaf.
pm_values:
        addiu   $t4, $fp, REQ_VALS
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
        # the fragment list: REQ_FRAGS holds descriptor addresses, REQ_BASES their byte offsets
        addiu   $t4, $fp, REQ_FRAGS
        lw      $t5, REQ_STACK($fp)
        lw      $t6, REQ_STATE($fp)
        sll     $t5, $t5, 1
        addu    $t5, $t5, $t6                   # (n ? 2 : 0) + (p ? 1 : 0)
        li      $t7, PT_WINDOW_VARIANTS
        mult    $t5, $t7
        mflo    $t7
        lw      $t8, REQ_WINDOW($fp)
        addu    $t7, $t7, $t8
        addiu   $t7, $t7, 1
        sll     $t7, $t7, PT_DESC_SHIFT
        la      $t8, pt_call_heads
        addu    $t7, $t7, $t8
        sw      $t7, 0($t4)                     # the head
        addiu   $t4, $t4, 4
        move    $t8, $zero                      # argument position
        lw      $t9, REQ_NARGS($fp)
1:      beq     $t8, $t9, 3f
        addiu   $t7, $fp, REQ_KINDS
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
3:      lw      $t5, REQ_STACK($fp)
        sll     $t7, $t5, PT_DESC_SHIFT
        la      $t8, pt_call_tails
        addu    $t7, $t7, $t8
        sw      $t7, 0($t4)                     # the tail
        move    $a1, $t4                        # where the tail's descriptor is
        lw      $t6, REQ_STATE($fp)
        sll     $t5, $t5, 1
        addu    $t5, $t5, $t6
        sll     $t5, $t5, 1
        lw      $t6, REQ_WINDOW($fp)
        slt     $t6, $t6, $zero
        xori    $t6, $t6, 1
        addu    $t5, $t5, $t6                   # ((n ? 2 : 0) + (p ? 1 : 0)) * 2 + window
        sll     $t5, $t5, PT_DESC_SHIFT
        la      $t8, pt_returns
        addu    $t5, $t5, $t8
        sw      $t5, 4($t4)                     # the return portal
        sw      $zero, 8($t4)                   # end of the list
        # the offset of every fragment, and the total size
        addiu   $t4, $fp, REQ_FRAGS
        addiu   $t5, $fp, REQ_BASES
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
        # reserve whole lines at pm_next with ll/sc: a preempted request (ERET clears LLbit) retries
6:      la      $t9, pm_next
        addiu   $t8, $s6, PM_LINE_BYTES - 1
        li      $t7, -PM_LINE_BYTES
        and     $t8, $t8, $t7
60:     ll      $a0, 0($t9)                     # $a0 = the code's user VA
        addu    $t7, $a0, $t8
        li      $v1, PM_CODE_VA + PM_CODE_BYTES
        sltu    $v1, $v1, $t7
        bnez    $v1, 30f
        nop
        sc      $t7, 0($t9)
        beqz    $t7, 60b
        nop
        # the return portal is the last fragment: its KSEG0 address is a value of the call code
        lw      $t6, -4($t5)
        addu    $t6, $t6, $a0
        li      $t7, PM_CODE_KSEG0 - PM_CODE_VA
        addu    $t6, $t6, $t7
        sw      $t6, REQ_VALS + PT_VALUE_RETURN_PORTAL * 4($fp)
        # copy, then patch, each fragment
        addiu   $t4, $fp, REQ_FRAGS
        addiu   $t5, $fp, REQ_BASES
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
        addiu   $a1, $fp, REQ_VALS
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

