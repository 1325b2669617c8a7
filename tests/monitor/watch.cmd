# Watchpoints stop before the access, with the accessing instruction next.
watch counter
watch r table + 16
watch r (table + 16)
watch rw greeting 4
info breakpoints
cont
cont
x/1dg table + 16
delete 2
cont
print *counter
step
print *counter
info breakpoints
delete 1
cont
info breakpoints
