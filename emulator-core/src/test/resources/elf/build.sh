#!/bin/sh
# Rebuilds the committed ELF fixtures from tiny.c (needs the Debian mips cross compilers).
# Tests use the committed binaries, so they do not need a compiler.
# Text is placed at kseg0 0x80010000 (sign-extended for n64) so the images are runnable on the P-5064;
# max-page-size=0x1000 keeps the files small.
set -e
cd "$(dirname "$0")"
F="-O2 -march=r5000 -ffreestanding -nostdlib -static -fno-pic -mno-abicalls -Wl,-e,_start -Wl,--build-id=none -Wl,-z,max-page-size=0x1000"
mips-linux-gnu-gcc   $F -mabi=32  -Wl,-Ttext-segment=0x80010000         tiny.c -o tiny-o32-be.elf
mipsel-linux-gnu-gcc $F -mabi=32  -Wl,-Ttext-segment=0x80010000         tiny.c -o tiny-o32-le.elf
mips-linux-gnu-gcc   $F -mabi=n32 -Wl,-Ttext-segment=0x80010000         tiny.c -o tiny-n32-be.elf
mips-linux-gnu-gcc   $F -mabi=64  -Wl,-Ttext-segment=0xffffffff80010000 tiny.c -o tiny-n64-be.elf
# A relocatable object: read() must refuse it, inspect() must accept it.
mips-linux-gnu-gcc   -O2 -march=r5000 -mabi=32 -ffreestanding -fno-pic -mno-abicalls -c tiny.c -o tiny-o32-be.o
