# reorder-labels.s - .set reorder: delay-slot filling and HI/LO hazard nops; AsmDifferentialTest compares with GNU as.
	.text
x:	addiu $t1,$t1,1
1:	li $a0, 5
	jal x
	addiu $t1,$t1,1
	.set push
	.set noreorder
	nop
	.set pop
	li $a0, 6
	jal x
	addiu $t1,$t1,1
	b 2f
	nop
2:	li $a0, 7
	jal x
	addiu $t1,$t1,1
	b 3f
3:	li $a0, 8
	jal x
	addiu $t1,$t1,1
	bnez $t1, x
4:	li $a0, 9
	jal x
