# exceptions.S - exception entry and CP0/TLB behaviour, printed one line per case, for a differential run
# against GXemul (ExceptionDifferentialTest). Built twice from this source: as is for Pebble's P-5064, and
# with -D GXEMUL for GXemul's testmips machine. The console code is at the end of .text, so every address
# the cases print (EPC, BadVAddr) is the same in both builds.
#
# The handler records Cause, EPC, BadVAddr, Status, EntryHi and Context, and returns to the address the
# case left in `resume`. A case prints:
#   NN vec cause epc badva status entryhi context extra
# where vec is 0 (TLB refill vector), 1 (general vector) or 9 (no exception), and extra is a value the case
# computed. Cause is masked to BD, CE and ExcCode (the IP bits depend on each machine's interrupt wiring).
# BadVAddr prints only for address errors and TLB exceptions, EntryHi and Context only for TLB exceptions:
# the only ones that define them.

        .set    noreorder
        .text
        .globl  _start
_start:
        mtc0    $zero, $12              # Status: kernel, BEV = 0, EXL = ERL = IE = 0, CU1 = 0
        nop
        # Vector stubs through KSEG1 (uncached: the fetch sees them).
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
        # A known TLB: every entry invalid, each at its own kseg0 VPN2 (never matched: kseg0 is unmapped).
        mtc0    $zero, $5               # PageMask 4 KB
        mtc0    $zero, $6               # Wired 0
        mtc0    $zero, $2
        mtc0    $zero, $3
        li      $t0, 0
        li      $t1, 48
        li      $t2, 0x80000000
1:      mtc0    $t0, $0                 # Index
        mtc0    $t2, $10                # EntryHi
        nop
        tlbwi
        addiu   $t0, $t0, 1
        addiu   $t2, $t2, 0x2000
        bne     $t0, $t1, 1b
        nop
        mtc0    $zero, $10              # EntryHi: ASID 0

        # ---- 1: SYSCALL
        jal     arm
        li      $a0, 1
