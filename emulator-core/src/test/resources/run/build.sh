#!/bin/sh
# Rebuilds the loader fixtures with Debian's cross gcc, using exactly the flags users type (no linker script):
# the default is a PIE (ET_DYN) linked at 0; -no-pie gives an ET_EXEC at 0x400000. Both live in kuseg.
set -e
cd "$(dirname "$0")"
F="-O2 -march=r5000 -mabi=32 -ffreestanding -nostdlib"
mips-linux-gnu-gcc   $F hello.c -o pie-hello-be.elf
mipsel-linux-gnu-gcc $F hello.c -o pie-hello-le.elf
mips-linux-gnu-gcc   $F -no-pie hello.c -o exec-hello-be.elf
mips-linux-gnu-gcc   $F -e _start fault.c -o fault-be.elf
mips-linux-gnu-gcc   $F -e _start return7.c -o return7-be.elf
