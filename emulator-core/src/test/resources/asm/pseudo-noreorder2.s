# pseudo-noreorder2.s - every pseudo-instruction form in noreorder code; AsmDifferentialTest compares our bytes with GNU as.
	.set noreorder
	ulw $t1, 0($t1)
	lw $t0, 0x12345($t0)
	lwc1 $f2, sym
	lwc1 $f2, 0x12345($t1)
	sub $t0,$t1,5
	subu $t0,$t1,5
	nor $t0,$t1,5
	or $t0,$t1,0x12345
	slt $t0,$t1,5
	sltu $t0,$t1,-5
	beq $t0, 5, sym
	beq $t0, 0, sym
	bne $t0, 0x12345, sym
	bltu $t0,0,sym
	ble $t0,0x7fff,sym
	ble $t0,0x12345,sym
	bleu $t0,-1,sym
	div $t0,$t1,0
	div $t0,$t1,1
	div $t0,$t1,-1
	divu $t0,$t1,1
	rem $t0,$t1,1
	sll $t0,$t1,$t2
	teq $t0, 5
	li $t0, sym
	addiu $t0, $t1, %lo(sym)
	lui $t0, %hi(sym)
	lw $t0, %lo(sym)($t0)
	li $t0, 0xffffffff
	li $t0, 0x80000000
	abs $t0,$t0
	mul $t0,$t1,0x12345
	mul $t0,$t1,0
	mul $t0,$t1,1
	sw $t0, sym
	sw $zero, 4($t1)
	lw $zero, sym
	la $t0, sym($t0)
	la $t0, 0x12345678($t0)
	jal sym
	j sym
	bltu $t0,$zero,sym
	nop
	bgtu $zero,$t0,sym
	nop
	ble $t0,-1,sym
	blt $t0,1,sym
	bge $t0,1,sym
	bgt $t0,-1,sym
	ble $t0,0x7fffffff,sym
	ulh $t0, 2($t1)
	ulhu $t0, 2($t1)
	ush $t0, 2($t1)
	blt $zero,$t0,sym
	dli $t0, -1
	dla $t0, sym
	div $t1,$t2
	divu $t1,$t2
	div $zero,$t1,$t2
	mul $t0,$t1
	rem $t1,$t2
sym: nop
