# win.s - WindowTest's domain: window page 2 is its own (count 1 from boot), pages 0 and 1 are opened with
# portal 16 (grant) and page 0 closed again with portal 17 (revoke). Prints C, A, B as each access works;
# the access after the revoke must fault (TLBL at 0x00400100, BadVAddr 0x60000000).
        .include "pebble.inc"
        .set    noreorder
        .text
        .globl  _start
_start: li      $s0, 0x1234
        lui     $s1, 0x6000             # WINDOW_VA_BASE
        sw      $s0, 0x2000($s1)        # page 2: owned
        lw      $t1, 0x2000($s1)
        bne     $t1, $s0, bad
        nop
        PUTC    'C'
        li      $a0, 0
        PORTAL  16                      # open page 0
        sw      $s0, 0($s1)
        lw      $t1, 0($s1)
        bne     $t1, $s0, bad
        nop
        PUTC    'A'
        li      $a0, 1
        PORTAL  16                      # open page 1: its half of the pair was loaded invalid with page 0
        sw      $s0, 0x1000($s1)
        lw      $t1, 0x1000($s1)
        bne     $t1, $s0, bad
        nop
        PUTC    'B'
        li      $a0, 0
        PORTAL  17                      # close page 0: its TLB entry goes
        j       probe
        nop
bad:    EXIT    2
        .org    0x100
probe:  lw      $t1, 0($s1)             # must fault
        EXIT    3
