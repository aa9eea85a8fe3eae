# wait-for-key.s - sleeps in WAIT until COM1 receives a byte, then exits with that byte as its status.
# The receive interrupt: IER.RDA on COM1, LOCINT.COM1 enabled in the interrupt controller (crossbar reset
# value: Int2 = Cause IP4), Status.IM4 and IE. Tests: idle blocking, deadlock on end of input, determinism.
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
        li      $t1, 0x1001
        mtc0    $t1, $12                # Status: IM4 | IE
        nop
idle:   wait
        b       idle
        nop
handler:
        lui     $t0, 0xbd00
        lbu     $t1, 0x3f8($t0)         # RBR: the byte
        lui     $t0, 0xbfff
        sw      $t1, 0($t0)             # exit with it
1:      b       1b
        nop
vector: lui     $k0, %hi(handler)
        addiu   $k0, $k0, %lo(handler)
        jr      $k0
        nop
