package pebble.r5k.nucleus.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Timer preemption keeps the whole user context: two domains run long multiply/accumulate loops (HI, LO
 * and many GPRs live across every instruction) and are preempted dozens of times by the Count/Compare
 * interrupt; each checks its own results against values computed here with the same 32-bit arithmetic.
 * The longer computation runs in slot 0, so its finishing second shows the round robin.
 */
class PreemptionTest {
    static String program(char letter, int n) {
        long s0 = 0, s1 = 0, a1 = 0, v1 = 0;
        for (long i = n; i > 0; i--) {
            long product = i * i;                       // multu: both words of the 64-bit product
            s0 = (s0 + (product & 0xFFFFFFFFL)) & 0xFFFFFFFFL;
            v1 = (v1 + (product >>> 32)) & 0xFFFFFFFFL;
            s1 ^= i;
            a1 = (a1 + s0) & 0xFFFFFFFFL;
        }
        return String.format("""
                        .include "pebble.inc"
                        .set    noreorder
                        .text
                        .globl  _start
                _start: li      $t0, %d
                        move    $s0, $zero
                        move    $s1, $zero
                        move    $a1, $zero
                        move    $v1, $zero
                loop:   multu   $t0, $t0
                        mflo    $t2
                        mfhi    $t3
                        addu    $s0, $s0, $t2
                        addu    $v1, $v1, $t3
                        xor     $s1, $s1, $t0
                        addu    $a1, $a1, $s0
                        addiu   $t0, $t0, -1
                        bnez    $t0, loop
                        nop
                        li      $t5, 0x%x
                        bne     $s0, $t5, bad
                        li      $t5, 0x%x
                        bne     $s1, $t5, bad
                        li      $t5, 0x%x
                        bne     $a1, $t5, bad
                        li      $t5, 0x%x
                        bne     $v1, $t5, bad
                        nop
                        PUTC    '%c'
                        EXIT    0
                bad:    EXIT    5
                """, n, s0, s1, a1, v1, letter);
    }

    @ParameterizedTest(name = "timed={0}")
    @ValueSource(booleans = {true, false})
    void preemptedComputationsKeepEveryRegister(boolean timed) {
        GuestRun r = GuestRun.boot(timed, "long.s", program('A', 150_000), "short.s", program('B', 50_000));
        assertEquals("BA", r.console());
        assertEquals(0, r.status());
        // 200,000 iterations of 9 instructions: far more than one quantum (QUANTUM_TICKS Count ticks)
        assertTrue(r.result().instructions() > 1_800_000, r.result().toString());
    }
}
