# reorder-macros.s - .set reorder: delay-slot filling and HI/LO hazard nops; AsmDifferentialTest compares with GNU as.
	.text
x:	li $t0, 0x12345678
	jal x
	mul $t0, $t1, $t2
	jal x
	ulw $t0, 4($t1)
	jal x
	addu $t0, $t1, 0x12345
	jal x
	nor $t0, $t1, 5
	jal x
	lw $t0, 0x12345($t1)
	jal x
	sw $t0, x
	jal x
	li $t0, %lo(x)
	jal x
	addiu $t0, $t0, 4
	jal x
	rem $t0, $t1, 5
	jal x
	blt $t0, 5, x
	li $t1, 1
	jalr $t1
	mfhi $t0
	jal x
	mflo $t0
	jr $ra
	lw $t0, 0($t1)
	jr $t0
	lw $ra, 0($sp)
	jr $ra
	addiu $ra, $ra, 4
	jr $ra
	sw $ra, 0($sp)
	jal x
	move $ra, $t0
	jal x
	li $t0, 5
	beq $t0, $t1, x
	la $t0, x
	jal x
	lw $t0, x
	jal x
	lw $t0, fwd
	jal x
	sw $t0, fwd
	jal x
	mfhi $t0
	mul $t1, $t2, $t3
	mflo $t0
	div $t1, $t2, $t3
	mflo $t0
	abs $t1, $t2
	mfhi $t0
	li $t1, 0x12345678
	mult $t1, $t1
fwd: .word 0
