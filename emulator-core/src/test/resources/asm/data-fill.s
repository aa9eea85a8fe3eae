# data-fill.s - .2byte/.4byte (unaligned), .hword, .fill, .zero; compared with GNU as.
	.data
	.byte 1
	.2byte 0x1234
	.byte 2
	.4byte 0x11223344
	.byte 3
	.hword 0x5566
	.fill 3, 2, 0x1234
	.fill 2, 8, 0x11223344
	.fill 5
	.zero 3
	.fill 1, 4, -1
