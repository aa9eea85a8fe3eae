# pseudo-misc.s: li.d pairs, uld/usd, set corner cases, symbol+offset addresses - AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.set noreorder
	.text
start:
	li.d $f2, 1.5
	li.d $t0, 1.5
	uld $t0, 8($t1)
	usd $t0, 8($t1)
	li.s $t0, 1.1
	li.d $f2, 1.0e0
	li.s $f4, -2
	uld $t1, 8($t1)
	uld $t1, dsym
	usd $t1, dsym+4
	uld $t1, 0x12345($t2)
	usd $t1, 32765($t2)
	seq $t0,$zero,0
	sne $t0,$zero,0
	sne $t0,$zero,7
	drol $t0,$t1,0
	dror $t0,$t1,32
	drol $t0,$t1,32
	dror $t0,$t1,64
	rol $t0,$t1,$zero
	dmulo $t0,$t1,5
	dmulou $t0,$t1,-1
	sgt $t0,$t1,$zero
	sgeu $t0,$t1,0x12345
	ror $t0,$t1,31
	li.d $t0, 0.0
	li.d $t2, -2.5
	li.s $t0, 0.0
	li.s $f1, -0.0
	li.d $f4, -0.0
	la $t0, dsym-4
	lw $t0, dsym+0x8000
	sw $t0, dsym+4($t1)
	la $t0, 0x12345678($t1)
	la $t0, 0x12345678($t0)
	lb $t0, dsym+0x7fff($t0)
	lhu $t0, 0x7fff0000
	sh $t0, -0x80000000
	lw $t0, -4($t0)
	lw $t0, dsym
	lwc1 $f0, dsym+12
	sdc1 $f0, dsym+8($t2)
	jalr $ra, $t9
	jal start
	j start
	b start
	bal start
	.data
dsym: .word 1,2,3,4
