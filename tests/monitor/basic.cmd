# A tour of the monitor on prog.elf: running, stepping, registers, memory,
# expressions, breakpoints. The machine starts stopped at the reset vector.
help step
help w
regs
disas 0x1000 5
step
step 3
regs t0 t1 pc priv
break main
break add
info breakpoints
cont
regs
print a0 + a1 * 2
print (a0 + 1) << 4
print -1
print table
print *table + mem64(table + 8) + mem8(table + 16)
print $mstatus & 0x1800
print sizeof
print 1 / 0
print 0x10000000000000000
print mem64(0x4000000000000000)
x/4xg table
x/2dg
x/s greeting
x/4i pc
x/8xb greeting
x/3uh table
x/2c greeting
xp/2xw 0x1000
disas add 3
delete 2
next
next
step
set a5 = 0x1234
regs a5
set mem32(table) = 7
x/1dg table
set *table = 1
set pc = pc
set x0 = 1
set priv = 2
set mstatus = mstatus
info breakpoints
delete
info breakpoints
until pc == bump
print pc == bump
print *counter
until *counter == 2
print *counter
while *counter < 3
print *counter
print counter
regs csrs
info symbols bump
cont
cont
stats
quit
