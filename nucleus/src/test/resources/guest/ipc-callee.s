# ipc-callee.s - domain 1 of IpcContractTest: its own thread yields twice and exits; `server` (at
# _start + 0x100) runs on the caller's thread through the portal and returns $a0 + secret with jr $ra.
        .include "pebble.inc"
        .set    noreorder
        .text
        .globl  _start
_start: YIELD
        YIELD
        EXIT    0
        .org    0x100
server: lui     $t0, %hi(secret)
        lw      $t0, %lo(secret)($t0)
        jr      $ra
        addu    $v0, $t0, $a0
        .org    0x200
secret: .word   1000
