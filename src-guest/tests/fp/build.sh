#!/bin/sh
# Builds the FPU fixtures (big- and little-endian ELFs) and their expected console output.
# The expected output comes from the same C source compiled natively for the host (-DHOST), never from
# Pebble. Run from anywhere; writes to emulator-core/src/test/resources/fpu/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../.." && pwd)/emulator-core/src/test/resources/fpu
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CFLAGS="-O2 -march=r5000 -mabi=32 -mhard-float -ffreestanding -nostdlib -static -fno-math-errno -fno-pic -mno-abicalls -G0"
for prog in fp; do
    for e in EB EL; do
        suffix=$(echo $e | tr 'A-Z' 'a-z' | sed 's/e//')   # EB -> b, EL -> l
        mips-linux-gnu-gcc $CFLAGS -$e -c -o "$tmp/crt0.o" "$here/crt0.S"
        mips-linux-gnu-gcc $CFLAGS -$e -c -o "$tmp/$prog.o" "$here/$prog.c"
        mips-linux-gnu-ld -$e -T "$here/link.ld" -o "$out/$prog-${suffix}e.elf" "$tmp/crt0.o" "$tmp/$prog.o"
    done
    # Host reference: no FMA contraction either way, so the R5000's twice-rounded madd matches.
    gcc -O2 -DHOST -fno-math-errno -ffp-contract=off -o "$tmp/$prog-host" "$here/$prog.c"
    "$tmp/$prog-host" > "$out/$prog.expected"
done
echo "built: $(ls "$out")"
