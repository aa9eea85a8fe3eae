# hello.s - the smallest Pebble user program: `./pebble boot src-guest/examples/hello.s`.
#
# It runs in its own protection domain (user mode, its own ASID and page table) and reaches the nucleus
# only through portals (docs/abi.md): PUTC for the console, HRTIME for the cycle counter, EXIT to end.
# The nucleus loads it at USER_TEXT_VA (0x00400000) and starts it at _start.
#
# Console output:
#   Pebble nucleus: 1 domain, L2 on           (the nucleus's banner, printed before any domain runs)
#   Hello from a Pebble domain!
#   time moves on: yes

        .include "pebble.inc"

        .text
        .globl  _start
_start:
        PUTS    greeting
        HRTIME                          # $v0 = CP0 Count, read by the nucleus's hrtime portal
        move    $s0, $v0                # $s0 is preserved across portal calls ($t4..$t9 are not)
        HRTIME
        PUTS    time_label
        bne     $v0, $s0, moved         # Count ticks every other cycle, and a portal call takes many
        PUTS    no
        EXIT    1
moved:
        PUTS    yes
        EXIT    0

        .data
greeting:   .asciiz "Hello from a Pebble domain!\n"
time_label: .asciiz "time moves on: "
yes:        .asciiz "yes\n"
no:         .asciiz "no\n"
