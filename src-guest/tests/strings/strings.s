# strings.s - data section strings, a table of pointers (.word of labels), .half/.byte tables,
# .align and .space, loads and stores through %hi/%lo and symbolic addresses, ulw/usw.
        .include "../lib/console.inc"

        .data
greeting:   .ascii  "Hello, "
            .asciz  "strings!\n"
second:     .string "second line\n"
third:      .asciiz "third\tline\n"
            .align  2
table:      .word   greeting, second, third, 0
halves:     .half   0x4f4b, 0x0a00          # "OK\n\0" as big-endian halves (read byte-wise below)
bytes:      .byte   'b', 'y', 't', 'e', 's', 10, 0
            .align  3
scratch:    .space  8
unaligned:  .byte   0, 'x', 'y', 'z', '!', 0

        .bss
buffer:     .space  64

        .text
        .globl  _start
_start:
        la      $s0, table
1:      lw      $a1, 0($s0)
        beqz    $a1, 2f
        jal     puts
        addiu   $s0, $s0, 4
        b       1b
2:      lui     $a1, %hi(bytes)
        addiu   $a1, $a1, %lo(bytes)
        jal     puts
        # copy "xyz!" with an unaligned load/store into .bss, then print it
        la      $t0, unaligned
        ulw     $t1, 1($t0)
        la      $t2, buffer
        usw     $t1, 1($t2)
        sb      $zero, 5($t2)
        li      $t3, '\n'
        sb      $t3, 5($t2)
        addiu   $a1, $t2, 1
        jal     puts
        lw      $t4, scratch            # symbolic load (lui + lw)
        bnez    $t4, fail
        EXIT    0
fail:   EXIT    1

# puts: prints the NUL-terminated string at $a1 (clobbers $a0, $a1, $t8, $t9, $v1).
puts:   move    $v1, $ra
3:      lbu     $a0, 0($a1)
        beqz    $a0, 4f
        jal     putc
        addiu   $a1, $a1, 1
        b       3b
4:      jr      $v1

putc:   PUTC_BODY
        jr      $ra
