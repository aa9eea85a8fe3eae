#include "t.h"
/* FS=1: tiny results flush (no E trap) when U and I enables are clear; only operands that are normal. */
static volatile double dv[] = { 1e-300, -1e-300, 3e-308, 2.2250738585072014e-308, 2.2250738585072019e-308, 1.5, -1e-10 };
static volatile float fv[] = { 1e-30f, -1e-30f, 2e-38f, 1.17549435e-38f, 1.1754945e-38f, 1.5f, -1e-5f };
#define NE(a) (int)(sizeof a / sizeof a[0])
static NOI double dmul(double a, double b) { return a * b; }
static NOI double dsub(double a, double b) { return a - b; }
static NOI double ddiv(double a, double b) { return a / b; }
static NOI float fmul(float a, float b) { return a * b; }
static NOI float fsub(float a, float b) { return a - b; }
static NOI float d2f(double a) { return (float) a; }
static NOI double dmadd(double a, double b, double c) { return a * b + c; }
static int prog_main(void) {
    for (int rm = 0; rm < 2; rm++) {   /* RN, RZ: flush gives +-0 on both sides */
        for (int i = 0; i < NE(dv); i++) for (int j = 0; j < NE(dv); j++) {
            double a = dv[i], b = dv[j];
            set_fcsr(0x01000000 | rm); double r = dmul(a, b); u32 f = fcsr(); put_hex(db(r), 16); put_char(' '); put_hex(f, 8);
            set_fcsr(0x01000000 | rm); r = dsub(a, b); f = fcsr(); put_char(' '); put_hex(db(r), 16); put_char(' '); put_hex(f, 8);
            set_fcsr(0x01000000 | rm); r = ddiv(a, b); f = fcsr(); put_char(' '); put_hex(db(r), 16); put_char(' '); put_hex(f, 8);
            set_fcsr(0x01000000 | rm); r = dmadd(a, b, a); f = fcsr(); put_char(' '); put_hex(db(r), 16); put_char(' '); put_hex(f, 8);
            put_char('\n');
        }
        for (int i = 0; i < NE(fv); i++) for (int j = 0; j < NE(fv); j++) {
            float a = fv[i], b = fv[j];
            set_fcsr(0x01000000 | rm); float r = fmul(a, b); u32 f = fcsr(); put_hex(fb(r), 8); put_char(' '); put_hex(f, 8);
            set_fcsr(0x01000000 | rm); r = fsub(a, b); f = fcsr(); put_char(' '); put_hex(fb(r), 8); put_char(' '); put_hex(f, 8);
            put_char('\n');
        }
        for (int i = 0; i < NE(dv); i++) { set_fcsr(0x01000000 | rm); float r = d2f(dv[i]); u32 f = fcsr(); put_hex(fb(r), 8); put_char(' '); put_hex(f, 8); put_char('\n'); }
    }
    set_fcsr(0);
    return 0;
}
