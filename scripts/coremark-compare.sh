#!/usr/bin/env bash
# Times Pebble R5K against GXemul on EEMBC CoreMark (branchy integer code), whole process (start-up included),
# the two emulators run in turn. CoreMark's sources are not in this tree: point COREMARK_DIR at a checkout of
# https://github.com/eembc/coremark; the port layer (console, CP0 Count timer) is ours, in src-guest/bench/coremark.
#   COREMARK_DIR=~/coremark [PEBBLE_OPTS=--no-timing] scripts/coremark-compare.sh [ITERATIONS] [RUNS]
# (default 2000 iterations, about 650 M guest instructions; 5 runs each). Needs gcc-mips-linux-gnu, gxemul,
# script(1) (GXemul wants a terminal) and GNU time (/usr/bin/time).
# The iteration count is fixed at build time: CoreMark's own calibration (ITERATIONS=0) would count emulated
# seconds on each emulator's CP0 Count, which they advance differently. For the same reason CoreMark's own
# "Total time" and its "Must execute for at least 10 secs" complaint are about emulated time: the figures to
# compare are the wall and CPU seconds printed at the end. Both images must print the same CRCs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ITERATIONS="${1:-2000}"
RUNS="${2:-5}"
: "${COREMARK_DIR:?set COREMARK_DIR to a checkout of https://github.com/eembc/coremark}"
for f in core_list_join.c core_main.c core_matrix.c core_state.c core_util.c coremark.h; do
  [[ -f $COREMARK_DIR/$f ]] || { echo "coremark-compare: $COREMARK_DIR/$f not found (COREMARK_DIR must be a CoreMark checkout)" >&2; exit 2; }
done
OUT="${TMPDIR:-/tmp}/pebble-coremark-compare"
mkdir -p "$OUT"
PORT="$ROOT/src-guest/bench/coremark"
CFLAGS=(-O2 -march=r5000 -mabi=32 -mno-abicalls -fno-pic -ffreestanding -G0)
F=("${CFLAGS[@]}" -nostdlib -static -T "$ROOT/src-guest/bench/link.ld" "$ROOT/src-guest/bench/crt0.S"
   -I"$PORT" -I"$COREMARK_DIR" "$PORT/core_portme.c"
   "$COREMARK_DIR"/core_{list_join,main,matrix,state,util}.c
   -DITERATIONS="$ITERATIONS" -DPERFORMANCE_RUN=1 -DFLAGS_STR="\"${CFLAGS[*]}\"" -lgcc)
mips-linux-gnu-gcc "${F[@]}" -o "$OUT/pebble.elf"
mips-linux-gnu-gcc "${F[@]}" -DGXEMUL_TESTMIPS -o "$OUT/gxemul.elf"
pebble_cmd=("$ROOT/pebble" run ${PEBBLE_OPTS:-} "$OUT/pebble.elf")
gxemul_cmd=(script -qec "gxemul -q -E testmips -C R5000 $OUT/gxemul.elf" /dev/null)
# One run of each first (not timed): the outputs, and their CRCs compared.
"${pebble_cmd[@]}" >"$OUT/pebble.out" </dev/null
"${gxemul_cmd[@]}" </dev/null | tr -d '\r' >"$OUT/gxemul.out"
cat "$OUT/pebble.out"
crcs() { grep -E '^(seedcrc|\[0\]crc)' "$1"; }
if ! diff <(crcs "$OUT/pebble.out") <(crcs "$OUT/gxemul.out") >/dev/null || [[ -z $(crcs "$OUT/pebble.out") ]]; then
  echo "coremark-compare: Pebble and GXemul printed different CRCs (outputs in $OUT)" >&2
  exit 1
fi
# Timed runs, in turn: wall, user and system seconds of the whole process.
source "$ROOT/scripts/lib/whole-process.sh"
time_in_turn
report_both "CoreMark, $ITERATIONS iterations"
