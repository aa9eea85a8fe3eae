# kernel.s - a kernel-style benchmark trace (assembled by Pebble's own assembler; KernelBenchmark).
#
# Two user processes share the virtual address 0x00400000 (wired TLB entries, ASID 1 and ASID 2, different
# physical copies). Each one computes a short slice over a window of 64 data pages at VA 0x10000000 and
# makes a SYSCALL. The kernel then:
# - saves the process's registers;
# - switches the ASID;
# - restores the other process's registers and EPC, and returns to it with ERET.
#
# The data windows of the two processes span 64 page pairs. That is more than the 46 non-wired TLB entries,
# so slices keep taking TLB refills, which the refill handler serves with TLBWR. After TOTAL system calls the
# kernel prints both processes' checksums and halts.
#
# Expected output: the arithmetic alone gives it (see KernelBaselineTest).

        .set    noreorder
        .equ    USER_VA, 0x00400000
        .equ    DATA_VA, 0x10000000
        .equ    TOTAL, 20000
        .equ    COM1, 0xbd0003f8

        .text
        .globl  _start
_start:
        # Vector stubs through KSEG1.
        la      $t0, refill_stub
        li      $t1, 0xa0000000
        lw      $t2, 0($t0)
        sw      $t2, 0($t1)
        lw      $t2, 4($t0)
        sw      $t2, 4($t1)
        la      $t0, general_stub
        li      $t1, 0xa0000180
        lw      $t2, 0($t0)
        sw      $t2, 0($t1)
        lw      $t2, 4($t0)
        sw      $t2, 4($t1)
        # User code: process A at physical 0x180000, B at 0x190000 (32 words each).
        la      $a0, user_a
        li      $a1, 0xa0180000
        jal     copy32
        nop
        la      $a0, user_b
        li      $a1, 0xa0190000
        jal     copy32
        nop
        # A known TLB: all entries invalid at distinct kseg0 VPN2s (never matched).
        mtc0    $zero, $5               # PageMask 4 KB
        mtc0    $zero, $2
        mtc0    $zero, $3
        li      $t0, 0
        li      $t1, 48
        li      $t2, 0x80000000
1:      mtc0    $t0, $0
        mtc0    $t2, $10
        nop
        tlbwi
        addiu   $t0, $t0, 1
        addiu   $t2, $t2, 0x2000
        bne     $t0, $t1, 1b
        nop
        # Wired entries 0 and 1: the code page of each process.
        li      $t0, 2
        mtc0    $t0, $6                 # Wired
        mtc0    $zero, $0
        li      $t0, USER_VA | 1
        mtc0    $t0, $10
        li      $t0, (0x180000 >> 12) << 6 | 0x1e
        mtc0    $t0, $2
        mtc0    $zero, $3
        nop
        tlbwi
        li      $t0, 1
        mtc0    $t0, $0
        li      $t0, USER_VA | 2
        mtc0    $t0, $10
        li      $t0, (0x190000 >> 12) << 6 | 0x1e
        mtc0    $t0, $2
        nop
        tlbwi
        # Start process A.
        li      $t0, USER_VA | 1
        mtc0    $t0, $10
        li      $t0, USER_VA
        mtc0    $t0, $14
        li      $t0, 0x12               # KSU = user, EXL
        mtc0    $t0, $12
        nop
        nop
        eret

copy32: li      $t1, 32
1:      lw      $t2, 0($a0)
        addiu   $a0, $a0, 4
        sw      $t2, 0($a1)
        addiu   $t1, $t1, -1
        bgtz    $t1, 1b
        addiu   $a1, $a1, 4
        jr      $ra
        nop

refill_stub:
        j       refill
        nop
general_stub:
        j       general
        nop

# TLB refill: the pair holding BadVAddr in this process's window: physical 0x200000 (ASID 1) or 0x300000
# (ASID 2) plus the offset of the pair in the window. EntryHi already holds VPN2 and the ASID.
        .set    noat                    # the refill handler uses $at as a third scratch register
refill:
        mfc0    $k0, $10
        andi    $k1, $k0, 0xff          # ASID
        sll     $k1, $k1, 20            # 0x100000 or 0x200000
        lui     $at, 0x10
        addu    $k1, $k1, $at           # 0x200000 or 0x300000
        srl     $k0, $k0, 13
        sll     $k0, $k0, 13            # VPN2 << 13
        lui     $at, DATA_VA >> 16
        subu    $k0, $k0, $at           # offset in the window
        addu    $k0, $k0, $k1           # physical address of the even page
        srl     $k0, $k0, 6             # PFN << 6
        ori     $k0, $k0, 0x1e
        mtc0    $k0, $2
        addiu   $k0, $k0, 0x40
        mtc0    $k0, $3
        nop
        tlbwr
        nop
        eret
        .set    at

