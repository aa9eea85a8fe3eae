# wait-key-or-timer.s - sleeps in WAIT for a COM1 byte (exits with it) or for the Count/Compare timer, due
# 100 ms after start at the default clock (Count runs at 83.28 MHz: Compare = 8 328 000), which exits with 7.
        .set    noreorder
        .text
        .globl  _start
_start:
        lui     $t0, 0xa000             # copy the 4-word jump below to the general exception vector
        lui     $t1, %hi(vector)
        addiu   $t1, $t1, %lo(vector)
        lw      $t2, 0($t1)
        sw      $t2, 0x180($t0)
        lw      $t2, 4($t1)
        sw      $t2, 0x184($t0)
        lw      $t2, 8($t1)
        sw      $t2, 0x188($t0)
        lw      $t2, 12($t1)
        sw      $t2, 0x18c($t0)
        lui     $t0, 0xbd00
        li      $t1, 1
        sb      $t1, 0x3f9($t0)         # COM1 IER = RDA
        lui     $t0, 0xbff9
        li      $t1, 8
        sw      $t1, 0($t0)             # LOCINT enable = COM1
        mtc0    $zero, $9               # Count = 0
        lui     $t1, 0x7f
        ori     $t1, $t1, 0x1340        # 8 328 000
        mtc0    $t1, $11                # Compare
        li      $t1, 0x9001
        mtc0    $t1, $12                # Status: IM7 | IM4 | IE
        nop
idle:   wait
        b       idle
        nop
handler:
        mfc0    $t0, $13                # Cause
        nop
        srl     $t0, $t0, 15
        andi    $t0, $t0, 1             # IP7: the timer
        beq     $t0, $zero, key
        li      $t1, 7
        b       out
        nop
key:    lui     $t0, 0xbd00
        lbu     $t1, 0x3f8($t0)         # RBR: the byte
out:    lui     $t0, 0xbfff
        sw      $t1, 0($t0)
1:      b       1b
        nop
vector: lui     $k0, %hi(handler)
        addiu   $k0, $k0, %lo(handler)
        jr      $k0
        nop