c1:     syscall
        jal     report
        nop
        # ---- 2: BREAK
        jal     arm
        li      $a0, 2
        break   7
        jal     report
        nop
        # ---- 3: TEQ taken
        jal     arm
        li      $a0, 3
        teq     $zero, $zero
        jal     report
        nop
        # ---- 4: TLT taken (GXemul implements no REGIMM trap such as TGEI: it raises RI for them)
        jal     arm
        li      $a0, 4
        li      $t0, -5
        li      $t1, 5
        tlt     $t0, $t1
        jal     report
        nop
        # ---- 5: ADD overflow; the destination keeps its value
        jal     arm
        li      $a0, 5
        li      $t0, 0x7fffffff
        li      $t1, 0x1234
        add     $t1, $t0, $t0
        jal     report
        move    $s0, $t1
        # ---- 6: ADDI overflow
        jal     arm
        li      $a0, 6
        li      $t0, 0x80000000
        addi    $t1, $t0, -1
        jal     report
        move    $s0, $t1
        # ---- 7: LW misaligned: AdEL, BadVAddr
        jal     arm
        li      $a0, 7
        li      $t0, 0x80001001
        lw      $t1, 0($t0)
        jal     report
        nop
        # ---- 8: SH misaligned: AdES
        jal     arm
        li      $a0, 8
        li      $t0, 0x80001000
        sh      $t1, 3($t0)
        jal     report
        nop
        # ---- 9: LD misaligned
        jal     arm
        li      $a0, 9
        li      $8, 0x80001004
        .word   0xdd090000              # ld $9, 0($8) (as an o32 source, "ld" would be two LWs; $8, not
                                        # $t0, so that an n32/n64 build, where $t0 is $12, loads it too)
        jal     report
        nop
        # ---- 10: load from unmapped kuseg: TLB refill, TLBL; EntryHi and Context name the page
        jal     arm
        li      $a0, 10
        li      $t0, 0x00123458
        lw      $t1, 0($t0)
        jal     report
        nop
        # ---- 11: store to unmapped kuseg: TLB refill, TLBS
        jal     arm
        li      $a0, 11
        li      $t0, 0x7fff0010
        sw      $t1, 0($t0)
        jal     report
        nop
        # Map VA 0x00400000 (even page) and 0x00401000 (odd) at index 5 with ASID 0, V = 0 for now.
        li      $t0, 5
        mtc0    $t0, $0
        li      $t0, 0x00400000
        mtc0    $t0, $10
        li      $t0, (0x00200000 >> 12) << 6 | 0x18    # C = 3, D = 0, V = 0
        mtc0    $t0, $2
        li      $t0, (0x00201000 >> 12) << 6 | 0x1c    # C = 3, D = 1, V = 0
        mtc0    $t0, $3
        nop
        tlbwi
        # ---- 12: load through an invalid entry: TLBL at the general vector
        jal     arm
        li      $a0, 12
        li      $t0, 0x00400010
        lw      $t1, 0($t0)
        jal     report
        nop
        # Now valid but clean (D = 0) on the even page.
        li      $t0, (0x00200000 >> 12) << 6 | 0x1a    # C = 3, D = 0, V = 1
        mtc0    $t0, $2
        nop
        tlbwi
        # ---- 13: store to a clean page: Mod
        jal     arm
        li      $a0, 13
        li      $t0, 0x00400020
        sw      $t1, 0($t0)
        jal     report
        nop
        # ---- 14: load through the valid entry reads physical 0x200020 (written through KSEG1)
        li      $t0, 0xa0200020
        li      $t1, 0x5eed1234
        sw      $t1, 0($t0)
        jal     arm
        li      $a0, 14
        li      $t0, 0x00400020
        lw      $s0, 0($t0)
        jal     report
        nop
        # ---- 15: TLBP finds index 5; 16: TLBP misses (P bit)
        jal     arm
        li      $a0, 15
        li      $t0, 0x00401000
        mtc0    $t0, $10
        nop
        tlbp
        nop
        mfc0    $s0, $0
        jal     report
        nop
        jal     arm
        li      $a0, 16
        li      $t0, 0x00800000
        mtc0    $t0, $10
        nop
        tlbp
        nop
        mfc0    $s0, $0
        srl     $s0, $s0, 31
        jal     report
        nop
        # ---- 17: TLBR of index 5 gives back EntryLo0 (PFN and flags)
        jal     arm
        li      $a0, 17
        li      $t0, 5
        mtc0    $t0, $0
        nop
        tlbr
        nop
        mfc0    $s0, $2
        jal     report
        nop
        mtc0    $zero, $10
        # ---- 18: a reserved encoding (opcode 0x1c, SPECIAL2 of later ISAs): RI. (GXemul stops the machine on
        # other reserved encodings, such as REGIMM rt = 4 or SPECIAL funct 5, instead of raising RI.)
        jal     arm
        li      $a0, 18
        .word   0x70000000
        jal     report
        nop
        # ---- 19: MFC1 with CU1 = 0: CpU, CE = 1
        jal     arm
        li      $a0, 19
        mfc1    $t0, $f0
        jal     report
        nop
        # ---- 20: an exception in a branch delay slot: EPC = the branch, BD
        jal     arm
        li      $a0, 20
        li      $t0, 0x80001002
        beq     $zero, $zero, 1f
        lw      $t1, 0($t0)
1:      jal     report
        nop
        # ---- 22: SC after an exception return fails (ERET clears LLbit)
        jal     arm
        li      $a0, 22
        la      $t0, 1f
        sw      $t0, resume_var         # the SYSCALL returns to the SC
        li      $t2, 0x80001000
        ll      $t1, 0($t2)
        syscall
1:      li      $s0, 1
        sc      $s0, 0($t2)
        jal     report
        nop
