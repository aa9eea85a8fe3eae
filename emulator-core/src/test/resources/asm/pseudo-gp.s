# pseudo-gp.s - small data through $gp (GNU as -G 8 default): .sdata labels (before and after use), small .lcomm
# objects in .sbss, la $gp,_gp; AsmDifferentialTest compares our bytes with GNU as (also in reorder mode).
	.set noreorder
	.text
	.globl _start
_start:
	la $gp, _gp
	lw $t0, fwd
	lw $t1, fwd+4
	sw $t0, fwd+8($t2)
	lw $t0, fwd($t1)
	la $t4, fwd
	la $t4, fwd+12($t1)
	la $t4, fwd+0x10000
	lwc1 $f0, fwd
	ld $t0, fwd
	sd $t2, fwd+8
	ulw $t0, fwd+1
	lb $t0, small
	sh $t0, small+2
	lw $t0, big
	lw $t0, dv
	jal _start
	lw $t3, fwd
	jr $ra
	la $t5, fwd
	.lcomm small, 4
	.lcomm big, 64
	.sdata
fwd:	.word 1, 2, 3, 4
back:	.word 5
	.text
	lw $t0, back
	beq $t0, $zero, _start
	la $t1, back
	.data
dv:	.word 9
