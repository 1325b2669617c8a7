/* RV64I: every base instruction, uncompressed encodings only. */
#include "asm_test.h"
    .option norvc
    .text
TEST_START
    PUTS "rv64i: start\n"

    /* ---- lui / auipc ---- */
    lui a5, 0x12345
    CHECK_EQ a5, 0x12345000
    lui a5, 0x80000                 /* sign-extended on RV64 */
    CHECK_EQ a5, 0xffffffff80000000
    lui a5, 0xfffff
    CHECK_EQ a5, -4096
1:  auipc a5, 0
    la a4, 1b
    CHECK_REGS a5, a4
1:  auipc a5, 1
    la a4, 1b
    li a3, 0x1000
    add a4, a4, a3
    CHECK_REGS a5, a4
1:  auipc a5, 0xfffff               /* -4096 */
    la a4, 1b
    addi a4, a4, -2048
    addi a4, a4, -2048
    CHECK_REGS a5, a4

    /* ---- register-immediate ---- */
    T_RI addi, 0, 0, 0
    T_RI addi, 2047, 0, 2047
    T_RI addi, -2048, 0, -2048
    T_RI addi, 0x8000000000000000, 0x7fffffffffffffff, 1
    T_RI addi, 0, -1, 1
    T_RI slti, 1, -1, 0
    T_RI slti, 0, 0, -1
    T_RI slti, 0, 5, 5
    T_RI slti, 1, 0x8000000000000000, -2048
    T_RI sltiu, 1, 0, 1             /* seqz */
    T_RI sltiu, 0, 1, 1
    T_RI sltiu, 1, 5, -1            /* imm sign-extended then unsigned */
    T_RI sltiu, 0, -1, -1
    T_RI xori, 0xffffffffffff0f0f, 0xf0f0, -1
    T_RI xori, 0x5a5a5a5a5a5a5aa5, 0x5a5a5a5a5a5a5a5a, 0xff
    T_RI ori, 0x12345ff, 0x1234500, 0xff
    T_RI ori, -1, 0, -1
    T_RI andi, 0x34, 0x1234, 0x7f
    T_RI andi, 0x8000000000000800, 0x8000000000000fff, -2048
    T_RI slli, 0x8000000000000000, 1, 63
    T_RI slli, 0x100000000, 1, 32
    T_RI slli, 0x1234, 0x1234, 0
    T_RI srli, 1, 0x8000000000000000, 63
    T_RI srli, 0x80000000, 0x8000000000000000, 32
    T_RI srli, 0x0fffffffffffffff, -1, 4
    T_RI srai, -1, 0x8000000000000000, 63
    T_RI srai, 0xf800000000000000, 0x8000000000000000, 4
    T_RI srai, 0x0123456789abcdef, 0x0123456789abcdef, 0
    T_RI addiw, 0xffffffff80000000, 0x7fffffff, 1
    T_RI addiw, 0x12345678, 0xffffffff12345678, 0   /* sext.w */
    T_RI addiw, 0xffffffff87654321, 0x87654321, 0
    T_RI addiw, -1, 0x100000000, -1
    T_RI slliw, 0xffffffff80000000, 1, 31
    T_RI slliw, 0x20, 0xffffffff00000001, 5
    T_RI slliw, 0x12345678, 0x12345678, 0
    T_RI srliw, 1, 0x80000000, 31
    T_RI srliw, 0xffffffff80000000, 0x1280000000, 0
    T_RI srliw, 0x0fffffff, 0xfffffffff, 4
    T_RI sraiw, -1, 0x80000000, 31
    T_RI sraiw, 0xfffffffff8000000, 0x80000000, 4
    T_RI sraiw, 0x7ffffff, 0x7fffffff, 4

    /* ---- register-register ---- */
    T_RR add, 2, 1, 1
    T_RR add, 0x8000000000000000, 0x7fffffffffffffff, 1
    T_RR add, 0, -1, 1
    T_RR sub, -1, 0, 1
    T_RR sub, 0x7fffffffffffffff, 0x8000000000000000, 1
    T_RR sub, 0, 0x1234, 0x1234
    T_RR sll, 0x8000000000000000, 1, 63
    T_RR sll, 2, 1, 65              /* only rs2[5:0] used */
    T_RR sll, 0x1230, 0x123, 0xffffffffffffffc4
    T_RR slt, 1, -1, 1
    T_RR slt, 0, 1, -1
    T_RR slt, 0, 7, 7
    T_RR slt, 1, 0x8000000000000000, 0x7fffffffffffffff
    T_RR sltu, 0, -1, 1
    T_RR sltu, 1, 1, -1
    T_RR sltu, 0, 7, 7
    T_RR sltu, 1, 0, 1
    T_RR xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
    T_RR or, 0xfff0fff0fff0fff0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
    T_RR and, 0x00f000f000f000f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
    T_RR srl, 1, 0x8000000000000000, 63
    T_RR srl, 0x8000000000000000, 0x8000000000000000, 64
    T_RR srl, 0x00ffffffffffffff, -1, 8
    T_RR sra, -1, 0x8000000000000000, 63
    T_RR sra, 0xff80000000000000, 0x8000000000000000, 0x48   /* 0x48 & 63 = 8 */
    T_RR sra, 0x40, 0x4000, 8
    T_RR addw, 0xffffffff80000000, 0x7fffffff, 1
    T_RR addw, 1, 0x100000001, 0x200000000
    T_RR addw, 0, 0xffffffff, 1
    T_RR subw, 0xffffffff80000000, 0, 0x80000000
    T_RR subw, 0x7fffffff, 0x80000000, 1
    T_RR subw, -1, 0x500000000, 1
    T_RR sllw, 0xffffffff80000000, 1, 31
    T_RR sllw, 2, 1, 33             /* only rs2[4:0] used */
    T_RR sllw, 0, 0x100000000, 0
    T_RR srlw, 1, 0xffffffff80000000, 31
    T_RR srlw, 0x40000000, 0x80000000, 33
    T_RR srlw, 0xffffffff80000000, 0x1280000000, 0
    T_RR sraw, -1, 0x80000000, 31
    T_RR sraw, 0xffffffffc0000000, 0x80000000, 1
    T_RR sraw, 0x3fffffff, 0xff7fffffff, 1
    T_RR_ALIAS add, 5, 2, 3
    T_RR_ALIAS sub, -1, 2, 3
    T_RR_ALIAS sll, 16, 2, 3

    /* ---- x0 is hard-wired to zero ---- */
    li a5, 0
    addi x0, x0, 5
    add a5, x0, x0
    CHECK_EQ a5, 0
    lui x0, 0x12345
    mv a5, x0
    CHECK_EQ a5, 0

    /* ---- branches ---- */
    T_BR_TAKEN beq, 5, 5
    T_BR_NOT   beq, 5, 6
    T_BR_TAKEN bne, 5, 6
    T_BR_NOT   bne, -1, -1
    T_BR_TAKEN blt, -1, 1
    T_BR_NOT   blt, 1, -1
    T_BR_NOT   blt, 3, 3
    T_BR_TAKEN blt, 0x8000000000000000, 0x7fffffffffffffff
    T_BR_TAKEN bge, 3, 3
    T_BR_TAKEN bge, 1, -1
    T_BR_NOT   bge, -1, 1
    T_BR_TAKEN bltu, 1, -1
    T_BR_NOT   bltu, -1, 1
    T_BR_NOT   bltu, 9, 9
    T_BR_TAKEN bgeu, -1, 1
    T_BR_TAKEN bgeu, 9, 9
    T_BR_NOT   bgeu, 1, -1
    /* backward branch loop: sum 1..10 */
    li a3, 10
    li a5, 0
