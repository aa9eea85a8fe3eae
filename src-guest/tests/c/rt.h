/*
 * Tiny freestanding runtime shared by the C test fixtures. Built two ways:
 *  - for the guest (no -DHOST): console is COM1 of the P-5064 (poll LSR bit 0x20, write THR), exit is a
 *    store of the status to the sim-control register; the entry point is __start (no crt0, no libc).
 *  - for the host (-DHOST): the same program on stdout, so the expected output never comes from Pebble.
 * Programs define prog_main() and print only values independent of sizeof(long) and pointer width.
 */
#ifndef RT_H
#define RT_H

#ifdef HOST
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static void put_char(char c) { putchar(c); }
static int prog_main(void);
int main(void) { int s = prog_main(); fflush(stdout); return s; }
#else
typedef __SIZE_TYPE__ size_t;

/* A KSEG1 address as a pointer: sign-extended so that it is also right for n64 (CKSEG1). */
#define KSEG1(a) ((volatile unsigned char *)(long)(int)(a))
#define UART_THR KSEG1(0xBD0003F8u)
#define UART_LSR KSEG1(0xBD0003FDu)
#define SIM_EXIT ((volatile unsigned int *)KSEG1(0xBFFF0000u))

static void put_char(char c) {
    while (!(*UART_LSR & 0x20)) { }
    *UART_THR = (unsigned char) c;
}

/* GCC may emit calls to these even with -ffreestanding (struct copies, zeroing loops); the attribute
   stops it from turning their own loops back into calls to themselves. */
#define RT_NOLOOPCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
RT_NOLOOPCALL void *memcpy(void *d, const void *s, size_t n) {
    unsigned char *dp = d; const unsigned char *sp = s;
    while (n--) *dp++ = *sp++;
    return d;
}
RT_NOLOOPCALL void *memmove(void *d, const void *s, size_t n) {
    unsigned char *dp = d; const unsigned char *sp = s;
    if (dp < sp) { while (n--) *dp++ = *sp++; }
    else { dp += n; sp += n; while (n--) *--dp = *--sp; }
    return d;
}
RT_NOLOOPCALL void *memset(void *d, int c, size_t n) {
    unsigned char *dp = d;
    while (n--) *dp++ = (unsigned char) c;
    return d;
}
RT_NOLOOPCALL int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}

#if _MIPS_SIM == _ABIO32
/* o32 has no 64-bit divide instruction and -nostdlib drops libgcc: shift-and-subtract versions of its helpers. */
static unsigned long long udivmod64(unsigned long long n, unsigned long long d, unsigned long long *rem) {
    unsigned long long q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) { r -= d; q |= 1ULL << i; }
    }
    *rem = r;
    return q;
}
unsigned long long __udivdi3(unsigned long long n, unsigned long long d) { unsigned long long r; return udivmod64(n, d, &r); }
unsigned long long __umoddi3(unsigned long long n, unsigned long long d) { unsigned long long r; udivmod64(n, d, &r); return r; }
long long __divdi3(long long n, long long d) {
    unsigned long long r, q = udivmod64(n < 0 ? -(unsigned long long) n : n, d < 0 ? -(unsigned long long) d : d, &r);
    return (n < 0) != (d < 0) ? -(long long) q : (long long) q;
}
long long __moddi3(long long n, long long d) {
    unsigned long long r;
    udivmod64(n < 0 ? -(unsigned long long) n : n, d < 0 ? -(unsigned long long) d : d, &r);
    return n < 0 ? -(long long) r : (long long) r;
}
#endif

static int prog_main(void);
void __start(void) __attribute__((noreturn));
void __start(void) {
    int s = prog_main();
    *SIM_EXIT = (unsigned int) s;
    for (;;) { }
}
#endif

#define RT_UNUSED __attribute__((unused))

RT_UNUSED static void put_str(const char *s) { while (*s) put_char(*s++); }

RT_UNUSED static void put_udec(unsigned long long v) {
    char buf[24]; int i = 0;
    do { buf[i++] = (char) ('0' + v % 10); v /= 10; } while (v);
    while (i) put_char(buf[--i]);
}

RT_UNUSED static void put_dec(long long v) {
    if (v < 0) { put_char('-'); put_udec(-(unsigned long long) v); } else put_udec((unsigned long long) v);
}

RT_UNUSED static void put_hex(unsigned long long v, int digits) {
    for (int i = digits - 1; i >= 0; i--) put_char("0123456789abcdef"[(v >> (4 * i)) & 15]);
}

RT_UNUSED static void put_kv(const char *k, long long v) { put_str(k); put_str(" = "); put_dec(v); put_char('\n'); }

#endif
