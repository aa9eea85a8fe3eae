/* String handling: length, compare, reverse, search, case mapping, number formatting and parsing. */
#include "rt.h"

static int my_strlen(const char *s) { int n = 0; while (s[n]) n++; return n; }

static int my_strcmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char) *a - (unsigned char) *b;
}

static void reverse(char *s) {
    for (int i = 0, j = my_strlen(s) - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
}

static int find(const char *hay, const char *needle) {
    for (int i = 0; hay[i]; i++) {
        int j = 0;
        while (needle[j] && hay[i + j] == needle[j]) j++;
        if (!needle[j]) return i;
    }
    return -1;
}

static void to_upper(char *s) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = (char) (*s - 32); }

static int atoi_(const char *s) {
    int sign = 1, v = 0;
    while (*s == ' ') s++;
    if (*s == '-') { sign = -1; s++; }
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    return sign * v;
}

static void itoa_(int v, char *out) {
    unsigned u = v < 0 ? 0u - (unsigned) v : (unsigned) v;
    int i = 0;
    do { out[i++] = (char) ('0' + u % 10); u /= 10; } while (u);
    if (v < 0) out[i++] = '-';
    out[i] = 0;
    reverse(out);
}

static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 ^ (unsigned char) *s++; return h; }

static char text[] = "the quick brown fox jumps over the lazy dog";
static const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apricot"};

static int prog_main(void) {
    put_str("strings\n");
    put_kv("len", my_strlen(text));
    put_kv("find fox", find(text, "fox"));
    put_kv("find cat", find(text, "cat"));
    put_kv("find lazy", find(text, "lazy"));
    int counts[26] = {0};
    for (char *p = text; *p; p++) if (*p >= 'a' && *p <= 'z') counts[*p - 'a']++;
    put_str("letters:");
    for (int i = 0; i < 26; i++) { put_char(' '); put_dec(counts[i]); }
    put_char('\n');
    char buf[64];
    int n = my_strlen(text);
    for (int i = 0; i <= n; i++) buf[i] = text[i];
    reverse(buf);
    put_str(buf); put_char('\n');
    to_upper(buf);
    put_str(buf); put_char('\n');
    /* insertion sort of the words with my_strcmp */
    const char *w[7];
    for (int i = 0; i < 7; i++) w[i] = words[i];
    for (int i = 1; i < 7; i++) {
        const char *k = w[i]; int j = i - 1;
        while (j >= 0 && my_strcmp(w[j], k) > 0) { w[j + 1] = w[j]; j--; }
        w[j + 1] = k;
    }
    for (int i = 0; i < 7; i++) { put_str(w[i]); put_char(i == 6 ? '\n' : ','); }
    static const int nums[] = {0, 7, -7, 12345, -99999, 2147483647, -2147483647 - 1};
    for (int i = 0; i < 7; i++) {
        itoa_(nums[i], buf);
        put_str(buf); put_str(" -> "); put_dec(atoi_(buf) == nums[i]); put_char('\n');
    }
    put_kv("atoi", atoi_("   -4096xyz"));
    put_str("hash "); put_hex(hash(text), 8); put_char('\n');
    return 0;
}
