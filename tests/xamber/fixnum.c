/* Fixnum arithmetic traps exactly at the 56-bit boundary, with the exact
 * result in mtval, and on any operand that is not a fixnum; compares and
 * branches agree with C on the datum. */
#include "guest.h"
#include "xamber.h"

static const int64_t edge[] = {
    AM_FIXNUM_MAX, AM_FIXNUM_MAX - 1, AM_FIXNUM_MIN, AM_FIXNUM_MIN + 1, 0, 1, -1, 2047, -2048,
    AM_FIXNUM_MAX / 2 + 1, AM_FIXNUM_MIN / 2 - 1,
};
#define N (sizeof edge / sizeof edge[0])

static int fits(int64_t n)
{
    return n >= AM_FIXNUM_MIN && n <= AM_FIXNUM_MAX;
}

/* r = op(a, b) either equals the exact result or trapped with it in mtval. */
static void check_result(uint64_t r, int64_t exact)
{
    if (fits(exact)) {
        CHECK_NOTRAP();
        CHECK(r == AM_FIXNUM(exact));
    } else {
        CHECK_TRAP(AM_CAUSE_OVERFLOW);
        CHECK(trap.tval == (uint64_t)exact);
    }
}

static int lt_branch(uint64_t a, uint64_t b)
{
    am_bflt(a, b, yes);
    return 0;
yes:
    return 1;
}

static int ge_branch(uint64_t a, uint64_t b)
{
    am_bfge(a, b, yes);
    return 0;
yes:
    return 1;
}

int main(void)
{
    guest_init();
    unsigned overflows = 0;
    for (unsigned i = 0; i < N; i++) {
        for (unsigned j = 0; j < N; j++) {
            int64_t x = edge[i], y = edge[j];
            uint64_t a = AM_FIXNUM(x), b = AM_FIXNUM(y), r;
            expect_traps();
            r = am_fadd(a, b);
            disarm();
            check_result(r, x + y);
            expect_traps();
            r = am_fsub(a, b);
            disarm();
            check_result(r, x - y);
            overflows += !fits(x + y) + !fits(x - y);
            CHECK(am_flt(a, b) == (x < y));
            CHECK(lt_branch(a, b) == (x < y));
            CHECK(ge_branch(a, b) == (x >= y));
        }
        expect_traps();
        uint64_t r = am_faddi(AM_FIXNUM(edge[i]), 1);
        disarm();
        check_result(r, edge[i] + 1);
        expect_traps();
        r = am_faddi(AM_FIXNUM(edge[i]), -2048);
        disarm();
        check_result(r, edge[i] - 2048);
    }
    CHECK(overflows > 10);
    say("fixnum: boundary ok");

    /* Exactly at the boundary. */
    CHECK(am_faddi(AM_FIXNUM(AM_FIXNUM_MAX - 1), 1) == AM_FIXNUM(AM_FIXNUM_MAX));
    expect_trap();
    (void)am_faddi(AM_FIXNUM(AM_FIXNUM_MAX), 1);
    CHECK_TRAP(AM_CAUSE_OVERFLOW);
    CHECK(trap.tval == (uint64_t)1 << 55);
    CHECK(am_fsub(AM_FIXNUM(AM_FIXNUM_MIN + 1), AM_FIXNUM(1)) == AM_FIXNUM(AM_FIXNUM_MIN));
    expect_trap();
    (void)am_fsub(AM_FIXNUM(AM_FIXNUM_MIN), AM_FIXNUM(1));
    CHECK_TRAP(AM_CAUSE_OVERFLOW);
    CHECK(trap.tval == (uint64_t)(AM_FIXNUM_MIN - 1));

    /* A non-fixnum operand: the type trap names it, rs1 first. */
    static const uint64_t others[] = {
        0, AM_NIL, AM_MAKE(AM_T_CHAR, 1), AM_MAKE(AM_T_CONS, 0x80000000), AM_MAKE(0x14, 0),
    };
    for (unsigned i = 0; i < sizeof others / sizeof others[0]; i++) {
        uint64_t o = others[i];
        expect_trap();
        (void)am_fadd(o, AM_FIXNUM(1));
        CHECK_TRAP(AM_CAUSE_TYPE);
        CHECK(trap.tval == o);
        expect_trap();
        (void)am_fsub(AM_FIXNUM(1), o);
        CHECK_TRAP(AM_CAUSE_TYPE);
        CHECK(trap.tval == o);
        expect_trap();
        (void)am_flt(o, AM_NIL);
        CHECK_TRAP(AM_CAUSE_TYPE);
        CHECK(trap.tval == o);
        expect_trap();
        (void)lt_branch(AM_FIXNUM(0), o);
        CHECK_TRAP(AM_CAUSE_TYPE);
        CHECK(trap.tval == o);
    }
    /* Access bits do not matter to a fixnum, and the result has none. */
    CHECK(am_faddi(AM_MAKE(AM_TAG(AM_T_FIXNUM, 0xf), 2), 3) == AM_FIXNUM(5));
    say("fixnum: ok");
    return 0;
}
