// features.S - preprocessor features; AsmDifferentialTest compares with gcc -c (-I inc -DFOO=9).
// a C++ comment line
#include <regs.h>
#include "local.inc"
#include "inc/regs.h"
	.set noreorder
	.text
	.globl _start
_start:
	li $t0, LOCAL_VAL * 2   /* block comment */ 
	li $t1, SIM_CTL >> 16
#if defined(REGS_H) && LOCAL_VAL == 7
	addiu $t2, $zero, 1
#elif 1
	addiu $t2, $zero, 2
#else
	addiu $t2, $zero, 3
#endif
#ifdef NOT_DEFINED
	.word 0xdead
#elif FOO > 2
	.word FOO
#endif
#if 0
# this is garbage that must be skipped: 'unterminated
	bogus instruction
#endif
	STORE($t0, 4, $sp)
	PAIR(ad,du) $t3, $t1, $t0
1:	b 1b   # comment with 'apostrophe
	nop
	/* multi
	   line comment */ nop
# 123 "fake.c"
#undef SIM_CTL
#define SIM_CTL 5
	li $t4, SIM_CTL
	.data
msg: .asciz STR(hello world)
	.word __LINE__
#if (1 ? 2 : 3) == 2 && !defined NOPE && (0x10 << 2) == 64 && -1 < 0
	.word 77
#endif
