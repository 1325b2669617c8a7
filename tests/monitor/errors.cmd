# Malformed commands, bad addresses and out-of-range values: every one gets
# a one-line error and changes nothing.
regs pc
nosuchcommand
step 0
step -1
step zzz
break
break nosuchsymbol
break 0x1001
watch
watch q counter
watch counter 0
watch counter 0x80000000
watch 0xffffffffffffffff 16
x/4q 0
x/0xw 0
x/99999xw 0
x/4xw 0x0
x/4xw 0x10000000
xp/4xw 0xfff0000000
tags 0x10000000
tags 0x80000000 0
disas 0x0 2
disas pc 99999
disas pc 1 2
print
print (1 + 2
print 1 +
print 12abc
print $nosuchreg
print ((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))
print 99999999999999999999999
set
set a0
set 5 = 4
set = 3
set pc = 0x1001
set mem8(0x10000000) = 1
set nosuchcsr = 1
info
info nonsense
info symbols a b
delete 99
delete abc
trace bogus on
trace insn maybe
savevm
loadvm
loadvm /nonexistent/snapshot
quit now
help nosuchcommand
x/4xw 0x1000 extra stuff here that is not an expression
regs nosuchreg
regs pc
