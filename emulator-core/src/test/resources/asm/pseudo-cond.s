# pseudo-cond.s - .if/.ifdef/.ifc/.ifb/.elseif/.else, .rept/.irp/.irpc, .exitm, :vararg, .purgem, .pushsection; compared with GNU as.
	.set noreorder
	.text
	.equ DEBUG, 1
	.macro SAVE regs:vararg
	.irp r, \regs
	sw \r, 0($sp)
	.endr
	.endm
	.macro PUSHN n, reg=$t0
	.ifb \reg
	nop
	.else
	.if \n > 2
	addiu $sp, $sp, -4*\n
	.exitm
	.elseif \n == 2
	addiu $sp, $sp, -8
	.else
	addiu $sp, $sp, -4
	.endif
	sw \reg, 0($sp)
	.endif
	.endm
	.macro OPT x
	.ifc \x,fast
	addu $t0, $t0, $t0
	.endif
	.ifnc \x,fast
	sll $t0, $t0, 1
	.endif
	.endm
start:
	SAVE $t0, $t1, $ra
	SAVE $s0
	.if DEBUG
	li $t1, 1
	.else
	li $t1, 2
	.endif
	.ifdef start
	li $t2, 3
	.endif
	.ifndef nothere
	li $t2, 4
	.endif
	.rept 3
	addiu $t3, $t3, 1
	.endr
	.irp reg, $t4, $t5, $t6
	move \reg, $zero
	.endr
	.irpc n, 123
	addiu $t7, $t7, \n
	.endr
	PUSHN 1
	PUSHN 2, $t1
	PUSHN 5
	OPT fast
	OPT slow
	.if 0
	.if 1
	bogus
	.endif
	.elseif 1
	li $s0, 9
	.endif
	.ifeq DEBUG - 1
	li $s1, 1
	.endif
	.rept 2
	.irp k, 1, 2
	li $s2, \k
	.endr
	.endr
	.pushsection .data
	.word 77
	.popsection
	nop
	.cfi_startproc
	.cfi_endproc
	.extern foo
	.set arch=mips4
	.set mips32
	.purgem OPT
	.macro OPT
	nop
	.endm
	OpT
