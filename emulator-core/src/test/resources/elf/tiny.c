/* Tiny freestanding program used as an ELF reader fixture.
 * Built with -ffreestanding -nostdlib -static -Wl,-e,_start (see build.sh). */
int counter = 42;          /* .data */
int scratch[16];           /* .bss  */
static const char msg[] = "hello, pebble";  /* .rodata */

int add3(int a, int b, int c) { return a + b + c; }

int sum(const char *s)
{
    int n = 0;
    while (*s)
        n += *s++;
    return n;
}

void _start(void)
{
    scratch[0] = add3(counter, 2, 3) + sum(msg);
    for (;;)
        ;
}
