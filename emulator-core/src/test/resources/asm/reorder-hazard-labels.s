# reorder-hazard-labels.s - hazard nops go before the labels of the instruction that needs them; never-true branches; compared with GNU as.
	.text
x:	mfhi $t0
L:	mult $t1,$t2
	mflo $t0
M:	nop
	mult $t1,$t2
	mflo $t0
	.word 0
	mult $t1,$t2
	mflo $t0
nx:	bltu $t0,$zero,nx
	addiu $t0,1
	bgtu $zero,$t0,nx
	addiu $t0,2
	ble $t0,0x7fffffff,nx
	.set noreorder
	bltu $t0,$zero,nx
	addiu $t0,3