#ifndef GXEMUL
        # Cases GXemul gets wrong, checked against the architecture by the test instead: it fetches from a
        # misaligned jump target without AdEL, and lets user mode load from kseg0.
        # ---- 21: a jump to a misaligned address: AdEL on the fetch, EPC = BadVAddr = that address
        jal     arm
        li      $a0, 21
        la      $t0, c21 + 2
        jr      $t0
        nop
c21:    nop
        jal     report
        nop
        # ---- 23: user mode: a load from kseg0 is an address error
        li      $t0, 0xa0201000 + 0     # user code at VA 0x00401000 (odd page, physical 0x201000)
        la      $t1, user_code
        lw      $t2, 0($t1)
        sw      $t2, 0($t0)
        lw      $t2, 4($t1)
        sw      $t2, 4($t0)
        lw      $t2, 8($t1)
        sw      $t2, 8($t0)
        li      $t0, 5                  # make the odd page valid
        mtc0    $t0, $0
        li      $t0, 0x00400000
        mtc0    $t0, $10
        li      $t0, (0x00201000 >> 12) << 6 | 0x12    # C = 2 (uncached), D = 0, V = 1
        mtc0    $t0, $3
        nop
        tlbwi
        jal     arm
        li      $a0, 23
        la      $t0, c23
        sw      $t0, resume_var         # the load's exception returns to c23 (kernel)
        li      $t0, 0x00401000
        mtc0    $t0, $14                # EPC = user code
        li      $t0, 0x12               # KSU = user, EXL
        mtc0    $t0, $12
        li      $t1, 0x80000000
        nop
        eret
c23:    mfc0    $s0, $12                # (the handler's return keeps EXL clear, KSU = user: back to kernel)
        mtc0    $zero, $12
        nop
        jal     report
        nop

#endif
        jal     halt
        nop

# arm: case number $a0 (in the delay slot); clears the record, resume = the return address of report's jal
# (the case's first instruction after the faulting one is "jal report": resume there).
arm:    la      $t8, rec
        sw      $a0, 0($t8)
        li      $t9, 9
        sw      $t9, 4($t8)             # vec 9 = no exception yet
        sw      $zero, 8($t8)
        sw      $zero, 12($t8)
        sw      $zero, 16($t8)
        sw      $zero, 20($t8)
        sw      $zero, 24($t8)
        sw      $zero, 28($t8)
        move    $s0, $zero
        # resume = the address of the case's "jal report": scan forward from $ra for it.
        la      $t9, report
        srl     $t9, $t9, 2
        lui     $t8, 0x0c00             # JAL opcode
        or      $t9, $t9, $t8
        lui     $t8, 0x03ff
        ori     $t8, $t8, 0xffff
        and     $t9, $t9, $t8
        lui     $t8, 0x0c00
        or      $t9, $t9, $t8           # the JAL report word
        move    $t8, $ra
2:      lw      $v1, 0($t8)
        bne     $v1, $t9, 2b
        addiu   $t8, $t8, 4
        addiu   $t8, $t8, -4
        sw      $t8, resume_var
        jr      $ra
        nop

refill_stub:
        j       on_refill
        nop
general_stub:
        j       on_general
        nop

on_refill:
        b       record
        li      $k1, 0
on_general:
        li      $k1, 1
record: la      $k0, rec
        sw      $k1, 4($k0)
        mfc0    $k1, $13
        sw      $k1, 8($k0)
        mfc0    $k1, $14
        sw      $k1, 12($k0)
        mfc0    $k1, $8
        sw      $k1, 16($k0)
        mfc0    $k1, $12
        sw      $k1, 20($k0)
        mfc0    $k1, $10
        sw      $k1, 24($k0)
        mfc0    $k1, $4
        sw      $k1, 28($k0)
        mfc0    $k1, $12                # return in kernel mode (KSU = 0): case 23 came from user mode
        li      $k0, ~0x18
        and     $k1, $k1, $k0
        mtc0    $k1, $12
        lw      $k1, resume_var
        mtc0    $k1, $14
        nop
        nop
        eret

