# pseudo-noreorder.s - every pseudo-instruction form in noreorder code; AsmDifferentialTest compares our bytes with GNU as.
	.set noreorder
	li $t0, 5
	li $t0, -5
	li $t0, 0x8000
	li $t0, 0x12340000
	li $t0, 0x12345678
	li $t0, 0xffff8000
	li $t0, -0x12345
	la $t0, sym
	la $t0, sym+4($t1)
	la $t0, 8($t1)
	la $t0, 0x12345678($t1)
	move $t0,$t1
	abs $t0,$t1
	neg $t0,$t1
	negu $t0,$t1
	not $t0,$t1
	blt $t0,$t1,sym
	blt $t0,5,sym
	blt $t0,0,sym
	bltu $t0,$t1,sym
	bltu $t0,5,sym
	ble $t0,$t1,sym
	ble $t0,5,sym
	ble $t0,0,sym
	bleu $t0,$t1,sym
	bleu $t0,5,sym
	bgt $t0,$t1,sym
	bgt $t0,5,sym
	bgt $t0,0,sym
	bgtu $t0,$t1,sym
	bgtu $t0,5,sym
	bge $t0,$t1,sym
	bge $t0,5,sym
	bge $t0,0,sym
	bgeu $t0,$t1,sym
	bgeu $t0,5,sym
	bgeu $t0,0,sym
	mul $t0,$t1,$t2
	mul $t0,$t1,5
	div $t0,$t1,$t2
	divu $t0,$t1,$t2
	rem $t0,$t1,$t2
	remu $t0,$t1,$t2
	div $t0,$t1,5
	ulw $t0, 4($t1)
	usw $t0, 4($t1)
	ulw $t0, sym
	dli $t0, 0x12345678
	dla $t0, sym
	lw $t0, sym
	lw $t0, sym+8($t1)
	sw $t0, 0x12345($t1)
	addu $t0,$t1,5
	addu $t0,$t1,0x12345
	and $t0,$t1,0xff
	j $t0
	jal $t0
	jal $t1,$t0
	b sym
	bal sym
	beqz $t0, sym
	sym: nop