# SYSCALL: save the running process (s0-s2, EPC + 4), switch ASID, restore the other one.
general:
        mfc0    $k1, $10
        andi    $k1, $k1, 0xff
        sll     $k1, $k1, 4
        la      $k0, saves
        addu    $k0, $k0, $k1           # this process's save slot
        sw      $s0, 0($k0)
        sw      $s1, 4($k0)
        sw      $s2, 8($k0)
        mfc0    $k1, $14
        addiu   $k1, $k1, 4
        sw      $k1, 12($k0)
        la      $k0, calls
        lw      $k1, 0($k0)
        addiu   $k1, $k1, 1
        sw      $k1, 0($k0)
        li      $k0, TOTAL
        beq     $k1, $k0, finish
        nop
        mfc0    $k1, $10
        xori    $k1, $k1, 3             # ASID 1 <-> 2
        mtc0    $k1, $10
        andi    $k1, $k1, 0xff
        sll     $k1, $k1, 4
        la      $k0, saves
        addu    $k0, $k0, $k1           # the other process's slot
        lw      $s0, 0($k0)
        lw      $s1, 4($k0)
        lw      $s2, 8($k0)
        lw      $k1, 12($k0)
        mtc0    $k1, $14
        nop
        nop
        eret

finish:
        mtc0    $zero, $12              # kernel mode, EXL clear
        la      $a0, msg
        jal     puts
        nop
        la      $k0, saves
        lw      $a1, 16 + 8($k0)        # process A (ASID 1) checksum
        jal     puthex
        nop
        la      $a0, msg_b
        jal     puts
        nop
        la      $k0, saves
        lw      $a1, 32 + 8($k0)        # process B (ASID 2)
        jal     puthex
        nop
        li      $a0, 10
        jal     putc
        nop
        lui     $t0, 0xbfff
        sw      $zero, 0($t0)           # sim-control: exit 0
1:      b       1b
        nop

puts:   move    $s6, $ra
        move    $s5, $a0
1:      lbu     $a0, 0($s5)
        beqz    $a0, 2f
        nop
        jal     putc
        addiu   $s5, $s5, 1
        b       1b
        nop
2:      jr      $s6
        nop

puthex: move    $s6, $ra
        li      $s4, 28
1:      srlv    $a0, $a1, $s4
        andi    $a0, $a0, 0xf
        sltiu   $t0, $a0, 10
        bnez    $t0, 2f
        addiu   $a0, $a0, '0'
        addiu   $a0, $a0, 'a' - '0' - 10
2:      jal     putc
        nop
        addiu   $s4, $s4, -4
        bgez    $s4, 1b
        nop
        jr      $s6
        nop

putc:   li      $t8, COM1
1:      lbu     $t9, 5($t8)
        andi    $t9, $t9, 0x20
        beqz    $t9, 1b
        nop
        jr      $ra
        sb      $a0, 0($t8)

# The user processes: a slice reads the word at the start of data page s1 into the checksum s2, stirs it
# (A: 24 rounds, B: 20), writes it back, moves to the next page of the 64-page window, and yields.
        .macro  USER rounds
        lui     $s0, DATA_VA >> 16
        li      $s1, 0
        li      $s2, 0
1:      sll     $t1, $s1, 12
        addu    $t1, $t1, $s0
        lw      $t2, 0($t1)
        addu    $s2, $s2, $t2
        li      $t0, \rounds
2:      addu    $s2, $s2, $t0
        sll     $t3, $s2, 5
        xor     $s2, $s2, $t3
        srl     $t3, $s2, 7
        xor     $s2, $s2, $t3
        addiu   $t0, $t0, -1
        bgtz    $t0, 2b
        nop
        sw      $s2, 0($t1)
        addiu   $s1, $s1, 1
        andi    $s1, $s1, 63
        syscall
        b       1b
        nop
        .endm
user_a: USER    24
user_b: USER    20

        .data
calls:  .word   0
# Save slots by ASID (16 bytes each: s0, s1, s2, EPC); slots 1 and 2 start at the user entry.
saves:  .word   0, 0, 0, 0
        .word   0, 0, 0, USER_VA
        .word   0, 0, 0, USER_VA
msg:    .asciz  "kernel checksums A="
msg_b:  .asciz  " B="
