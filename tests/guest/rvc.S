/* C extension (RV64): every compressed instruction, written explicitly.
 * c.ebreak and the all-zero illegal halfword are in traps.c. */
#include "asm_test.h"
    .option rvc
    .text
TEST_START
    PUTS "rvc: start\n"

    /* ---- c.li / c.lui / c.addi / c.addiw / c.addi16sp / c.addi4spn ---- */
    c.li a0, -32
    CHECK_EQ a0, -32
    c.li a0, 31
    CHECK_EQ a0, 31
    c.li a5, 0
    CHECK_EQ a5, 0
    c.lui a1, 1
    CHECK_EQ a1, 0x1000
    c.lui a1, 31
    CHECK_EQ a1, 0x1f000
    c.lui a1, 0xfffe0               /* nzimm = -32 << 12 */
    CHECK_EQ a1, 0xfffffffffffe0000
    c.lui a1, 0xfffff
    CHECK_EQ a1, -4096
    li a2, 100
    c.addi a2, -32
    CHECK_EQ a2, 68
    c.addi a2, 31
    CHECK_EQ a2, 99
    li a2, 0x7fffffff
    c.addiw a2, 1                   /* 32-bit result, sign-extended */
    CHECK_EQ a2, 0xffffffff80000000
    li a2, 0x1ffffffff
    c.addiw a2, 0                   /* sext.w */
    CHECK_EQ a2, -1
    li a2, 5
    c.addiw a2, -32
    CHECK_EQ a2, -27
    mv s1, sp
    c.addi16sp sp, -512
    sub a3, s1, sp
    CHECK_EQ a3, 512
    c.addi16sp sp, 496
    sub a3, s1, sp
    CHECK_EQ a3, 16
    c.addi16sp sp, 16
    CHECK_REGS sp, s1
    c.addi4spn s0, sp, 4
    sub a3, s0, sp
    CHECK_EQ a3, 4
    c.addi4spn a5, sp, 1020
    sub a3, a5, sp
    CHECK_EQ a3, 1020
    c.nop

    /* ---- shifts and logic ---- */
    li a0, 1
    c.slli a0, 63
    CHECK_EQ a0, 0x8000000000000000
    li a0, 0x123
    c.slli a0, 4
    CHECK_EQ a0, 0x1230
    c.srli a0, 4
    CHECK_EQ a0, 0x123
    li a0, 0x8000000000000000
    c.srli a0, 63
    CHECK_EQ a0, 1
    li a0, 0x8000000000000000
    c.srai a0, 63
    CHECK_EQ a0, -1
    li a0, 0x8000000000000000
    c.srai a0, 32
    CHECK_EQ a0, 0xffffffff80000000
    li a0, 0x1234
    c.andi a0, 0x1f
    CHECK_EQ a0, 0x14
    li a0, 0x1234
    c.andi a0, -32                  /* sign-extended immediate */
    CHECK_EQ a0, 0x1220
    li a0, 0x0ff00ff00ff00ff0
    li a1, 0xf0f0f0f0f0f0f0f0
    mv a2, a0
    c.and a2, a1
    CHECK_EQ a2, 0x00f000f000f000f0
    mv a2, a0
    c.or a2, a1
    CHECK_EQ a2, 0xfff0fff0fff0fff0
    mv a2, a0
    c.xor a2, a1
    CHECK_EQ a2, 0xff00ff00ff00ff00
    li a2, 5
    li a1, 7
    c.sub a2, a1
    CHECK_EQ a2, -2
    li s0, 0x7fffffff
    li s1, 1
    c.addw s0, s1
    CHECK_EQ s0, 0xffffffff80000000
    li s0, 0x100000000
    li s1, 1
    c.subw s0, s1
    CHECK_EQ s0, -1
    li s0, 0x80000000
    li s1, 0x7fffffff
    c.subw s0, s1
    CHECK_EQ s0, 1

    /* ---- c.mv / c.add (full register set) ---- */
    li t0, 0x1234
    c.mv t3, t0
    CHECK_EQ t3, 0x1234
    li t4, 0x1000
    c.add t4, t3
    CHECK_EQ t4, 0x2234
    li ra, -1
    c.add ra, ra
    CHECK_EQ ra, -2

    /* ---- loads and stores ---- */
    la s0, cdata
    c.ld a0, 0(s0)
    CHECK_EQ a0, 0x8877665544332211
    c.ld a0, 248(s0)
    CHECK_EQ a0, 0x0123456789abcdef
    c.lw a1, 4(s0)
    CHECK_EQ a1, 0xffffffff88776655
    c.lw a1, 124(s0)
    CHECK_EQ a1, 0x7fff0001
    la s1, cbuf
    li a2, 0x1122334455667788
    c.sd a2, 8(s1)
    ld a3, 8(s1)
    CHECK_EQ a3, 0x1122334455667788
    li a2, 0xcafef00d
    c.sw a2, 12(s1)
    ld a3, 8(s1)
    CHECK_EQ a3, 0xcafef00d55667788
    c.sd a2, 248(s1)
    ld a3, 248(s1)
    CHECK_EQ a3, 0xcafef00d
    c.sw a2, 124(s1)
    lwu a3, 124(s1)
    CHECK_EQ a3, 0xcafef00d

    /* sp-relative, using a 512-byte frame */
    mv s1, sp
    c.addi16sp sp, -512
    li t1, 0x0123456789abcdef
    c.sdsp t1, 504(sp)
    c.sdsp t1, 0(sp)
    li t2, 0x89abcdef
    c.swsp t2, 252(sp)
    c.swsp t2, 8(sp)
    c.ldsp t3, 504(sp)
    CHECK_EQ t3, 0x0123456789abcdef
    c.ldsp t3, 0(sp)
    CHECK_EQ t3, 0x0123456789abcdef
    c.lwsp t4, 252(sp)
    CHECK_EQ t4, 0xffffffff89abcdef  /* sign-extended */
    c.lwsp t4, 8(sp)
    CHECK_EQ t4, 0xffffffff89abcdef
    addi a3, s1, -8
    ld a4, 0(a3)
    CHECK_EQ a4, 0x0123456789abcdef
    c.addi16sp sp, 496
    c.addi16sp sp, 16
    CHECK_REGS sp, s1

    /* ---- jumps and branches ---- */
    li a5, 0
    c.j 1f
    li a5, 1
