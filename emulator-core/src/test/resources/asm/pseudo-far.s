# pseudo-far.s: out-of-range b/bal become j/jal - AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.set noreorder
start:
	b far
	nop
	bal far
	nop
	.space 0x30000
far:	nop
	b start
	nop
	bal start
	nop
	b far
	nop
