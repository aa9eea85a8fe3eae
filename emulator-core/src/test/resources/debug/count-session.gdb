set architecture mips:4000
set endian big
file @ELF@
target remote localhost:@PORT@
break loop
continue
info registers t0 t1 t2 pc
delete 1
stepi 3
x/2i $pc
stepi
info registers t0 pc
x/dw &total
watch *(int *)&total
continue
continue
delete
break done
continue
print $t0
x/dw &total
continue
