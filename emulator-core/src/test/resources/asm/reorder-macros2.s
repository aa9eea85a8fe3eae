# reorder-macros2.s: new macros next to delay slots and HI/LO hazards - AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.text
start:
	mfhi $t0
	mulo $t1,$t2,$t3
	mflo $t0
	mulou $t1,$t2,5
	mfhi $t0
	mulo $t1,$t2,0x12345
	mfhi $t0
	dmul $t1,$t2,$t3
	mfhi $t0
	ddiv $t1,$t2,$t3
	mflo $t0
	drem $t1,$t2,5
	addiu $t5,$t5,1
	bltl $t0,$t1,start
	addiu $t5,$t5,1
	bgeul $t0,0,start
	addiu $t5,$t5,1
	bgtul $t0,0,start
	seq $t1,$t2,$t3
	jr $ra
	rol $t1,$t2,3
	jr $ra
	sle $t1,$t2,$t3
	beq $t1,$zero,start
	dabs $t1,$t2
	jr $ra
	uld $t1, 3($t2)
	jr $ra
	li.d $f2, 1.0
	jr $ra
	li.s $f2, 1.0
	jr $ra
	l.d $f2, 8($t0)
	jr $ra
	mfhi $t0
	mulo $t1,$t2,$t3
	jr $ra
