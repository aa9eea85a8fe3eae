/*
 * Floating-point fixture for the FPU: float and double arithmetic whose results are printed exactly (no
 * printf: integer-only decimal and hex printing), so that the same source run natively on the host (-DHOST)
 * gives the expected console output bit for bit. Uses add/sub/mul/div/sqrt, madd (gcc contracts a*b+c for
 * -march=r5000; the R5000 rounds twice, as the host's separate multiply and add do), compares, conversions.
 */
#ifdef HOST
#include <stdio.h>
static void putc_(char c) { putchar(c); }
#else
#define UART_THR ((volatile unsigned char *)0xBD0003F8)
#define UART_LSR ((volatile unsigned char *)0xBD0003FD)
static void putc_(char c) { while (!(*UART_LSR & 0x20)) ; *UART_THR = c; }
#endif

typedef unsigned int u32;

static void puts_(const char *s) { while (*s) putc_(*s++); }

static void putu(u32 v) {
    char buf[12];
    int n = 0;
    do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putc_(buf[--n]);
}

static void puti(int v) { if (v < 0) { putc_('-'); putu(0u - (u32) v); } else putu((u32) v); }

static void puthex(u32 v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }

static u32 fbits(float f) { union { float f; u32 u; } x; x.f = f; return x.u; }

static void dbits(double d) {
    union { double d; u32 w[2]; } x;
    x.d = d;
    static const union { u32 u; unsigned char b[4]; } endian = {1};
    u32 hi = endian.b[0] ? x.w[1] : x.w[0], lo = endian.b[0] ? x.w[0] : x.w[1];
    puthex(hi);
    puthex(lo);
}

/* Decimal printing with 'digits' fractional digits, computed in double (exercises mul, sub, cvt, trunc). */
static void putd(double x, int digits) {
    if (x != x) { puts_("nan"); return; }
    if (x < 0) { putc_('-'); x = -x; }
    if (x > 4.0e9) { puts_("big"); return; }
    u32 ip = (u32) x;
    double frac = x - (double) ip;
    putu(ip);
    putc_('.');
    for (int i = 0; i < digits; i++) {
        frac *= 10.0;
        int d = (int) frac;
        putc_('0' + d);
        frac -= d;
    }
}

static void line(const char *label, double v) {
    puts_(label);
    puts_(" = ");
    putd(v, 12);
    puts_(" [");
    dbits(v);
    puts_("]\n");
}

static void linef(const char *label, float v) {
    puts_(label);
    puts_(" = ");
    putd(v, 6);
    puts_(" [");
    puthex(fbits(v));
    puts_("]\n");
}

/* ---------------------------------------------------------------- polynomial (Horner), double and float */

static double horner(const double *c, int n, double x) {
    double r = c[n - 1];
    for (int i = n - 2; i >= 0; i--) r = r * x + c[i];
    return r;
}

static float hornerf(const float *c, int n, float x) {
    float r = c[n - 1];
    for (int i = n - 2; i >= 0; i--) r = r * x + c[i];
    return r;
}

/* ---------------------------------------------------------------- a small n-body step */

#define NB 4
struct body { double x, y, z, vx, vy, vz, m; };

static struct body bodies[NB] = {
    {0, 0, 0, 0, 0, 0, 39.47841760435743},
    {4.84143144246472090, -1.16032004402742839, -0.103622044471123109,
     0.606326392995832, 2.81198684491626, -0.02521836165988763, 0.03769367487038949},
    {8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
     -1.01077434617879, 1.82566237123041, 0.008415761376584154, 0.011286326131968767},
    {12.894369562139131, -15.111151401698631, -0.22330757889265573,
     1.0827910064415354, 0.8687130181696082, -0.010832637401363636, 0.0017237240570597112},
};

static double energy(void) {
    double e = 0;
    for (int i = 0; i < NB; i++) {
        struct body *b = &bodies[i];
        e += 0.5 * b->m * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b->x - bodies[j].x, dy = b->y - bodies[j].y, dz = b->z - bodies[j].z;
            e -= b->m * bodies[j].m / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt) {
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = bodies[i].x - bodies[j].x, dy = bodies[i].y - bodies[j].y, dz = bodies[i].z - bodies[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            bodies[i].vx -= dx * bodies[j].m * mag;
            bodies[i].vy -= dy * bodies[j].m * mag;
            bodies[i].vz -= dz * bodies[j].m * mag;
            bodies[j].vx += dx * bodies[i].m * mag;
            bodies[j].vy += dy * bodies[i].m * mag;
            bodies[j].vz += dz * bodies[i].m * mag;
        }
    }
    for (int i = 0; i < NB; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

/* ---------------------------------------------------------------- float kernels */

static float sumf(int n) {
    float s = 0.0f;
    for (int i = 1; i <= n; i++) s += 1.0f / (float) i;
    return s;
}

static double newton_sqrt(double a) {
    double x = a > 1 ? a : 1;
    for (int i = 0; i < 60; i++) x = 0.5 * (x + a / x);
    return x;
}

static volatile double vzero = 0.0, vone = 1.0, vbig = 1e308;

int main(void) {
    puts_("fp fixture\n");

    static const double c[] = {1.0, -0.5, 0.3333333333333333, -0.25, 0.2, -0.16666666666666666};
    for (int i = 0; i <= 4; i++) line("horner(ln1p)", horner(c, 6, i * 0.25));
    static const float cf[] = {1.0f, 1.0f, 0.5f, 0.16666667f, 0.041666668f, 0.008333334f};
    for (int i = -2; i <= 2; i++) linef("hornerf(exp)", hornerf(cf, 6, (float) i * 0.5f));

    line("energy0", energy());
    for (int s = 0; s < 200; s++) advance(0.01);
    line("energy200", energy());
    line("x1", bodies[1].x);
    line("vz3", bodies[3].vz);

    linef("harmonic(1000)", sumf(1000));
    line("sqrt(2)", __builtin_sqrt(2.0));
    line("newton(2)", newton_sqrt(2.0));
    linef("sqrtf(3)", __builtin_sqrtf(3.0f));
    line("1/3", vone / 3.0);
    linef("(float)1/3", (float) (vone / 3.0));
    line("pi*1e6", 3.141592653589793 * 1e6);

    /* conversions: truncation toward zero of C casts, int to float rounding */
    puts_("casts: ");
    puti((int) 2.75); putc_(' ');
    puti((int) -2.75); putc_(' ');
    puti((int) (float) 16777217); putc_(' ');
    puthex(fbits((float) 16777217)); putc_(' ');
    puthex(fbits((float) -123456789)); putc_(' ');
    puthex((u32) (int) 1e9); putc_('\n');

    /* specials: infinity, NaN, signed zero, compares with NaN */
    double inf = vbig * 10.0, nan = inf - inf, nz = -vzero;
    /* NaN bits differ by design (MIPS legacy default NaN vs the host's), so only its class is printed */
    puts_("inf ["); dbits(inf); puts_("] -0 ["); dbits(nz); puts_("] nan:"); puti(nan != nan); putc_('\n');
    puts_("cmp: ");
    puti(nan == nan); puti(nan != nan); puti(nan < 1.0); puti(1.0 < inf); puti(nz == 0.0); puti(vone > vzero);
    putc_('\n');
    line("1/inf", vone / inf);

    float acc = 0.0f;
    for (int i = 0; i < 100; i++) acc = acc * 0.9f + (float) i * 0.1f;
    linef("iir", acc);

    puts_("done\n");
    return 0;
}