1:  CHECK_EQ a5, 0
    /* backward c.j */
    li a5, 0
    j 3f
2:  li a5, 5
    j 4f
3:  c.j 2b
4:  CHECK_EQ a5, 5

    li a0, 0
    li a5, 0
    c.beqz a0, 1f
    li a5, 1
1:  CHECK_EQ a5, 0
    li a0, 3
    li a5, 0
    c.beqz a0, 1f
    li a5, 1
1:  CHECK_EQ a5, 1
    li a0, -1
    li a5, 0
    c.bnez a0, 1f
    li a5, 1
1:  CHECK_EQ a5, 0
    li a0, 0
    li a5, 0
    c.bnez a0, 1f
    li a5, 1
1:  CHECK_EQ a5, 1
    /* backward c.bnez loop */
    li a0, 4
    li a5, 0
1:  addi a5, a5, 3
    addi a0, a0, -1
    c.bnez a0, 1b
    CHECK_EQ a5, 12

    /* c.jalr: link is pc + 2 */
    la t0, sub_ret7
    li a0, 0
1:  c.jalr t0
2:  CHECK_EQ a0, 7
    la t1, 2b
    CHECK_REGS ra, t1
    /* c.jr */
    la t0, 5f
    li a5, 0
    c.jr t0
    li a5, 1
5:  CHECK_EQ a5, 0

    PUTS "rvc: pass\n"
    PASS

/* leaf function returning 7 through c.jr ra */
sub_ret7:
    c.li a0, 7
    c.jr ra

    .data
    .balign 8
cdata:
    .dword 0x8877665544332211
    .fill 14, 8, 0
    .word 0, 0x7fff0001             /* offset 120: word at 124 */
    .fill 15, 8, 0
    .dword 0x0123456789abcdef      /* offset 248 */
cbuf:
    .fill 33, 8, 0
