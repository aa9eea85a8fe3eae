#!/usr/bin/env bash
# Times Pebble R5K against GXemul on the same gcc-compiled integer workload (src-guest/bench), whole process
# (start-up included), the two emulators run in turn (scripts/lib/whole-process.sh).
#   [PEBBLE_OPTS=--no-timing] scripts/gxemul-compare.sh [ROUNDS] [RUNS]
# (default 400 rounds = 455,130,942 guest instructions; 5 runs each). Needs gcc-mips-linux-gnu, gxemul,
# script(1) and GNU time (/usr/bin/time).
# GXemul runs its testmips machine (console at 0xB0000000, halt port +0x10) with an R5000 CPU; it needs a
# terminal, so it runs under script(1). Where qemu-mips is installed, QEMU's user-mode emulator (a functional
# translator with no machine model, no caches, no time) runs the same code built as a Linux program, for scale.
# All images print the same checksum.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-400}"
RUNS="${2:-5}"
OUT="${TMPDIR:-/tmp}/pebble-gxemul-compare"
mkdir -p "$OUT"
SRC="$ROOT/src-guest/bench"
CC=(-O2 -march=r5000 -mabi=32 -mno-abicalls -fno-pic -ffreestanding -nostdlib -static -G0 -DROUNDS="$ROUNDS")
F=("${CC[@]}" -T "$SRC/link.ld" "$SRC/crt0.S" "$SRC/workload.c")
mips-linux-gnu-gcc "${F[@]}" -o "$OUT/pebble.elf"
mips-linux-gnu-gcc "${F[@]}" -DGXEMUL_TESTMIPS -o "$OUT/gxemul.elf"
pebble_cmd=("$ROOT/pebble" run ${PEBBLE_OPTS:-} "$OUT/pebble.elf")
gxemul_cmd=(script -qec "gxemul -q -E testmips -C R5000 $OUT/gxemul.elf" /dev/null)
if command -v qemu-mips >/dev/null; then
  mips-linux-gnu-gcc "${CC[@]}" -DLINUX_USER "$SRC/workload.c" -o "$OUT/qemu.elf"
  qemu_cmd=(qemu-mips "$OUT/qemu.elf")
fi
# One run of each first (not timed): the checksums compared, and Pebble's statistics shown.
"$ROOT/pebble" run --stats ${PEBBLE_OPTS:-} "$OUT/pebble.elf" </dev/null | tee "$OUT/pebble.out"
"${gxemul_cmd[@]}" </dev/null | tr -d '\r' >"$OUT/gxemul.out"
sum() { grep -m1 -i 'checksum' "$1" || true; }
if [[ -z $(sum "$OUT/pebble.out") ]] || [[ $(sum "$OUT/pebble.out") != "$(sum "$OUT/gxemul.out")" ]]; then
  echo "gxemul-compare: Pebble and GXemul printed different checksums (outputs in $OUT)" >&2
  exit 1
fi
if [[ -n ${qemu_cmd+x} ]] && [[ $("${qemu_cmd[@]}" </dev/null | grep -m1 -i checksum) != "$(sum "$OUT/pebble.out")" ]]; then
  echo "gxemul-compare: QEMU printed a different checksum than Pebble" >&2
  exit 1
fi
source "$ROOT/scripts/lib/whole-process.sh"
time_in_turn
report_both "gcc integer workload, $ROUNDS rounds"
