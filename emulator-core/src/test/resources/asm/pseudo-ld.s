# pseudo-ld.s - ld/sd under -mabi=32 are two lw/sw (GNU as); AsmDifferentialTest compares.
	.set noreorder
	ld $a1,-12($s3)
	ld $s3,8($s3)
	sd $a1,-12($s3)
	ld $a1,x
	sd $a1,0x12345($t0)
	ld $a1,0($t0)
x: nop