user_code:
        lw      $t2, 0($t1)             # $t1 = 0x80000000: AdEL in user mode
        nop
        nop

# report: "NN vec cause epc badva status entryhi context extra\n"
report: move    $s7, $ra
        la      $s6, rec
        lw      $a1, 0($s6)
        jal     putdec2
        nop
        lw      $a1, 4($s6)
        jal     putnib
        nop
        lw      $a1, 8($s6)
        li      $t0, 0xb000007c
        and     $a1, $a1, $t0
        jal     puthex
        nop
        lw      $a1, 12($s6)
        jal     puthex
        nop
        lw      $t1, 8($s6)             # BadVAddr: defined only by address errors and TLB exceptions (1..5)
        andi    $t1, $t1, 0x7c
        addiu   $t1, $t1, -4
        sltiu   $t1, $t1, 20
        lw      $a1, 16($s6)
        movz    $a1, $zero, $t1
        jal     puthex
        nop
        lw      $a1, 20($s6)
        andi    $a1, $a1, 0x1f
        jal     puthex
        nop
        # EntryHi and Context: only TLB exceptions define them (for the others their VPN fields are
        # undefined, R4000/R10000 manuals), so they print as 0 unless ExcCode is Mod, TLBL or TLBS.
        lw      $t1, 8($s6)
        andi    $t1, $t1, 0x7c
        addiu   $t1, $t1, -4
        sltiu   $t1, $t1, 12            # ExcCode 1..3
        lw      $a1, 24($s6)
        movz    $a1, $zero, $t1
        jal     puthex
        nop
        lw      $t1, 8($s6)
        andi    $t1, $t1, 0x7c
        addiu   $t1, $t1, -4
        sltiu   $t1, $t1, 12
        lw      $a1, 28($s6)
        li      $t0, 0x007ffff0
        and     $a1, $a1, $t0
        movz    $a1, $zero, $t1
        jal     puthex
        nop
        move    $a1, $s0
        jal     puthex
        nop
        li      $a0, 10
        jal     putc
        nop
        jr      $s7
        nop

# putdec2: $a1 (0..99) as two digits.
putdec2:
        move    $s5, $ra
        li      $t0, 10
        divu    $zero, $a1, $t0
        mflo    $a0
        jal     putc
        addiu   $a0, $a0, '0'
        mfhi    $a0
        jal     putc
        addiu   $a0, $a0, '0'
        jr      $s5
        nop

# putnib: " " and $a1 (0..15) as one hex digit.
putnib: move    $s5, $ra
        li      $a0, ' '
        jal     putc
        nop
        andi    $a0, $a1, 0xf
        sltiu   $t0, $a0, 10
        bnez    $t0, 1f
        addiu   $a0, $a0, '0'
        addiu   $a0, $a0, 'a' - '0' - 10
1:      jal     putc
        nop
        jr      $s5
        nop

# puthex: " " and $a1 as 8 hex digits.
puthex: move    $s5, $ra
        li      $a0, ' '
        jal     putc
        nop
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
        jr      $s5
        nop

# ---- machine-specific console and halt: last in .text, so nothing above moves between the two builds
#ifdef GXEMUL
putc:   lui     $t8, 0xb000             # testmips console
        jr      $ra
        sb      $a0, 0($t8)
halt:   lui     $t8, 0xb000
        sw      $zero, 0x10($t8)
1:      b       1b
        nop
#else
putc:   lui     $t8, 0xbd00             # COM1 (16550) at ISA 0x3f8
1:      lbu     $t9, 0x3fd($t8)
        andi    $t9, $t9, 0x20
        beqz    $t9, 1b
        nop
        jr      $ra
        sb      $a0, 0x3f8($t8)
halt:   lui     $t8, 0xbfff             # sim-control
        sw      $zero, 0($t8)
1:      b       1b
        nop
#endif

        .data
rec:        .space  32
resume_var: .word   0
