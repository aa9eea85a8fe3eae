# markers.s - guest markers and a timer interrupt for TimelineMarkersTest. Straight-line code except the
# WAIT, so in functional mode (one cycle per instruction) each event's cycle is its instruction's index.
#
# Markers: "outer" opens; "iter" (a name the program writes at run time, so with timing on it sits in a
# dirty D-cache line, not yet in RAM) opens and is closed by MARK_END 0; "inner" opens and is closed with
# "outer" when MARK_END names "outer"; a second MARK_END "outer" matches nothing; a span whose name pointer
# is unmapped (kuseg, empty TLB) is named by its address. Then the Count/Compare timer interrupts a WAIT.

        .set    noreorder
        .equ    MARK_BEGIN, 0xc
        .equ    MARK_END, 0x10

        .text
        .globl  _start
_start:
        la      $a0, general_stub       # 0-1
        lui     $a1, 0xa000             # 2
        lw      $t0, 0($a0)             # 3-10: the general vector
        sw      $t0, 0x180($a1)
        lw      $t0, 4($a0)
        sw      $t0, 0x184($a1)
        lw      $t0, 8($a0)
        sw      $t0, 0x188($a1)
        lw      $t0, 12($a0)
        sw      $t0, 0x18c($a1)
        lui     $s0, 0xbfff             # 11
        la      $s1, outer              # 12-13
        sw      $s1, MARK_BEGIN($s0)    # 14: "outer" opens
        la      $s2, buf                # 15-16
        li      $t0, 0x69746572         # 17-18: "iter"
        sw      $t0, 0($s2)             # 19
        sw      $zero, 4($s2)           # 20
        sw      $s2, MARK_BEGIN($s0)    # 21: "iter" opens
        sw      $zero, MARK_END($s0)    # 22: closes "iter"
        la      $s3, inner              # 23-24
        sw      $s3, MARK_BEGIN($s0)    # 25: "inner" opens
        sw      $s1, MARK_END($s0)      # 26: closes "inner" (unclosed) and "outer"
        sw      $s1, MARK_END($s0)      # 27: nothing open: unmatched
        lui     $t1, 0x0040             # 28
        sw      $t1, MARK_BEGIN($s0)    # 29: unreadable name
        sw      $zero, MARK_END($s0)    # 30
        # Timer: Compare = Count + 200, IE and IM7 on, WAIT.
        mfc0    $t0, $9                 # 31: Count
        addiu   $t0, $t0, 200           # 32
        mtc0    $t0, $11                # 33: Compare
        li      $t0, 0x8001             # 34: IM7, IE
        mtc0    $t0, $12                # 35: Status
        wait                            # 36
        sw      $zero, 0($s0)           # halt, status 0

general_stub:
        la      $k0, general
        jr      $k0
        nop

# The timer interrupt: push Compare far away (clears IP7) and return.
general:
        mfc0    $k0, $9
        mtc0    $k0, $11
        eret

        .data
outer:  .asciz  "outer"
inner:  .asciz  "inner"
        .align  2
buf:    .space  8
