# hello.s - bare P-5064 program: prints "hello world" on COM1 and halts.
# noreorder style: every branch delay slot is written out explicitly.
# COM1 is the ns16550 at ISA I/O 0x3F8 (KSEG1 0xBD0003F8); LSR bit 0x20 = transmit holding register empty.
# Writing a status to the sim-control device (0xBFFF0000) ends the run with that exit status.

        .set    noreorder
        .text
        .globl  _start
        .ent    _start
_start:
        lui     $t0, 0xbd00             # $t0 = KSEG1 base of the ISA I/O window
        lui     $a0, %hi(msg)
        addiu   $a0, $a0, %lo(msg)      # $a0 = next character
next:
        lbu     $t1, 0($a0)
        beq     $t1, $zero, done
        nop
wait:
        lbu     $t2, 0x3fd($t0)         # LSR
        andi    $t2, $t2, 0x20          # THRE?
        beq     $t2, $zero, wait
        nop
        sb      $t1, 0x3f8($t0)         # THR
        b       next
        addiu   $a0, $a0, 1             # (delay slot) advance
done:
        lui     $t0, 0xbfff
        sw      $zero, 0($t0)           # sim-control: exit status 0
1:      b       1b
        nop
        .end    _start

        .data
msg:    .asciz  "hello world\n"
