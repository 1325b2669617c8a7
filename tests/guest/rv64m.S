/* RV64M: multiply/divide incl. high halves, signs, division by zero and
 * signed overflow (results fixed by the spec, no traps). */
#include "asm_test.h"
    .option norvc
    .text
TEST_START
    PUTS "rv64m: start\n"

    T_RR mul, -21, 3, -7
    T_RR mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 2
    T_RR mul, 0x236d88fe5618cf00, 0x123456789abcdef0, 0xfedcba9876543210
    T_RR mul, 0, 0x8000000000000000, 0x8000000000000000

    T_RR mulh, 0, -1, -1
    T_RR mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
    T_RR mulh, -1, -1, 1
    T_RR mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
    T_RR mulh, 0xffeb49923cc09532, 0x123456789abcdef0, 0xfedcba9876543210
    T_RR mulh, -1, 2, -3

    T_RR mulhu, 0xfffffffffffffffe, -1, -1
    T_RR mulhu, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
    T_RR mulhu, 0, -1, 1
    T_RR mulhu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
    T_RR mulhu, 1, 2, -3

    /* mulhsu: rs1 signed, rs2 unsigned */
    T_RR mulhsu, -1, -1, -1
    T_RR mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000
    T_RR mulhsu, -1, -1, 1
    T_RR mulhsu, 0, 1, -1
    T_RR mulhsu, 1, 2, -3
    T_RR mulhsu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210

    T_RR mulw, 0xfffffffffffffffe, 0x7fffffff, 2
    T_RR mulw, 0x34567890, 0x123456789, 0x10
    T_RR mulw, -6, 0xffffffff00000002, 0x12fffffffd

    T_RR div, 3, 7, 2
    T_RR div, -3, -7, 2             /* rounds toward zero */
    T_RR div, -3, 7, -2
    T_RR div, 3, -7, -2
    T_RR div, -1, 7, 0              /* division by zero */
    T_RR div, -1, 0, 0
    T_RR div, 0x8000000000000000, 0x8000000000000000, -1   /* overflow */
    T_RR divu, 0x7fffffffffffffff, -1, 2
    T_RR divu, 0, 7, -1
    T_RR divu, -1, 7, 0             /* division by zero: all ones */
    T_RR divu, 1, 0x8000000000000000, 0x8000000000000000

    T_RR rem, 1, 7, 2
    T_RR rem, -1, -7, 2             /* sign of the dividend */
    T_RR rem, 1, 7, -2
    T_RR rem, -1, -7, -2
    T_RR rem, 7, 7, 0               /* by zero: the dividend */
    T_RR rem, -7, -7, 0
    T_RR rem, 0, 0x8000000000000000, -1   /* overflow: zero */
    T_RR remu, 1, -1, 2
    T_RR remu, 7, 7, -1
    T_RR remu, -7, -7, 0            /* by zero: the dividend */

    T_RR divw, 3, 0x100000007, 2    /* upper bits ignored */
    T_RR divw, -3, -7, 2
    T_RR divw, -1, 7, 0x100000000   /* rs2 low word zero: by zero */
    T_RR divw, 0xffffffff80000000, 0x80000000, -1          /* overflow */
    T_RR divw, 0xffffffff80000000, 0x80000000, 1
    T_RR divuw, 0x7fffffff, 0xffffffff, 2
    T_RR divuw, -1, 0xffffffff, 1   /* result sign-extended from bit 31 */
    T_RR divuw, -1, 5, 0            /* by zero: 0xffffffff sign-extended */
    T_RR divuw, 2, 0x1000000008, 0x4

    T_RR remw, -1, -7, 2
    T_RR remw, 1, 7, -2
    T_RR remw, 0xffffffff80000000, 0x180000000, 0   /* by zero: sext dividend */
    T_RR remw, 0, 0x80000000, -1    /* overflow: zero */
    T_RR remw, 5, 0x123400000005, 7
    T_RR remuw, 1, 0xffffffff, 2
    T_RR remuw, 0xffffffff80000000, 0x80000000, 0   /* by zero: sext dividend */
    T_RR remuw, 0xffffffff80000001, 0x80000001, 0xffffffff80000002
    T_RR remuw, 3, 0xf00000007, 4

    T_RR_ALIAS mul, 42, 6, 7
    T_RR_ALIAS div, 3, 21, 7
    T_RR_ALIAS remu, 4, 25, 7

    PUTS "rv64m: pass\n"
    PASS
