/* Macros for the assembly conformance programs. s11 holds the number of
 * the current check; a failing check calls asm_fail(num, got, expected),
 * which prints them and exits with code 1. Scratch registers: a3..a7, t3..t6. */
#ifndef ASM_TEST_H
#define ASM_TEST_H

#define TESTNUM s11

/* Start of main: reset the check counter. */
.macro TEST_START
    .globl main
main:
    li TESTNUM, 0
.endm

/* Print a constant string (clobbers caller-saved registers). */
.macro PUTS str
    .pushsection .rodata.str, "a"
.Lstr\@:
    .asciz "\str"
    .popsection
    la a0, .Lstr\@
    call rt_puts
.endm

.macro PASS
    li a0, 0
    call rt_exit
.endm

/* Compare register \reg with the constant \exp. */
.macro CHECK_EQ reg, exp
    addi TESTNUM, TESTNUM, 1
    li t6, \exp
    beq \reg, t6, .Lok\@
    mv a1, \reg
    mv a2, t6
    mv a0, TESTNUM
    call asm_fail
.Lok\@:
.endm

/* Compare two registers. */
.macro CHECK_REGS reg, expreg
    addi TESTNUM, TESTNUM, 1
    beq \reg, \expreg, .Lok\@
    mv a1, \reg
    mv a2, \expreg
    mv a0, TESTNUM
    call asm_fail
.Lok\@:
.endm

/* rd = op(v1, v2) for a register-register instruction. */
.macro T_RR op, exp, v1, v2
    li a3, \v1
    li a4, \v2
    \op a5, a3, a4
    CHECK_EQ a5, \exp
.endm

/* Same with rd == rs1 and rd == rs2 (checks operand reading order). */
.macro T_RR_ALIAS op, exp, v1, v2
    li a5, \v1
    li a4, \v2
    \op a5, a5, a4
    CHECK_EQ a5, \exp
    li a3, \v1
    li a5, \v2
    \op a5, a3, a5
    CHECK_EQ a5, \exp
.endm

/* rd = op(v1, imm) for a register-immediate instruction. */
.macro T_RI op, exp, v1, imm
    li a3, \v1
    \op a5, a3, \imm
    CHECK_EQ a5, \exp
.endm

/* Branch taken / not taken. */
.macro T_BR_TAKEN op, v1, v2
    li a3, \v1
    li a4, \v2
    li a5, 0
    \op a3, a4, .Lt\@
    li a5, 1
.Lt\@:
    CHECK_EQ a5, 0
.endm

.macro T_BR_NOT op, v1, v2
    li a3, \v1
    li a4, \v2
    li a5, 0
    \op a3, a4, .Lt\@
    li a5, 1
.Lt\@:
    CHECK_EQ a5, 1
.endm

#endif