1:  add a5, a5, a3
    addi a3, a3, -1
    bnez a3, 1b
    CHECK_EQ a5, 55

    /* ---- jal / jalr ---- */
    li a5, 0
    jal a4, 2f
1:  li a5, 1                        /* skipped */
2:  la a3, 1b
    CHECK_REGS a4, a3               /* link = pc + 4 */
    CHECK_EQ a5, 0
    la a3, 3f
    jalr a4, 0(a3)
1:  j 4f                            /* not reached */
3:  la a5, 1b
    CHECK_REGS a4, a5
    la a3, 5f
    addi a3, a3, 1                  /* bit 0 of the target is cleared */
    jalr a4, 0(a3)
    j 4f
5:  la a3, 6f
    addi a3, a3, 16
    jalr a3, -16(a3)                /* rd == rs1: target uses the old rs1 */
1:  j 4f
6:  la a5, 1b
    CHECK_REGS a3, a5
    jal x0, 7f                      /* plain jump */
4:  li a0, 0x99
    call asm_fail
7:
    /* backward jal */
    li a5, 0
    j 9f
8:  li a5, 7
    j 10f
9:  jal x0, 8b
10: CHECK_EQ a5, 7

    /* ---- loads ---- */
    la a3, ldata
    lb a5, 0(a3)
    CHECK_EQ a5, 0xffffffffffffff80
    lbu a5, 0(a3)
    CHECK_EQ a5, 0x80
    lb a5, 1(a3)
    CHECK_EQ a5, 0x7f
    lh a5, 2(a3)
    CHECK_EQ a5, 0xffffffffffff8001
    lhu a5, 2(a3)
    CHECK_EQ a5, 0x8001
    lw a5, 4(a3)
    CHECK_EQ a5, 0xffffffff89abcdef
    lwu a5, 4(a3)
    CHECK_EQ a5, 0x89abcdef
    lw a5, 8(a3)
    CHECK_EQ a5, 0x01234567
    ld a5, 8(a3)
    CHECK_EQ a5, 0xfedcba9801234567
    addi a4, a3, 16
    ld a5, -16(a4)
    CHECK_EQ a5, 0x89abcdef80017f80
    lh a5, -14(a4)
    CHECK_EQ a5, 0xffffffffffff8001
    li a5, 0
    lw x0, 0(a3)                    /* load to x0 has no effect */
    CHECK_EQ x0, 0

    /* ---- stores ---- */
    la a3, sdata
    li a4, -1
    sd a4, 0(a3)
    sd a4, 8(a3)
    li a4, 0x1122334455667788
    sb a4, 0(a3)
    ld a5, 0(a3)
    CHECK_EQ a5, 0xffffffffffffff88
    sh a4, 2(a3)
    ld a5, 0(a3)
    CHECK_EQ a5, 0xffffffff7788ff88
    sw a4, 4(a3)
    ld a5, 0(a3)
    CHECK_EQ a5, 0x556677887788ff88
    sd a4, 8(a3)
    ld a5, 8(a3)
    CHECK_EQ a5, 0x1122334455667788
    addi a5, a3, 16
    sb zero, -9(a5)                 /* negative offset: byte 7 */
    ld a5, 0(a3)
    CHECK_EQ a5, 0x006677887788ff88
    sw zero, 12(a3)
    ld a5, 8(a3)
    CHECK_EQ a5, 0x0000000055667788

    /* ---- fences (must simply execute) ---- */
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, w
    fence.tso
    .word 0x0100000f                /* pause (fence w,0) */
    fence.i
    nop

    PUTS "rv64i: pass\n"
    PASS

    .data
    .balign 16
ldata:
    .byte 0x80, 0x7f, 0x01, 0x80
    .word 0x89abcdef
    .dword 0xfedcba9801234567
sdata:
    .dword 0, 0
