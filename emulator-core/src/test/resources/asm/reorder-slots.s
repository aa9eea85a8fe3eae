# reorder-slots.s - .set reorder: delay-slot filling and HI/LO hazard nops; AsmDifferentialTest compares with GNU as.
	.text
	.globl _start
_start:
	addiu $t0, $t0, 1
	b L1
L1:	addiu $t1, $t1, 1
	beq $t1, $t2, L1
	addiu $t1, $t1, 1
	bne $t1, $t2, L1
	lw $t3, 0($t4)
	addu $t5, $t3, $t3
	jal f
	li $a0, 5
	jal f
	la $a0, msg
	jal f
	mflo $t0
	mult $t1, $t2
	mfhi $t0
	addu $t1, $t1, $t1
	div $t0, $t1, $t2
	mult $t3, $t4
	mfc0 $t0, $12
	mtc0 $t0, $12
	lw $t0, 4($sp)
	jr $ra
f:	lwc1 $f0, 0($t0)
	add.s $f2, $f0, $f0
	c.eq.s $f2, $f0
	bc1t f
	mtc1 $t0, $f4
	mfc1 $t1, $f4
	move $v0, $t1
	jr $ra
g:	blt $t0, $t1, g
	sw $t0, 0($sp)
	bnez $t0, g
	li $t0, 0x12345678
	beqz $t0, g
	mflo $t0
	.data
msg: .asciiz "x"
	.text
h:	mfhi $t0
	div $t1, $t2, $t3
	mflo $t0
	abs $t0, $t1
	mflo $t0
	mul $t0, $t1, $t2
