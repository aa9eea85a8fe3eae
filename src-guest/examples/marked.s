# marked.s - timeline markers from a user domain:
#   ./pebble boot --sim-control src-guest/examples/marked.s --timeline marked.json
# then open marked.json in https://ui.perfetto.dev: the "markers" track has one span per null portal call
# ("null portal") inside one span for the whole loop ("3 calls"), and the exceptions track shows each call's
# SYSCALL entry and ERET inside its span (docs/debugging.md, Timeline).
#
# `--sim-control` maps the emulator's sim-control page, uncached, at USER_SIMCTL_VA in this domain; without
# it that address is unmapped and the first marker store is a TLB fault that ends the domain.
#
# Console output (after the nucleus's banner):
#   3 null portal calls marked

        .include "pebble.inc"
        .include "sim-control.inc"

        .text
        .globl  _start
_start:
        li      $s0, USER_SIMCTL_VA     # the sim-control page, as --sim-control maps it
        li      $s1, 3                  # calls left ($s registers survive portal calls)
        MARK_BEGIN loop_name, $s0, $t0
again:
        MARK_BEGIN call_name, $s0, $t0
        PORTAL  PORTAL_NULL             # the null short-circuit portal (Table 1)
        MARK_END call_name, $s0, $t0
        addiu   $s1, $s1, -1
        bnez    $s1, again
        MARK_END loop_name, $s0, $t0
        PUTS    done
        EXIT    0

        .data
loop_name:  .asciiz "3 calls"
call_name:  .asciiz "null portal"
done:       .asciiz "3 null portal calls marked\n"
