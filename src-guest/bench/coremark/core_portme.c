/*
 * CoreMark port layer for Pebble R5K and GXemul's testmips machine (see core_portme.h).
 * Console: Pebble's P-5064 COM1 (ns16550 at 0x1D0003F8, polled), or with -DGXEMUL_TESTMIPS the testmips console
 * byte port at 0x10000000 (both through KSEG1, uncached). Timer: CP0 Count.
 */
#include <stdarg.h>
#include "coremark.h"

#if VALIDATION_RUN
volatile ee_s32 seed1_volatile = 0x3415;
volatile ee_s32 seed2_volatile = 0x3415;
volatile ee_s32 seed3_volatile = 0x66;
#endif
#if PERFORMANCE_RUN
volatile ee_s32 seed1_volatile = 0x0;
volatile ee_s32 seed2_volatile = 0x0;
volatile ee_s32 seed3_volatile = 0x66;
#endif
#if PROFILE_RUN
volatile ee_s32 seed1_volatile = 0x8;
volatile ee_s32 seed2_volatile = 0x8;
volatile ee_s32 seed3_volatile = 0x8;
#endif
volatile ee_s32 seed4_volatile = ITERATIONS;
volatile ee_s32 seed5_volatile = 0;
ee_u32 default_num_contexts = 1;

#ifdef GXEMUL_TESTMIPS
static void putc_(char c) { *(volatile unsigned char *)0xB0000000 = c; }
#else
#define UART_THR ((volatile unsigned char *)0xBD0003F8)
#define UART_LSR ((volatile unsigned char *)0xBD0003FD)
static void putc_(char c) { while (!(*UART_LSR & 0x20)) ; *UART_THR = c; }
#endif

/*
 * Ticks per second: the R5000 advances Count every other pipeline cycle, 83.28 MHz on the P-5064 (166.56 MHz).
 * Each emulator advances Count its own way, so CoreMark's own time and score are emulated figures; the
 * comparison script times the whole process instead. ITERATIONS is fixed at build time for the same reason
 * (0 would calibrate against Count, a different number of iterations on each emulator).
 */
#define COUNT_HZ 83280000u

static ee_u32 count_(void) {
    ee_u32 c;
    __asm__ volatile("mfc0 %0, $9" : "=r"(c));
    return c;
}

static CORETIMETYPE start_time_val, stop_time_val;

void start_time(void) { start_time_val = count_(); }
void stop_time(void) { stop_time_val = count_(); }
CORE_TICKS get_time(void) { return stop_time_val - start_time_val; }
secs_ret time_in_secs(CORE_TICKS ticks) { return ticks / COUNT_HZ; }

void portable_init(core_portable *p, int *argc, char *argv[]) {
    (void)argc;
    (void)argv;
    p->portable_id = 1;
}

void portable_fini(core_portable *p) { p->portable_id = 0; }

/* A small printf: %d %u %x %s %c with an optional 0 flag, width and l modifier: what core_main prints. */
static int put_num(unsigned long v, int neg, unsigned base, int width, char pad) {
    char buf[24];
    int n = 0, out = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) buf[n++] = '-';
    for (; width > n; width--, out++) putc_(pad);
    while (n) putc_(buf[--n]), out++;
    return out;
}

int ee_printf(const char *fmt, ...) {
    va_list ap;
    int out = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc_(*fmt);
            out++;
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0') pad = '0', fmt++;
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        if (*fmt == 'l') fmt++;
        switch (*fmt) {
        case 'd': {
            long v = va_arg(ap, long);
            out += put_num(v < 0 ? -(unsigned long)v : (unsigned long)v, v < 0, 10, width, pad);
            break;
        }
        case 'u': out += put_num(va_arg(ap, unsigned long), 0, 10, width, pad); break;
        case 'x': out += put_num(va_arg(ap, unsigned long), 0, 16, width, pad); break;
        case 'c': putc_((char)va_arg(ap, int)); out++; break;
        case 's':
            for (const char *s = va_arg(ap, const char *); *s; s++) putc_(*s), out++;
            break;
        case '%': putc_('%'); out++; break;
        default: putc_('?'); out++; break;
        }
    }
    va_end(ap);
    return out;
}
