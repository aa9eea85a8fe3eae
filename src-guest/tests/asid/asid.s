# asid.s - two user processes at the same virtual address, told apart only by their ASID.
#
# The kernel copies two user programs to physical 0x200000 (process A) and 0x300000 (process B) and maps
# both at VA 0x00400000 through wired TLB entries with ASID 1 and ASID 2. Each process keeps a running sum
# and a slice count in its data page at VA 0x10000000. That page is not mapped in advance: the first access
# takes a TLB refill, and the refill handler maps it (TLBWR) to 0x280000 for ASID 1 and 0x380000 for
# ASID 2. A process computes one slice, stores, and makes a SYSCALL. The kernel then flips the ASID and
# restarts the other process at 0x00400000. After 40 system calls (20 slices each) the kernel prints
# both sums and counts and halts with status 0.
#
# What it exercises:
# - same-VA/different-PA code (a translated block must be told apart by its physical page);
# - ASID switches by MTC0 EntryHi;
# - ERET into user mode;
# - refills with TLBWR, whose Random value depends on the exact instruction count;
# - SYSCALL.
#
# The expected sums come from the arithmetic alone (see asid.expected). No emulator output was used.

        .set    noreorder
        .include "../lib/console.inc"

        .equ    USER_VA, 0x00400000
        .equ    DATA_VA, 0x10000000
        .equ    SLICES_TOTAL, 40

        .text
        .globl  _start
        .ent    _start
_start:
        # Exception vectors (through KSEG1: the copies reach memory, and the I-cache has never seen them).
        la      $a0, refill_stub
        li      $a1, 0xa0000000
        jal     copy4
        nop
        la      $a0, general_stub
        li      $a1, 0xa0000180
        jal     copy4
        nop
        # The two user programs (16 words each).
        la      $a0, user_a
        li      $a1, 0xa0200000
        jal     copy16
        nop
        la      $a0, user_b
        li      $a1, 0xa0300000
        jal     copy16
        nop
        # Wired TLB entries 0 and 1: VA 0x400000 (even page) for ASID 1 -> 0x200000, ASID 2 -> 0x300000.
        mtc0    $zero, $5               # PageMask: 4 KB
        li      $t0, 2
        mtc0    $t0, $6                 # Wired = 2
        mtc0    $zero, $0               # Index 0
        li      $t0, USER_VA | 1
        mtc0    $t0, $10                # EntryHi
        li      $t0, (0x200000 >> 12) << 6 | 0x1e   # PFN, C = 3 (cacheable), D, V
        mtc0    $t0, $2                 # EntryLo0
        mtc0    $zero, $3               # EntryLo1: invalid
        nop
        tlbwi
        li      $t0, 1
        mtc0    $t0, $0                 # Index 1
        li      $t0, USER_VA | 2
        mtc0    $t0, $10
        li      $t0, (0x300000 >> 12) << 6 | 0x1e
        mtc0    $t0, $2
        nop
        tlbwi
        # First dispatch: process A (ASID 1), user mode, from USER_VA.
        li      $t0, USER_VA | 1
        mtc0    $t0, $10
        li      $t0, USER_VA
        mtc0    $t0, $14                # EPC
        li      $t0, 0x12               # KSU = user, EXL
        mtc0    $t0, $12                # Status
        nop
        nop
        eret
        .end    _start

# copy4/copy16: copies 4 or 16 words from $a0 to $a1.
copy4:  b       copy
        li      $t1, 4
copy16: li      $t1, 16
copy:   lw      $t2, 0($a0)
        addiu   $a0, $a0, 4
        sw      $t2, 0($a1)
        addiu   $t1, $t1, -1
        bgtz    $t1, copy
        addiu   $a1, $a1, 4
        jr      $ra
        nop

# Vector stubs, copied to 0x80000000 and 0x80000180.
refill_stub:
        la      $k0, refill
        jr      $k0
        nop
general_stub:
        la      $k0, general
        jr      $k0
        nop

# TLB refill: map the 8 KB pair holding BadVAddr to this ASID's data pages (the refill put VPN2 and the
# ASID into EntryHi already). Only the data page should ever miss.
refill:
        mfc0    $k0, $10                # EntryHi
        andi    $k0, $k0, 0xff          # ASID 1 or 2
        sll     $k0, $k0, 20            # 0x100000 or 0x200000
        li      $k1, 0x180000
        addu    $k0, $k0, $k1           # 0x280000 or 0x380000
        srl     $k0, $k0, 6             # PFN << 6  (PA >> 12 << 6)
        ori     $k0, $k0, 0x1e
        mtc0    $k0, $2                 # EntryLo0
        addiu   $k0, $k0, 0x40          # the next page
        mtc0    $k0, $3                 # EntryLo1
        nop
        tlbwr
        nop
        eret

