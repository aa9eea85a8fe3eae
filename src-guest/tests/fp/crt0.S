/*
 * Start-up for the FPU fixtures: enable the FPU (Status.CU1; FR = 0 for o32), FCSR = round to nearest with no
 * enables, stack, clear .bss, main(), halt through sim-control with main's return value as the exit status.
 */
        .set    noreorder
        .text
        .globl  _start
        .ent    _start
_start:
        mfc0    $t0, $12
        lui     $t1, 0x2000             /* CU1 */
        or      $t0, $t0, $t1
        lui     $t1, 0x0400             /* FR: o32 code wants FR = 0 */
        nor     $t1, $t1, $zero
        and     $t0, $t0, $t1
        mtc0    $t0, $12
        nop; nop; nop; nop              /* CU1 hazard (hardware reference: enable FPU, 4 nops) */
        ctc1    $zero, $31
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
        lui     $t0, 0xbfff             /* sim-control: exit status = main's return value */
        sw      $v0, 0($t0)
3:      b       3b
        nop
        .end    _start

        .bss
        .align  4
        .space  0x10000
_stack_top:
