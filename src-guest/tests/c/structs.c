/* Struct copies and memcpy: assignment of large structs, structs passed and returned by value, arrays of
   structs, memset/memcpy/memmove/memcmp on overlapping and unaligned ranges. */
#include "rt.h"

struct point { int x, y; };
struct rec {
    char name[13];
    short tag;
    long long big;
    struct point pts[5];
    unsigned char flags;
};

static struct rec make(const char *name, int seed) {
    struct rec r;
    memset(&r, 0, sizeof r);
    for (int i = 0; name[i] && i < 12; i++) r.name[i] = name[i];
    r.tag = (short) (seed * 1000);
    r.big = (long long) seed * 0x100000001ll;
    for (int i = 0; i < 5; i++) { r.pts[i].x = seed + i; r.pts[i].y = seed * i; }
    r.flags = (unsigned char) (seed * 37);
    return r;
}

static struct point sum_points(struct rec r) {
    struct point p = {0, 0};
    for (int i = 0; i < 5; i++) { p.x += r.pts[i].x; p.y += r.pts[i].y; }
    return p;
}

static void show(const struct rec *r) {
    put_str(r->name); put_char(' '); put_dec(r->tag); put_char(' '); put_hex((unsigned long long) r->big, 16);
    put_char(' '); put_dec(r->flags);
    for (int i = 0; i < 5; i++) { put_char(' '); put_dec(r->pts[i].x); put_char(','); put_dec(r->pts[i].y); }
    put_char('\n');
}

static struct rec table[4];

static int prog_main(void) {
    put_str("structs\n");
    table[0] = make("alpha", 1);
    table[1] = make("beta", -2);
    table[2] = make("gamma-long-name", 30000);
    table[3] = table[1];
    table[3].pts[4].y = 99;
    for (int i = 0; i < 4; i++) show(&table[i]);
    struct point p = sum_points(table[2]);
    put_kv("sum x", p.x);
    put_kv("sum y", p.y);
    put_kv("cmp 1 3", memcmp(&table[1], &table[3], sizeof table[1]) != 0);
    struct rec copy;
    memcpy(&copy, &table[0], sizeof copy);
    put_kv("cmp copy", memcmp(&copy, &table[0], sizeof copy));
    /* byte buffer moves at every alignment */
    unsigned char buf[64];
    for (int i = 0; i < 64; i++) buf[i] = (unsigned char) i;
    memmove(buf + 3, buf, 20);
    memmove(buf + 30, buf + 33, 17);
    memcpy(buf + 50, "xyz", 3);
    memset(buf + 55, 0xEE, 5);
    unsigned h = 0;
    for (int i = 0; i < 64; i++) { put_hex(buf[i], 2); h = h * 31 + buf[i]; }
    put_char('\n');
    put_str("hash "); put_hex(h, 8); put_char('\n');
    /* swap structs through a temporary */
    struct rec t = table[0]; table[0] = table[2]; table[2] = t;
    show(&table[0]);
    show(&table[2]);
    return 0;
}
