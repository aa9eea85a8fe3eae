#!/bin/sh
# Generates a standalone random n32 program (LongProgram: chained SeqGen bodies, thousands of 64-bit
# instructions, a register + scratch-memory dump in hex every 10 bodies) and builds it two ways:
#   OUT/n32-random-<be|le>.elf       bare, linked at KSEG0 0x80100000: prints on COM1, halts via sim-control
#   OUT/n32-random-<be|le>.expected  the output of the Linux user-mode build of the SAME bodies under QEMU
#                                    (qemu-mipsn32[el] -cpu 5Kf), i.e. the reference, never Pebble's output
# Usage: scripts/gen-n32-program.sh [SEED [BODIES [OUT]]]   (defaults: 0xC0FFEE 120 the test resources)
# Needs mips-linux-gnu-as/ld and qemu-user; compiles the test classes with Maven if needed.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SEED="${1:-0xC0FFEE}"
BODIES="${2:-120}"
OUT="${3:-$ROOT/emulator-core/src/test/resources/random}"
CORE="$ROOT/emulator-core"
if [ ! -f "$CORE/target/test-classes/pebble/r5k/differential/LongProgram.class" ]; then
    (cd "$ROOT" && mvn -q -B -o test-compile -pl emulator-core)
fi
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
java -cp "$CORE/target/test-classes:$CORE/target/classes" pebble.r5k.differential.LongProgram "$SEED" "$BODIES" 10 "$TMP"
for e in be le; do
    if [ $e = be ]; then EF=-EB; EM=elf32btsmipn32; Q=qemu-mipsn32; else EF=-EL; EM=elf32ltsmipn32; Q=qemu-mipsn32el; fi
    mips-linux-gnu-as $EF -mabi=n32 -march=r5000 -o "$TMP/bare.o" "$TMP/bare.s"
    mips-linux-gnu-as $EF -mabi=n32 -march=r5000 -o "$TMP/linux.o" "$TMP/linux.s"
    mips-linux-gnu-ld -m $EM -static -e __start -o "$TMP/linux" "$TMP/linux.o"
    mips-linux-gnu-ld -m $EM -static -e __start -Ttext-segment=0x80100000 -z max-page-size=0x1000 --build-id=none \
        -o "$OUT/n32-random-$e.elf" "$TMP/bare.o"
    $Q -cpu 5Kf "$TMP/linux" > "$OUT/n32-random-$e.expected"
done
echo "seed $SEED, $BODIES bodies: wrote $OUT/n32-random-{be,le}.{elf,expected}"
