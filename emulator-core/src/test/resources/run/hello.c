#define THR ((volatile unsigned char *)0xBD0003F8)
#define LSR ((volatile unsigned char *)0xBD0003FD)
static void putc_(char c) { while (!(*LSR & 0x20)) ; *THR = c; }
static const char *msgs[] = {"hello ", "world\n"};
int counter;
void _start(void) {
    for (int i = 0; i < 2; i++) { const char *s = msgs[i]; while (*s) putc_(*s++); }
    counter++;
    *(volatile unsigned *)0xBFFF0000 = 0;
}
