/*
 * emptytlb.c - what a KSEG0 image sees of the TLB the boot monitor leaves (docs/reset-state.md). Built by
 * LoaderRuleTest with the plain flags a user would use:
 *   mips-linux-gnu-gcc -O2 -mabi=32|n32|64 [-EL] -ffreestanding -nostdlib -static -Wl,-Ttext=<KSEG0>
 * (gcc's default -march, mips32r2/mips64r2, on purpose). It returns, as its exit status, a bit for each
 * thing that is not as documented:
 *   1  Wired is not 0
 *   2  TLBP finds an entry for kuseg 0x00000000, 4  ... for 0x00400000 (where GNU ld puts the header
 *      segment of an o32 image), 8  ... for 0x10000000 (n32's), 16 ... for 0x3c00000
 *   32 initialised data is wrong, 64 BSS is not zero
 * and when all is well it loads from kuseg 0x00400000, which must take a TLB refill: with the monitor's
 * vectors that halts the run as an unhandled TLBL (status 123).
 */
int data_word = 0x5eb1e;
int bss_words[64];

static unsigned probe(unsigned long entryhi) {
    unsigned index;
    __asm__ volatile(".set push\n\t.set noreorder\n\t"
                     "mtc0 %1, $10\n\tnop\n\tnop\n\ttlbp\n\tnop\n\tnop\n\tmfc0 %0, $0\n\t.set pop"
                     : "=r"(index) : "r"(entryhi) : "memory");
    return index >> 31;   /* Index.P: 1 when no entry matched */
}

int __start(void) {
    unsigned wired;
    int bad = 0;
    __asm__ volatile("mfc0 %0, $6" : "=r"(wired));
    if (wired != 0) bad |= 1;
    if (!probe(0x00000000)) bad |= 2;
    if (!probe(0x00400000)) bad |= 4;
    if (!probe(0x10000000)) bad |= 8;
    if (!probe(0x03c00000)) bad |= 16;
    if (data_word != 0x5eb1e) bad |= 32;
    for (int i = 0; i < 64; i++) if (bss_words[i] != 0) bad |= 64;
    if (bad) return bad;
    return *(volatile int *)0x00400000;   /* refill: halts with 123 */
}
