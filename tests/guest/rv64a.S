/* RV64A: LR/SC success and failure, every AMO in .w and .d form, sign
 * extension of .w results, signed vs unsigned min/max, aq/rl forms. */
#include "asm_test.h"
    .option norvc
    .text

/* T_AMO op, init, operand, expected_rd, expected_mem (mem at a3, width by ld/lw) */
.macro T_AMOD op, init, operand, exprd, expmem
    la a3, amo_d
    li a4, \init
    sd a4, 0(a3)
    li a4, \operand
    \op a5, a4, (a3)
    CHECK_EQ a5, \exprd
    ld a5, 0(a3)
    CHECK_EQ a5, \expmem
.endm

/* .w: the neighbouring word must stay untouched */
.macro T_AMOW op, init, operand, exprd, expmem
    la a3, amo_w
    li a4, 0x5a5a5a5a
    sw a4, 4(a3)
    li a4, \init
    sw a4, 0(a3)
    li a4, \operand
    \op a5, a4, (a3)
    CHECK_EQ a5, \exprd
    lwu a5, 0(a3)
    CHECK_EQ a5, \expmem
    lwu a5, 4(a3)
    CHECK_EQ a5, 0x5a5a5a5a
.endm

TEST_START
    PUTS "rv64a: start\n"

    /* ---- LR/SC ---- */
    la a3, amo_d
    li a4, 0xffffffff80000001
    sd a4, 0(a3)
    lr.w a5, (a3)                   /* sign-extended */
    CHECK_EQ a5, 0xffffffff80000001
    li a4, 0x12345678
    sc.w a5, a4, (a3)
    CHECK_EQ a5, 0                  /* success */
    ld a5, 0(a3)
    CHECK_EQ a5, 0xffffffff12345678
    li a4, 0x777
    sc.w a5, a4, (a3)               /* no reservation any more: fails */
    li t5, 0
    beqz a5, 1f
    li t5, 1
1:  CHECK_EQ t5, 1
    ld a5, 0(a3)
    CHECK_EQ a5, 0xffffffff12345678 /* memory unchanged */

    li a4, 0x0123456789abcdef
    sd a4, 0(a3)
    lr.d a5, (a3)
    CHECK_EQ a5, 0x0123456789abcdef
    li a4, -2
    sc.d a5, a4, (a3)
    CHECK_EQ a5, 0
    ld a5, 0(a3)
    CHECK_EQ a5, -2
    sc.d a5, a4, (a3)               /* second SC fails */
    li t5, 0
    beqz a5, 1f
    li t5, 1
1:  CHECK_EQ t5, 1

    /* SC to an address outside the reservation set fails */
    la a3, amo_d
    la a6, amo_far
    li a4, 0x4444
    sd a4, 0(a6)
    lr.d a5, (a3)
    li a4, 0x9999
    sc.d a5, a4, (a6)
    li t5, 0
    beqz a5, 1f
    li t5, 1
1:  CHECK_EQ t5, 1
    ld a5, 0(a6)
    CHECK_EQ a5, 0x4444
    /* a fresh LR/SC pair succeeds again, with aq/rl */
    lr.d.aq a5, (a6)
    CHECK_EQ a5, 0x4444
    addi a5, a5, 1
    sc.d.rl a4, a5, (a6)
    CHECK_EQ a4, 0
    lr.w.aqrl a5, (a6)
    CHECK_EQ a5, 0x4445
    sc.w.aqrl a4, zero, (a6)
    CHECK_EQ a4, 0
    ld a5, 0(a6)
    CHECK_EQ a5, 0
    /* rd == rs2 for SC: rd gets the status, memory the old rs2 */
    la a6, amo_far
    lr.d a5, (a6)
    li a4, 0x31
    sc.d a4, a4, (a6)
    CHECK_EQ a4, 0
    ld a5, 0(a6)
    CHECK_EQ a5, 0x31

    /* ---- AMO .d ---- */
    T_AMOD amoswap.d, 0x1111, 0x2222, 0x1111, 0x2222
    T_AMOD amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000
    T_AMOD amoadd.d, -1, 2, -1, 1
    T_AMOD amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0
    T_AMOD amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00
    T_AMOD amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0
    T_AMOD amomin.d, -1, 1, -1, -1
    T_AMOD amomin.d, 5, -3, 5, -3
    T_AMOD amominu.d, -1, 1, -1, 1
    T_AMOD amominu.d, 5, -3, 5, 5
    T_AMOD amomax.d, -1, 1, -1, 1
    T_AMOD amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff
    T_AMOD amomaxu.d, -1, 1, -1, -1
    T_AMOD amomaxu.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000
    T_AMOD amoadd.d.aq, 10, 20, 10, 30
    T_AMOD amoswap.d.rl, 10, 20, 10, 20
    T_AMOD amoor.d.aqrl, 1, 2, 1, 3

    /* ---- AMO .w: rd sign-extended, rs2 upper bits ignored ---- */
    T_AMOW amoswap.w, 0x80000000, 0x1, 0xffffffff80000000, 0x1
    T_AMOW amoswap.w, 0x7fffffff, 0xffffffff12345678, 0x7fffffff, 0x12345678
    T_AMOW amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000
    T_AMOW amoadd.w, 0xffffffff, 0x100000001, 0xffffffffffffffff, 0    /* carry not kept */
    T_AMOW amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0
    T_AMOW amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00
    T_AMOW amoor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfff0fff0
    T_AMOW amomin.w, 0xffffffff, 1, -1, 0xffffffff          /* -1 < 1 signed */
    T_AMOW amomin.w, 5, 0x100000000, 5, 0                   /* operand is 0 */
    T_AMOW amomin.w, 5, 0x00000000fffffffd, 5, 0xfffffffd   /* operand is -3 */
    T_AMOW amominu.w, 0xffffffff, 1, -1, 1
    T_AMOW amominu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
    T_AMOW amomax.w, 0xffffffff, 1, -1, 1
    T_AMOW amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
    T_AMOW amomax.w, 3, 0xffffffff00000002, 3, 3            /* operand is 2 */
    T_AMOW amomaxu.w, 0xffffffff, 1, -1, 0xffffffff
    T_AMOW amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x80000000
    T_AMOW amoadd.w.aqrl, 1, 2, 1, 3
    T_AMOW amoand.w.aq, 7, 5, 7, 5
    T_AMOW amoxor.w.rl, 7, 5, 7, 2

    /* rd == x0: memory still updated */
    la a3, amo_d
    li a4, 40
    sd a4, 0(a3)
    li a4, 2
    amoadd.d x0, a4, (a3)
    ld a5, 0(a3)
    CHECK_EQ a5, 42
    /* rd == rs2 */
    li a4, 8
    amoswap.d a4, a4, (a3)
    CHECK_EQ a4, 42
    ld a5, 0(a3)
    CHECK_EQ a5, 8

    PUTS "rv64a: pass\n"
    PASS

    .data
    .balign 64
amo_d:
    .dword 0
    .balign 64
amo_w:
    .dword 0
    .balign 4096
amo_far:
    .dword 0
