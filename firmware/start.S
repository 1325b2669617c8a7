/* The firmware's reset entry, jumped to by the boot ROM with a0 = hart id
 * and a1 = the device table. It tests the firmware's own DRAM before
 * anything lives there, sets up the C runtime in it, and calls fw_main. */
    .section .text.start, "ax"
    .globl _start
_start:
    csrw mie, zero
    la t0, early_fail
    csrw mtvec, t0
    mv s0, a0
    mv s1, a1
    /* Every word gets its address xor a pattern, then the complement: a
     * stuck bit or an aliased address line shows as a mismatch. */
    la t0, __fw_ram_start
    la t1, __fw_ram_end
    li t2, 0x5aa5c33c0ff0f00f
    mv t3, t0
1:  xor t4, t3, t2
    sd t4, 0(t3)
    addi t3, t3, 8
    bltu t3, t1, 1b
    mv t3, t0
2:  ld t4, 0(t3)
    xor t5, t3, t2
    bne t4, t5, early_fail
    not t5, t5
    sd t5, 0(t3)
    addi t3, t3, 8
    bltu t3, t1, 2b
    mv t3, t0
3:  ld t4, 0(t3)
    xor t5, t3, t2
    not t5, t5
    bne t4, t5, early_fail
    addi t3, t3, 8
    bltu t3, t1, 3b

    la t0, __bss_start
    la t1, __bss_end
4:  bgeu t0, t1, 5f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 4b
5:  la sp, __stack_top
    la t0, __trap_stack_top
    csrw mscratch, t0
    la t0, fw_trap_entry
    csrw mtvec, t0
    mv a0, s0
    mv a1, s1
    call fw_main
6:  wfi
    j 6b

/* The firmware's DRAM failed its test (or the test trapped): say so and
 * fail, touching no memory. t6 = fw_early (early.c). */
    .align 2
early_fail:
    la t6, fw_early
    la a0, early_msg
    ld a1, 8(t6)                /* uart_lsr */
    ld a2, 0(t6)                /* uart_thr */
    ld a5, 16(t6)               /* lsr_thre */
7:  lbu a3, 0(a0)
    beqz a3, 9f
8:  lbu a4, 0(a1)
    and a4, a4, a5
    beqz a4, 8b
    sb a3, 0(a2)
    addi a0, a0, 1
    j 7b
9:  ld a1, 24(t6)               /* finisher */
    ld a2, 32(t6)               /* fail_post */
    sw a2, 0(a1)
10: wfi
    j 10b

    .section .rodata
early_msg:
    .asciz "\nPOST: the firmware's DRAM failed its test\n"
