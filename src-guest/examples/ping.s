# ping.s - one half of a two-domain example: `./pebble boot src-guest/examples/ping.s src-guest/examples/pong.s`.
#
# Each program is its own protection domain with its own thread. YIELD (a nucleus portal) hands the
# processor to the next runnable thread, so the two domains take turns on the console: ping, pong, ping...
# Each domain ends itself with EXIT 0; when no thread is left the nucleus ends the run with status 0.
#
# Console output (with pong.s as the second domain):
#   Pebble nucleus: 2 domains, L2 on           (the nucleus's banner, printed before any domain runs)
#   ping 1
#   pong 1
#   ping 2
#   pong 2
#   ping 3
#   pong 3

        .include "pebble.inc"

        .text
        .globl  _start
_start:
        li      $s0, '1'                # round number, as a digit ($s registers survive portal calls)
round:
        PUTS    label
        PUTC_REG $s0
        PUTC    '\n'
        YIELD                           # pong's turn
        addiu   $s0, $s0, 1
        li      $t0, '4'
        bne     $s0, $t0, round
        EXIT    0

        .data
label:  .asciiz "ping "
