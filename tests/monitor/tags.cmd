# Xamber: the tags of memory words, and Lisp values in registers.
break set_cell
cont
tags cell 2
until pc == ra
regs
tags cell 2
print a0 >> 56
x/2xg cell
