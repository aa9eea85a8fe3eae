/* Integer workload for the interpreter benchmark: sieve, CRC-32, insertion sort and a branchy state
 * machine, printing a checksum to COM1. Freestanding: no libc. */
#ifdef GXEMUL_TESTMIPS
/* GXemul's testmips console (scripts/gxemul-compare.sh builds this variant for speed comparisons only). */
#define CONS_PUTCHAR ((volatile unsigned char *)0xB0000000)
static void putc_(char c) { *CONS_PUTCHAR = c; }
#elif defined(LINUX_USER)
/* A Linux (o32) user-mode program for QEMU's user-mode emulator (scripts/gxemul-compare.sh, speed comparison
 * only), still without libc: its own entry point and two system calls (o32 numbers: 4000 + the call). */
static long linux_syscall(long n, long a, long b, long c) {
    register long v0 __asm__("$2") = n;
    register long a0 __asm__("$4") = a, a1 __asm__("$5") = b, a2 __asm__("$6") = c, a3 __asm__("$7");
    __asm__ volatile("syscall" : "+r"(v0), "=r"(a3), "+r"(a0), "+r"(a1), "+r"(a2)
                     : : "memory", "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13", "$14", "$15", "$24", "$25", "hi", "lo");
    return v0;
}
static void putc_(char c) { linux_syscall(4004 /* write */, 1, (long)&c, 1); }
int main(void);
void __start(void) { linux_syscall(4001 /* exit */, main(), 0, 0); for (;;) ; }
#else
#define UART_THR ((volatile unsigned char *)0xBD0003F8)
#define UART_LSR ((volatile unsigned char *)0xBD0003FD)

static void putc_(char c) { while (!(*UART_LSR & 0x20)) ; *UART_THR = c; }
#endif
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void puthex(unsigned v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }

#ifndef ROUNDS
#define ROUNDS 8 /* the benchmark resource's value; scripts/gxemul-compare.sh builds longer runs */
#endif

static unsigned char flags[8192];
static unsigned crc_table[256];
static int data[512];

static unsigned sieve(void) {
    unsigned count = 0;
    for (int i = 2; i < 8192; i++) flags[i] = 1;
    for (int i = 2; i < 8192; i++) {
        if (flags[i]) { count++; for (int k = i + i; k < 8192; k += i) flags[k] = 0; }
    }
    return count;
}

static unsigned crc32(const unsigned char *p, int n) {
    unsigned c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}

static void crc_init(void) {
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static unsigned sort(unsigned seed) {
    for (int i = 0; i < 512; i++) { seed = seed * 1103515245u + 12345u; data[i] = (int)(seed >> 8); }
    for (int i = 1; i < 512; i++) {
        int v = data[i], j = i - 1;
        while (j >= 0 && data[j] > v) { data[j + 1] = data[j]; j--; }
        data[j + 1] = v;
    }
    unsigned h = 0;
    for (int i = 0; i < 512; i++) h = h * 31 + (unsigned)data[i];
    return h;
}

static unsigned machine(unsigned seed, int steps) {
    unsigned state = 0, acc = 0;
    for (int i = 0; i < steps; i++) {
        seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
        switch ((state + seed) & 7) {
        case 0: acc += seed; state = 3; break;
        case 1: acc ^= seed >> 3; state = 5; break;
        case 2: acc = acc * 33 + 1; state = 1; break;
        case 3: acc -= state; state = 7; break;
        case 4: acc = (acc << 1) | (acc >> 31); state = 2; break;
        case 5: acc += 0x9E3779B9u; state = 0; break;
        case 6: if (acc & 1) acc >>= 1; else acc += 7; state = 4; break;
        default: acc ^= 0xA5A5A5A5u; state = 6; break;
        }
    }
    return acc;
}

int main(void) {
    unsigned sum = 0;
    crc_init();
    for (int round = 0; round < ROUNDS; round++) {
        sum += sieve();
        sum ^= crc32(flags, sizeof flags);
        sum += sort(sum + round);
        sum ^= machine(sum, 20000);
    }
    puts_("workload checksum ");
    puthex(sum);
    putc_('\n');
    return 0;
}
