# reorder-hazards.s - HI/LO hazard nops (HI and LO tracked separately) and slot filling; compared with GNU as.
	.text
a:	mfhi $t0
	mul $t1, $t2, $t3
	mflo $t0
	li $t4, 7
	mult $t4, $t4
	mfhi $t0
b1:	mult $t4, $t4
	mflo $t5
	divu $t1, $t2
	mfhi $t0
	rem $t1, $t2, 3
	mflo $t6
	mthi $t0
	mflo $t6
	addiu $t0, 1
	mtlo $t0
	lw $t0, 0($sp)
	beq $t0, $zero, a
	sw $t1, 4($sp)
	b a
	.word 0x12345678
	addiu $sp, $sp, -8
	jr $ra
c:	.set noreorder
	b c
	nop
	.set reorder
	addiu $t0, 1
	b c
	sll $t0, $t0, 2
	jal c
	addiu $t0, $t1, 4
	jalr $t0
	addiu $v0, $zero, 1
	syscall
	teq $t0, $zero
	b c
	ulw $t0, 0($t1)
	beq $t0, $t1, c
	sw $t0, 0($t1)
	bgezal $t2, c
	move $ra, $zero
	bgezal $t2, c
	mflo $t3
	.data
	.word 1
	.text
	mult $t0, $t0
	mfhi $t1
	mflo $t6
	mthi $t0
	mflo $t6
	mtlo $t0
	mfhi $t1
	mult $t0,$t0
