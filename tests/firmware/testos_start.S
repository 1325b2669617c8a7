/* Entry of the test OS, from the firmware in S-mode: a0 = hart id, a1 =
 * the handoff block. Its stack is in DRAM above the firmware's
 * (testos_stack_top, testos.c): the image itself is not written. */
    .section .text.start, "ax"
    .globl _start
_start:
    ld sp, testos_stack_top
    la t0, testos_trap_entry
    csrw stvec, t0
    call testos_main
1:  j 1b

/* S-mode traps: save the caller-saved registers, let testos_trap return
 * the pc to resume at. */
    .align 2
testos_trap_entry:
    addi sp, sp, -256
    .irp n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
    sd x\n, \n*8(sp)
    .endr
    csrr a0, scause
    csrr a1, sepc
    csrr a2, stval
    call testos_trap
    csrw sepc, a0
    .irp n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
    ld x\n, \n*8(sp)
    .endr
    addi sp, sp, 256
    sret
