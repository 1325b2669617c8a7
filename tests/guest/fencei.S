/* Zifencei: self-modifying code made visible with fence.i (code written
 * to a data buffer, and code patched in place ahead of the pc). */
#include "asm_test.h"
    .option norvc
    .text
TEST_START
    PUTS "fencei: start\n"

    /* buffer: addi a0, x0, 1 ; ret */
    la s1, codebuf
    li a4, 0x00100513
    sw a4, 0(s1)
    li a4, 0x00008067
    sw a4, 4(s1)
    fence.i
    li a0, 0
    jalr s1
    CHECK_EQ a0, 1
    /* rewrite the immediate: addi a0, x0, 2 */
    li a4, 0x00200513
    sw a4, 0(s1)
    fence.i
    li a0, 0
    jalr s1
    CHECK_EQ a0, 2

    /* rewrite it 16 times in a loop, executing each version */
    li s2, 0
1:  slli a4, s2, 20
    li a5, 0x00000513
    or a4, a4, a5                   /* addi a0, x0, s2 */
    sw a4, 0(s1)
    fence.i
    li a0, -1
    jalr s1
    CHECK_REGS a0, s2
    addi s2, s2, 1
    li a5, 16
    bne s2, a5, 1b

    /* compressed code: c.li a0, 5 ; c.jr ra */
    li a4, 0x80824515
    sw a4, 0(s1)
    fence.i
    li a0, 0
    jalr s1
    CHECK_EQ a0, 5
    /* patch only the first halfword: c.li a0, 9 */
    li a4, 0x4525
    sh a4, 0(s1)
    fence.i
    li a0, 0
    jalr s1
    CHECK_EQ a0, 9

    /* patch an instruction ahead of the pc in the running code */
    la a3, patch_site
    li a4, 0x02a00513               /* addi a0, x0, 42 */
    sw a4, 0(a3)
    fence.i
    .balign 4
patch_site:
    addi a0, x0, 1
    CHECK_EQ a0, 42

    PUTS "fencei: pass\n"
    PASS

    .data
    .balign 64
codebuf:
    .fill 16, 4, 0
