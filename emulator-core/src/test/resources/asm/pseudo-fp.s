# pseudo-fp.s: l.s/l.d/s.s/s.d, li.s/li.d, uld/usd, jalr forms, trunc.w.d with 3 operands - AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.set noreorder
	.text
start:
	li.s $f0, 1.5
	li.s $f0, 0.0
	li.d $f2, 1.5
	li.d $f2, 0.0
	l.s $f0, 8($t0)
	l.d $f2, 8($t0)
	s.s $f0, 8($t0)
	s.d $f2, 8($t0)
	l.s $f0, dsym
	l.d $f2, dsym
	s.d $f2, dsym+8
	l.d $f2, 0x12345($t0)
	uld $t0, 8($t1)
	usd $t0, 8($t1)
	ulh $t0, 8($t1)
	la $t0, dsym+0x12348
	lw $t0, dsym+0x20000($t1)
	la $t0, dsym+8($t1)
	jalr $t1
	jalr $t0, $t1
	jal $t1
	trunc.w.d $f0, $f2, $t0
	trunc.w.s $f0, $f2, $t0
	ddiv $t0,$t1,0
	ddiv $t0,$t1,1
	ddiv $t0,$t1,-1
	drem $t0,$t1,-1
	dremu $t0,$t1,5
	dmul $t0,$t1,0x12345
	ldc1 $f2, dsym
	li.s $t0, 1.5
	li.d $t0, 1.5
	.data
dsym: .word 1,2,3,4
