/* M-mode trap entry: mscratch holds the top of the firmware's trap stack.
 * Saves the interrupted registers as a struct trap_frame, calls fw_trap,
 * restores them (a0 and a1 carry SBI results back) and returns. */
    .section .text
    .globl fw_trap_entry
    .align 2
fw_trap_entry:
    csrrw sp, mscratch, sp
    addi sp, sp, -256
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\n, \n*8(sp)
    .endr
    csrr t0, mscratch           /* the interrupted sp */
    sd t0, 2*8(sp)
    mv a0, sp
    call fw_trap
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\n, \n*8(sp)
    .endr
    addi sp, sp, 256
    csrrw sp, mscratch, sp
    mret
