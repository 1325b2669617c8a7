# Traces of instructions, memory accesses, device accesses and traps, to
# stderr (merged into this transcript).
break add
cont
trace insn on
trace mem on
step 6
trace insn off
trace mem off
trace
delete
trace trap on
trace mmio on
trace
cont
