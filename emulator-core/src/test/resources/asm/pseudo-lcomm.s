# pseudo-lcomm.s - .lcomm objects follow the file's other .bss contents (GNU as subsection 1); small ones go to .sbss.
	.set noreorder
	.text
_start:
	la $t0, a
	la $t0, b
	la $t0, c
	la $t0, d
	.lcomm a, 64
	.bss
b:	.space 4
	.lcomm c, 3
	.lcomm d, 100
	.bss
e:	.space 1
