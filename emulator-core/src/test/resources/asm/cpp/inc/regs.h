/* register helpers */
#ifndef REGS_H
#define REGS_H
#define SIM_CTL 0xbfff0000
#define STORE(r, off, base) sw r, off(base)
#define PAIR(a,b) a ## b
#define STR(x) #x
#endif
