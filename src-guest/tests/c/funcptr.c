/* Function pointers: dispatch tables, callbacks, a comparator-driven sort, and a pointer-to-function chain. */
#include "rt.h"

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
/* Wrapping arithmetic through unsigned: signed overflow would be undefined in C. */
static int mul(int a, int b) { return (int) ((unsigned) a * (unsigned) b); }
static int maxi(int a, int b) { return a > b ? a : b; }
static int shl(int a, int b) { return (int) ((unsigned) a << (b & 31)); }

static const struct { const char *name; binop fn; } ops[] = {
    {"add", add}, {"sub", sub}, {"mul", mul}, {"max", maxi}, {"shl", shl},
};

static int fold(const int *v, int n, binop f, int init) {
    for (int i = 0; i < n; i++) init = f(init, v[i]);
    return init;
}

typedef int (*cmp_fn)(const void *, const void *);
static int by_value(const void *a, const void *b) { return *(const int *) a - *(const int *) b; }
static int by_value_desc(const void *a, const void *b) { return *(const int *) b - *(const int *) a; }
static int by_last_digit(const void *a, const void *b) {
    int x = *(const int *) a % 10, y = *(const int *) b % 10;
    return x != y ? x - y : by_value(a, b);
}

static void sort(int *v, int n, cmp_fn cmp) {
    for (int i = 1; i < n; i++) {
        int k = v[i], j = i - 1;
        while (j >= 0 && cmp(&v[j], &k) > 0) { v[j + 1] = v[j]; j--; }
        v[j + 1] = k;
    }
}

static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int sq(int x) { return x * x; }
static int (*const chain[])(int) = {inc, dbl, sq, inc, dbl};

static void each(const int *v, int n, void (*visit)(int)) { for (int i = 0; i < n; i++) visit(v[i]); }
static void print_item(int x) { put_char(' '); put_dec(x); }

static int prog_main(void) {
    put_str("funcptr\n");
    static const int v[] = {3, 14, 15, 92, 65, 35, 89, 79, 32, 38};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        put_str(ops[i].name); put_str(" = "); put_dec(fold(v, 10, ops[i].fn, i == 2 ? 1 : 0)); put_char('\n');
    }
    int w[10];
    cmp_fn cmps[] = {by_value, by_value_desc, by_last_digit};
    for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 10; i++) w[i] = v[i];
        sort(w, 10, cmps[c]);
        put_str("sorted"); each(w, 10, print_item); put_char('\n');
    }
    int x = 3;
    for (unsigned i = 0; i < sizeof chain / sizeof chain[0]; i++) { x = chain[i](x); put_dec(x); put_char(' '); }
    put_char('\n');
    volatile binop pick = ops[(x & 3)].fn;
    put_kv("picked", pick(1000, 7));
    return 0;
}
