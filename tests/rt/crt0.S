/* Start-up for bare-metal guest programs: stack, bss, a trap handler that
 * reports unexpected traps, then main(); main's return value is the exit
 * code given to the test finisher (0 = pass). The link script defines no
 * __global_pointer$, so the linker makes no gp-relative accesses. */
    .section .text.start, "ax"
    .globl _start
_start:
    la sp, __stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  la t0, rt_default_trap
    csrw mtvec, t0
    call main
    call rt_exit
3:  j 3b

    /* Unexpected trap: report mcause/mepc/mtval and fail with code 0x7e. */
    .align 2
    .weak rt_default_trap
rt_default_trap:
    la sp, __stack_top
    csrr a0, mcause
    csrr a1, mepc
    csrr a2, mtval
    call rt_unexpected_trap
4:  j 4b