# General exception: only SYSCALL is expected.
general:
        mfc0    $k0, $13                # Cause
        andi    $k0, $k0, 0x7c
        li      $k1, 8 << 2             # ExcCode Sys
        bne     $k0, $k1, fail
        nop
        la      $k0, slices
        lw      $k1, 0($k0)
        addiu   $k1, $k1, 1
        sw      $k1, 0($k0)
        li      $k0, SLICES_TOTAL
        beq     $k1, $k0, finish
        nop
        mfc0    $k0, $10                # EntryHi: flip ASID 1 <-> 2
        xori    $k0, $k0, 3
        mtc0    $k0, $10
        li      $k0, USER_VA
        mtc0    $k0, $14                # EPC: restart the other process
        nop
        nop
        eret

finish:
        # Back to kernel addressing for the report: read the data pages through KSEG0 (cached, so dirty
        # D-cache lines are seen).
        mtc0    $zero, $12              # Status: kernel, EXL clear
        li      $s0, 0x80280000
        jal     report
        li      $a0, 'A'
        li      $s0, 0x80380000
        jal     report
        li      $a0, 'B'
        EXIT    0

fail:
        li      $a0, '!'
        jal     putc
        nop
        EXIT    1

# report: prints "<name> sum=XXXXXXXX slices=XXXXXXXX\n" for the data page at $s0 (name in $a0).
report:
        move    $s7, $ra
        jal     putc
        nop
        la      $s1, sum_label
        jal     puts
        nop
        jal     puthex
        lw      $a1, 0($s0)
        la      $s1, slices_label
        jal     puts
        nop
        jal     puthex
        lw      $a1, 4($s0)
        li      $a0, '\n'
        jal     putc
        nop
        jr      $s7
        nop

# puts: prints the NUL-terminated string at $s1.
puts:   move    $s6, $ra
1:      lbu     $a0, 0($s1)
        beqz    $a0, 2f
        nop
        jal     putc
        addiu   $s1, $s1, 1
        b       1b
        nop
2:      jr      $s6
        nop

# puthex: prints $a1 as 8 hex digits.
puthex: move    $s6, $ra
        li      $s2, 28
1:      srlv    $a0, $a1, $s2
        andi    $a0, $a0, 0xf
        sltiu   $t0, $a0, 10
        bnez    $t0, 2f
        addiu   $a0, $a0, '0'
        addiu   $a0, $a0, 'a' - '0' - 10
2:      jal     putc
        nop
        addiu   $s2, $s2, -4
        bgez    $s2, 1b
        nop
        jr      $s6
        nop

putc:   .set    reorder
        PUTC_BODY
        .set    noreorder
        jr      $ra
        nop

# Process A: sum = (sum + i) ^ (i << 3) for i = 200 .. 1, then slices += 1.
user_a:
        lui     $s0, DATA_VA >> 16
        lw      $s1, 0($s0)
        li      $t0, 200
1:      addu    $s1, $s1, $t0
        sll     $t3, $t0, 3
        xor     $s1, $s1, $t3
        addiu   $t0, $t0, -1
        bgtz    $t0, 1b
        nop
        sw      $s1, 0($s0)
        lw      $t4, 4($s0)
        addiu   $t4, $t4, 1
        sw      $t4, 4($s0)
        syscall
        nop
# Process B: sum = sum * 3 - i for i = 150 .. 1 (sum * 3 as sum + 2 * sum), then slices += 1.
user_b:
        lui     $s0, DATA_VA >> 16
        lw      $s1, 0($s0)
        li      $t0, 150
1:      sll     $t3, $s1, 1
        addu    $s1, $s1, $t3
        subu    $s1, $s1, $t0
        addiu   $t0, $t0, -1
        bgtz    $t0, 1b
        nop
        sw      $s1, 0($s0)
        lw      $t4, 4($s0)
        addiu   $t4, $t4, 1
        sw      $t4, 4($s0)
        syscall

        .data
slices:         .word   0
sum_label:      .asciz  " sum="
slices_label:   .asciz  " slices="
