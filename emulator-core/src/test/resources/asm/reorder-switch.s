# reorder-switch.s - the first instruction after a noreorder block; compared with GNU as.
	.text
x:	.set noreorder
	nop
	.set reorder
	li $a0, 6
	jal x
	.set noreorder
	nop
	.set reorder
	addiu $a0, 6
	jal x
	.set push
	.set noreorder
	nop
	.set pop
	addiu $a0, 6
	jal x
	.set push
	.set noreorder
	b x
	nop
	.set pop
	addiu $a0, 6
	jal x
	.set push
	.set noat
	.set pop
	addiu $a0, 6
	jal x
y:	.set noreorder
	addiu $t1, 1
	.set reorder
	addiu $a0, 6
	jal y
	.set noreorder
	addiu $t1, 1
	nop
	.set reorder
	addiu $a0, 6
	jal y
	.set noreorder
	jal y
	addiu $t1, 1
	.set reorder
	addiu $a0, 6
	jal y
	.set noreorder
	nop
	nop
	.set reorder
	addiu $a0, 6
	addiu $a0, 6
	jal y
