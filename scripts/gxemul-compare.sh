#!/usr/bin/env bash
# Times Pebble R5K against GXemul on the same gcc-compiled integer workload (src-guest/bench), whole process
# (start-up included), with farm-bench pairing the runs. Needs gcc-mips-linux-gnu, gxemul, farm-bench, script(1).
#   [PEBBLE_OPTS=--no-timing] scripts/gxemul-compare.sh [ROUNDS]   (default 400 rounds = 455,130,942 guest instructions)
# GXemul runs its testmips machine (console at 0xB0000000, halt port +0x10) with an R5000 CPU; it needs a
# terminal, so it runs under script(1). Both images print the same checksum.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-400}"
OUT="${TMPDIR:-/tmp}/pebble-gxemul-compare"
mkdir -p "$OUT"
SRC="$ROOT/src-guest/bench"
F=(-O2 -march=r5000 -mabi=32 -mno-abicalls -fno-pic -ffreestanding -nostdlib -static -G0
   -T "$SRC/link.ld" "$SRC/crt0.S" "$SRC/workload.c" -DROUNDS="$ROUNDS")
mips-linux-gnu-gcc "${F[@]}" -o "$OUT/pebble.elf"
mips-linux-gnu-gcc "${F[@]}" -DGXEMUL_TESTMIPS -o "$OUT/gxemul.elf"
"$ROOT/pebble" run --stats "$OUT/pebble.elf"
farm-bench -n 5 --timeout 600 --vs "script -qec 'gxemul -q -E testmips -C R5000 $OUT/gxemul.elf' /dev/null" \
  -- "$ROOT/pebble" run ${PEBBLE_OPTS:-} "$OUT/pebble.elf"
