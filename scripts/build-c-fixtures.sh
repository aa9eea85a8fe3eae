#!/bin/sh
# Rebuilds the C test fixtures in emulator-core/src/test/resources/c/ from src-guest/tests/c/*.c.
# Needs the Debian MIPS cross compilers (gcc-mips-linux-gnu, gcc-mipsel-linux-gnu) and a host gcc; the
# tests use the committed ELF files, so the default build needs neither.
#
# Every program is built for o32, n32 and n64, big- and little-endian, in two link variants:
#   <prog>-<abi>-<be|le>.elf        static, linked at KSEG0 0x80100000 (CKSEG0 0xffffffff80100000 for n64)
#   <prog>-<abi>-<be|le>-plain.elf  the plain flags only: Debian's gcc then makes a PIE linked at 0 (kuseg)
# plus two uncached-space images of "strings": strings-o32-le-kseg1.elf (0xa0100000) and
# strings-n64-be-ckseg1.elf (0xffffffffa0100000).
# The expected console output and exit status come from the SAME source compiled natively with -DHOST and
# run on the host -- never from Pebble:
#   <prog>.expected, <prog>.status
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="$ROOT/src-guest/tests/c"
OUT="$ROOT/emulator-core/src/test/resources/c"
PROGS="strings recursion switch longlong structs funcptr"
BASE="-O2 -march=r5000 -ffreestanding -nostdlib"
KSEG0="-static -Wl,--build-id=none -Wl,-z,max-page-size=0x1000"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

for p in $PROGS; do
    for abi in 32 n32 64; do
        tag=$( [ "$abi" = 32 ] && echo o32 || { [ "$abi" = n32 ] && echo n32 || echo n64; } )
        at=$( [ "$abi" = 64 ] && echo 0xffffffff80100000 || echo 0x80100000 )
        for e in be le; do
            cc=$( [ "$e" = be ] && echo mips-linux-gnu-gcc || echo mipsel-linux-gnu-gcc )
            $cc $BASE -mabi=$abi $KSEG0 -Wl,-Ttext-segment=$at "$SRC/$p.c" -o "$OUT/$p-$tag-$e.elf"
            $cc $BASE -mabi=$abi "$SRC/$p.c" -o "$OUT/$p-$tag-$e-plain.elf"
        done
    done
    gcc -O2 -DHOST "$SRC/$p.c" -o "$TMP/$p"
    set +e
    "$TMP/$p" > "$OUT/$p.expected"
    echo $? > "$OUT/$p.status"
    set -e
done
mipsel-linux-gnu-gcc $BASE -mabi=32 $KSEG0 -Wl,-Ttext-segment=0xa0100000 "$SRC/strings.c" -o "$OUT/strings-o32-le-kseg1.elf"
mips-linux-gnu-gcc $BASE -mabi=64 $KSEG0 -Wl,-Ttext-segment=0xffffffffa0100000 "$SRC/strings.c" -o "$OUT/strings-n64-be-ckseg1.elf"
echo "built $(ls "$OUT"/*.elf | wc -l) ELF fixtures in $OUT"
