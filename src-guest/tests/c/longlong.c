/* 64-bit long long arithmetic: add/sub carries, multiply, signed and unsigned division and remainder,
   shifts by variable amounts, comparisons, and a 64-bit xorshift generator. */
#include "rt.h"

static unsigned long long xs(unsigned long long *s) {
    unsigned long long x = *s;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    return *s = x;
}

/* noinline keeps the operations real (not constant-folded at compile time). */
static __attribute__((noinline)) long long sdiv(long long a, long long b) { return a / b; }
static __attribute__((noinline)) long long smod(long long a, long long b) { return a % b; }
static __attribute__((noinline)) unsigned long long udiv(unsigned long long a, unsigned long long b) { return a / b; }
static __attribute__((noinline)) unsigned long long umod(unsigned long long a, unsigned long long b) { return a % b; }
static __attribute__((noinline)) unsigned long long shl(unsigned long long a, int n) { return a << n; }
static __attribute__((noinline)) unsigned long long shr(unsigned long long a, int n) { return a >> n; }
static __attribute__((noinline)) long long sar(long long a, int n) { return a >> n; }

static void hexline(const char *k, unsigned long long v) { put_str(k); put_str(" = "); put_hex(v, 16); put_char('\n'); }

static int prog_main(void) {
    put_str("longlong\n");
    unsigned long long a = 0xFFFFFFFFull, b = 1;
    hexline("carry", a + b);
    hexline("borrow", 0x100000000ull - b);
    hexline("mul", 0x123456789ull * 0xABCDEFull);
    hexline("mulhi", (unsigned long long) 0xFFFFFFFFu * 0xFFFFFFFFu);
    long long m = -123456789012345ll;
    put_kv("neg mul", m * 3);
    put_kv("sdiv", sdiv(m, 1000));
    put_kv("smod", smod(m, 1000));
    put_kv("sdiv neg", sdiv(1000000000000ll, -7));
    put_kv("smod neg", smod(1000000000000ll, -7));
    put_kv("sdiv min", sdiv(-9223372036854775807ll - 1, 3));
    put_udec(udiv(0xFFFFFFFFFFFFFFFFull, 10)); put_char('\n');
    put_udec(umod(0xFFFFFFFFFFFFFFFFull, 10)); put_char('\n');
    put_udec(udiv(0x8000000000000000ull, 0x100000001ull)); put_char('\n');
    for (int n = 0; n < 64; n += 9) {
        put_dec(n); put_char(' ');
        put_hex(shl(0x8421084210842108ull, n), 16); put_char(' ');
        put_hex(shr(0x8421084210842108ull, n), 16); put_char(' ');
        put_hex((unsigned long long) sar((long long) 0x8421084210842108ull, n), 16); put_char('\n');
    }
    unsigned long long s = 88172645463325252ull, sum = 0, x = 0;
    int lt = 0, slt = 0;
    for (int i = 0; i < 1000; i++) {
        unsigned long long r = xs(&s), q = xs(&s) >> (i & 31);
        if (q == 0) q = 1;
        sum += udiv(r, q) ^ umod(r, q);
        x ^= (unsigned long long) sdiv((long long) r, (long long) (q | 1)) + (unsigned long long) smod((long long) r, (long long) (q | 1));
        lt += r < q;
        slt += (long long) r < (long long) q;
    }
    hexline("sum", sum);
    hexline("x", x);
    put_kv("lt", lt);
    put_kv("slt", slt);
    put_kv("fact20", 2432902008176640000ll);
    long long f = 1;
    for (int i = 2; i <= 20; i++) f *= i;
    put_kv("f20", f);
    put_kv("f20/19!", sdiv(f, 121645100408832000ll));
    return 0;
}
