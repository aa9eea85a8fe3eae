/* Recursion: Fibonacci, Ackermann, Towers of Hanoi, recursive quicksort, permutations, GCD. */
#include "rt.h"

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int moves;
static void hanoi(int n, int from, int to, int via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    if (n >= 5) { put_dec(n); put_char(':'); put_dec(from); put_str("->"); put_dec(to); put_char(' '); }
    hanoi(n - 1, via, to, from);
}

static void quicksort(int *a, int lo, int hi) {
    if (lo >= hi) return;
    int p = a[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) {
        while (a[i] < p) i++;
        while (a[j] > p) j--;
        if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    quicksort(a, lo, j);
    quicksort(a, i, hi);
}

static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

static int perms;
static void permute(char *s, int k, int n) {
    if (k == n) { if (perms++ < 8) { put_str(s); put_char(' '); } return; }
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

static int prog_main(void) {
    put_str("recursion\n");
    for (int i = 0; i <= 20; i += 5) { put_str("fib("); put_dec(i); put_str(") = "); put_dec(fib(i)); put_char('\n'); }
    put_kv("ack(2,3)", ack(2, 3));
    put_kv("ack(3,3)", ack(3, 3));
    hanoi(7, 1, 3, 2);
    put_char('\n');
    put_kv("hanoi moves", moves);
    int a[40];
    unsigned seed = 12345;
    for (int i = 0; i < 40; i++) { seed = seed * 1103515245u + 12345u; a[i] = (int) (seed >> 16) % 1000 - 500; }
    quicksort(a, 0, 39);
    put_str("sorted:");
    for (int i = 0; i < 40; i++) { put_char(' '); put_dec(a[i]); }
    put_char('\n');
    put_kv("gcd(1071,462)", gcd(1071, 462));
    put_kv("gcd(-48,18)", gcd(-48, 18));
    char s[] = "abcd";
    permute(s, 0, 4);
    put_char('\n');
    put_kv("perms", perms);
    return 0;
}
