# savevm and loadvm within one session; bad files are refused and change
# nothing (garbage.snap and empty.snap are made by the test runner).
break bump
cont
regs pc ra
savevm snap1
cont
print *counter
loadvm snap1
regs pc ra
print *counter
loadvm garbage.snap
loadvm empty.snap
loadvm no-such.snap
regs pc ra
delete
cont
stats
loadvm snap1
cont
stats
