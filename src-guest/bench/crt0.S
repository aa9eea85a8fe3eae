/* Minimal start-up for freestanding benchmark images: stack, clear .bss, main(), halt with its status. */
        .set    noreorder
        .text
        .globl  _start
        .ent    _start
_start:
        la      $sp, _stack_top
        la      $t0, __bss_start
        la      $t1, _end
1:      beq     $t0, $t1, 2f
        nop
        sw      $zero, 0($t0)
        b       1b
        addiu   $t0, $t0, 4
2:      jal     main
        nop
#ifdef GXEMUL_TESTMIPS
        lui     $t0, 0xb000          /* GXemul testmips: a write to the console's halt port ends the run */
        sw      $v0, 0x10($t0)
#else
        lui     $t0, 0xbfff          /* sim-control: exit status = main's return value */
        sw      $v0, 0($t0)
#endif
3:      b       3b
        nop
        .end    _start

        .bss
        .align  4
        .space  0x10000
_stack_top:
