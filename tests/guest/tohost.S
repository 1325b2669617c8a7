/* A test in the style of the riscv-tests "p" environment (written for this
 * project): M mode only, no runtime, the result is reported through the
 * HTIF `tohost` word: 1 = pass, (N << 1) | 1 = test N failed.
 * Built twice: as is (passes) and with -DFAIL_AT=3 (test 3 fails, so the
 * emulator must exit with status 3). Only amber runs these (QEMU's virt
 * machine has no HTIF). */
#define TESTNUM gp
    .option norvc

    .section .text.init, "ax"
    .globl _start
_start:
    la t0, trap_vector
    csrw mtvec, t0
    csrw mscratch, zero
    li TESTNUM, 0

    /* test 1: integer arithmetic */
    li TESTNUM, 1
    li a0, 40
    addi a0, a0, 2
    li t1, 42
    bne a0, t1, fail

    /* test 2: a store and a load */
    li TESTNUM, 2
    la a1, scratch
    li a2, 0x0123456789abcdef
    sd a2, 0(a1)
    ld a3, 0(a1)
    bne a2, a3, fail

    /* test 3: multiply (made to fail in the FAIL_AT=3 variant) */
    li TESTNUM, 3
    li a0, 6
    li a1, 7
    mul a2, a0, a1
#if defined(FAIL_AT) && FAIL_AT == 3
    li t1, 43
#else
    li t1, 42
#endif
    bne a2, t1, fail

    /* test 4: an ecall-free trap round trip (ebreak, handler skips it) */
    li TESTNUM, 4
    li a4, 0
    ebreak
    li t1, 1
    bne a4, t1, fail

    /* pass: report 1 through the trap handler, like RVTEST_PASS */
pass:
    fence
    li a0, 1
    ecall
fail:
    fence
    slli a0, TESTNUM, 1
    ori a0, a0, 1
    ecall

trap_vector:
    csrr t5, mcause
    li t6, 3
    beq t5, t6, on_ebreak
    li t6, 11
    beq t5, t6, write_tohost
    li a0, (126 << 1) | 1          /* unexpected trap: test 126 */
write_tohost:
    la t5, tohost
    sd a0, 0(t5)
    j write_tohost
on_ebreak:
    li a4, 1
    csrr t5, mepc
    addi t5, t5, 4
    csrw mepc, t5
    mret

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost: .dword 0
    .size tohost, 8
    .balign 64
    .globl fromhost
fromhost: .dword 0
    .size fromhost, 8

    .data
    .balign 8
scratch: .dword 0
