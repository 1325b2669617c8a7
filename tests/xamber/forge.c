/* U mode cannot forge references: every way to create a protected value
 * (types 8..15) in U mode traps with the forge cause, memory and
 * registers unchanged, while non-protected values pass and S mode may do
 * all of it. A pointer written with plain stores is only RAW data. */
#include "guest.h"
#include "xamber.h"

static uint64_t slot[2] __attribute__((aligned(16)));
static uint64_t heap[8] __attribute__((aligned(16)));

#define PTR(type) AM_MAKE(AM_TAG((type), AM_ACC_R | AM_ACC_W), (uint64_t)heap)

static uint64_t do_sd(uint64_t v) { am_sd(v, (uint64_t)slot, 0); return 0; }
static uint64_t do_sdc(uint64_t v) { am_sdc(v, PTR(AM_T_CONS), 0, AM_T_CONS); return 0; }
static uint64_t do_cas(uint64_t v) { return am_cas(AM_FIXNUM(1), v, (uint64_t)slot); }
static uint64_t do_settag(uint64_t tag) { return am_settag((uint64_t)heap, tag); }
static uint64_t do_settagi_cons(uint64_t u) { (void)u; return am_settagi((uint64_t)heap, AM_T_CONS); }
static uint64_t do_settagi_fix(uint64_t u) { (void)u; return am_settagi(5, AM_TAG(AM_T_FIXNUM, 0xf)); }
static uint64_t do_alloc(uint64_t u) { (void)u; return am_alloc(16, AM_T_FIXNUM); }
static uint64_t do_plain_sd(uint64_t v) { slot[1] = v; return 0; }

/* Run fn(arg) in mode and expect exactly one trap with cause and tval. */
static void expect(int mode, uint64_t (*fn)(uint64_t), uint64_t arg, uint64_t cause, uint64_t tval)
{
    expect_trap();
    enter_mode(mode, fn, arg);
    disarm();
    CHECK_TRAP(cause);
    CHECK(trap.tval == tval);
}

static void expect_ok(int mode, uint64_t (*fn)(uint64_t), uint64_t arg)
{
    expect_traps();
    enter_mode(mode, fn, arg);
    disarm();
    CHECK_NOTRAP();
}

int main(void)
{
    guest_init();
    am_sd(AM_FIXNUM(1), (uint64_t)slot, 0);

    for (unsigned type = AM_PROTECTED; type < 16; type++) {
        uint64_t p = PTR(type);
        expect(PRV_U, do_sd, p, AM_CAUSE_FORGE, p);
        expect(PRV_U, do_cas, p, AM_CAUSE_FORGE, p);
        expect(PRV_U, do_sdc, p, AM_CAUSE_FORGE, p);
        expect(PRV_U, do_settag, AM_TAG(type, 0), AM_CAUSE_FORGE, AM_MAKE(type, (uint64_t)heap));
        CHECK(am_ld((uint64_t)slot, 0) == AM_FIXNUM(1));  /* memory unchanged */
    }
    expect(PRV_U, do_settagi_cons, 0, AM_CAUSE_FORGE, AM_MAKE(AM_T_CONS, (uint64_t)heap));
    expect(PRV_U, do_alloc, 0, EXC_ILLEGAL, 0);
    say("forge: U-mode forgery traps ok");

    /* Values of the unprotected types are U mode's to make and store. */
    expect_ok(PRV_U, do_settagi_fix, 0);
    expect_ok(PRV_U, do_sd, AM_MAKE(AM_T_CHAR, 'A'));
    CHECK(am_ld((uint64_t)slot, 0) == AM_MAKE(AM_T_CHAR, 'A'));
    expect_ok(PRV_U, do_sdc, AM_FIXNUM(3));
    CHECK(am_ld((uint64_t)heap, 0) == AM_FIXNUM(3));

    /* S mode may create and store references. */
    expect_ok(PRV_S, do_sd, PTR(AM_T_CONS));
    CHECK(am_ld((uint64_t)slot, 0) == PTR(AM_T_CONS));
    expect_ok(PRV_S, do_sdc, PTR(AM_T_OBJECT));
    CHECK(enter_mode(PRV_S, do_settag, AM_TAG(AM_T_SYMBOL, 1)) ==
          AM_MAKE(AM_TAG(AM_T_SYMBOL, 1), (uint64_t)heap));
    say("forge: S mode may ok");

    /* The bit pattern of a reference stored with sd is RAW data: a type
     * check on what am.ld reads back traps. */
    expect_ok(PRV_U, do_plain_sd, PTR(AM_T_CONS));
    uint64_t v = am_ld((uint64_t)&slot[1], 0);
    CHECK(AM_TAGOF(v) == 0);
    expect_trap();
    am_chktag(v, AM_T_CONS);
    CHECK_TRAP(AM_CAUSE_TYPE);
    CHECK(trap.tval == v);

    /* Delegated to S mode, the S handler sees the cause and value. */
    csr_write(medeleg, 1u << AM_CAUSE_FORGE);
    CHECK(csr_read(medeleg) == 1u << AM_CAUSE_FORGE);
    expect(PRV_U, do_sd, PTR(AM_T_CONS), AM_CAUSE_FORGE, PTR(AM_T_CONS));
    CHECK(trap.mode == PRV_S);
    csr_write(medeleg, 0);
    say("forge: ok");
    return 0;
}
