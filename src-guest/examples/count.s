# count.s - a bare P-5064 program to try the debugger on (docs/debugging.md): `./pebble run
# src-guest/examples/count.s --gdb 1234`. It adds 1..5 into the word `total` and exits with the sum (15)
# as its status through the sim-control device (0xBFFF0000). noreorder: the delay slots are written out.

        .set    noreorder
        .text
        .globl  _start
_start:
        lui     $a0, %hi(total)
        addiu   $a0, $a0, %lo(total)    # $a0 = &total
        li      $t0, 1                  # $t0 = the next number to add
        li      $t1, 6                  # stop after 5
loop:
        lw      $t2, 0($a0)
        addu    $t2, $t2, $t0
        addiu   $t0, $t0, 1
        bne     $t0, $t1, loop
        sw      $t2, 0($a0)             # (delay slot) total += the number added
done:
        lw      $v0, 0($a0)
        lui     $t3, 0xbfff
        sw      $v0, 0($t3)             # sim-control: exit status = total
1:      b       1b
        nop

        .data
total:  .word   0
