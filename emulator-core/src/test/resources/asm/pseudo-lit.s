# pseudo-lit.s - li.s/li.d constants from the $gp-relative literal pools .lit4/.lit8; AsmDifferentialTest compares with GNU as.
	.set noreorder
	.text
_start:
	la $gp, _gp
	li.d $f2, 3.14159
	li.s $f0, 1.1
	li.d $f4, 3.14159
	li.s $f1, 2.2
	li.d $f6, 2.5e-3
	lw $t0, sv
	.sdata
sv: .word 1
	.data
dv: .word 3
