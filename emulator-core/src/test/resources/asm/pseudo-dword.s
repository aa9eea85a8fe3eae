# pseudo-dword.s: doubleword macros (drol dmul ddiv drem dabs...) - AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.set noreorder
	.text
start:
	drol $t0,$t1,$t2
	dror $t0,$t1,$t2
	drol $t0,$t1,5
	dror $t0,$t1,40
	dmul $t0,$t1,$t2
	dmul $t0,$t1,5
	dmulo $t0,$t1,$t2
	dmulou $t0,$t1,$t2
	ddiv $t0,$t1,$t2
	ddivu $t0,$t1,$t2
	drem $t0,$t1,$t2
	dremu $t0,$t1,$t2
	ddiv $t0,$t1,5
	dabs $t0,$t1
	dneg $t0,$t1
	dnegu $t0,$t1
