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
# One request's scratch, on the stack at $fp (the caller's stack: the portal is s), so requests from
# preempted threads and nested requests (a notify routine asking again) never share it.
        .equ    REQ_FRAME, 40                   # saved $ra, $s0..$s7, $fp
        .equ    REQ_SPEC, 0                     # the spec string, 12 bytes NUL padded
        .equ    REQ_STACK, 12                   # 1: n
        .equ    REQ_STATE, 16                   # 1: p
        .equ    REQ_WINDOW, 20                  # window position, -1: none
        .equ    REQ_NARGS, 24
        .equ    REQ_KINDS, 28                   # PM_KIND_* per argument
        .equ    REQ_VALS, REQ_KINDS + PT_MAX_ARGUMENTS          # the install-time values, by PT_VALUE_*
        .equ    REQ_FRAGS, REQ_VALS + PT_VALUE_COUNT * 4        # descriptor addresses, 0-terminated
        .equ    REQ_BASES, REQ_FRAGS + (PT_MAX_ARGUMENTS + 4) * 4  # their byte offsets in the portal
        .equ    REQ_SIZE, REQ_BASES + (PT_MAX_ARGUMENTS + 4) * 4
        .equ    PM_STACK_NEED, REQ_FRAME + REQ_SIZE + 8       # pm_entry's frame and pm_create_in's
        .text
# The portal's entry: first in .text, so it is USER_TEXT_VA.
        .globl  pm_entry
pm_entry:
        # The portal is s: this server runs on the caller's $sp, but in this domain's address space. Only the
        # caller's own stack pair (USER_STACK_VA, TLB entry 0, global) is the caller's memory here; any other
        # $sp would make the saves below write the manager's data or code window (pm_next, other portals).
        li      $t4, USER_STACK_VA + PM_STACK_NEED
        subu    $t4, $sp, $t4
        sltiu   $t4, $t4, USER_STACK_TOP - USER_STACK_VA - PM_STACK_NEED + 1
        andi    $t5, $sp, 3
        sltiu   $t5, $t5, 1                     # word aligned
        and     $t4, $t4, $t5
        bnez    $t4, 1f
        nop
        jr      $ra                             # refused without touching the stack
        li      $v0, PM_ERR_DENIED
1:      addiu   $sp, $sp, -(REQ_FRAME + REQ_SIZE)   # m portal: the callee keeps the C convention (§4.4)
        sw      $ra, 0($sp)
        sw      $fp, 36($sp)
        addiu   $fp, $sp, REQ_FRAME             # $fp = this request's scratch (per request: re-entrant, preemptible)
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
        lw      $fp, 36($sp)
        jr      $ra
        addiu   $sp, $sp, REQ_FRAME + REQ_SIZE

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
        move    $t4, $fp
        sw      $a2, REQ_SPEC($t4)
        sw      $a3, REQ_SPEC + 4($t4)
        jal     pm_parse
        sw      $t0, REQ_SPEC + 8($t4)
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
        bltz    $v0, pm_release
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
        bltz    $v0, pm_release
        nop
        # portal_notify (§6.1): tell the table's owner, before this request returns
        andi    $t4, $s3, PM_FLAG_NO_NOTIFY
        bnez    $t4, 4f
        la      $t4, pm_notify_wanted
        addu    $t4, $t4, $s4
        lbu     $t4, 0($t4)
        beqz    $t4, 4f
        nop
        lw      $a2, REQ_SPEC($fp)
        lw      $a3, REQ_SPEC + 4($fp)
        lw      $t0, REQ_SPEC + 8($fp)
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
# a refused request gives its code space back if no later request took space after it ($v0 is kept)
pm_release:
        la      $t9, pm_next
        addiu   $t8, $s6, PM_LINE_BYTES - 1
        li      $t7, -PM_LINE_BYTES
        and     $t8, $t8, $t7
        addu    $t8, $s5, $t8                   # the end of this request's reservation
1:      ll      $t7, 0($t9)
        bne     $t7, $t8, pm_return
        move    $t7, $s5
        sc      $t7, 0($t9)
        beqz    $t7, 1b
        nop
        b       pm_return
        nop

        .include "pm-compose.s"

# The main thread has nothing to do: requests arrive through the portal, which stays callable after the
# thread exits (the domain's memory and tables remain).
        .globl  _start
_start:
        EXIT    0

        .data
        .balign 4
pm_next:        .word   PM_CODE_VA              # next free byte of the code window (line aligned; ll/sc)
pm_notify_wanted:                               # per domain: 1 once it called portal_notify
        .space  PM_MAX_DOMAINS
