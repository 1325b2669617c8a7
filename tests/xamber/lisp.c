/* The instructions working together as a Lisp runtime uses them: cons
 * cells bump-allocated with am.alloc, built with checked stores that mark
 * the card table, walked with am.ldc car/cdr and am.bt, summed with fixnum
 * arithmetic; the heap limit traps; a collector-style scan finds every
 * reference by its tag alone. Runs in S mode, where references are made. */
#include "guest.h"
#include "xamber.h"

#define CELLS 1000
#define CARD_BYTES (1u << AM_CARD_SHIFT)
#define RW (AM_ACC_R | AM_ACC_W)

static uint64_t heap[2 * CELLS + 8] __attribute__((aligned(4096)));
static uint8_t cards[sizeof heap / CARD_BYTES + 1];

#define csr_write_num(num, v) __asm__ volatile("csrw " #num ", %0" :: "r"((uint64_t)(v)))

static uint64_t cons(uint64_t car, uint64_t cdr)
{
    uint64_t p = am_alloc(16, AM_TAG(AM_T_CONS, RW));
    am_sdc(car, p, 0, AM_T_CONS);
    am_sdc(cdr, p, 8, AM_T_CONS);
    return p;
}

static uint64_t sum(uint64_t list)
{
    uint64_t total = AM_FIXNUM(0);
    for (;;) {
        am_bnt(list, AM_T_CONS, done);
        total = am_fadd(total, am_ldc(list, 0, AM_T_CONS));
        list = am_ldc(list, 8, AM_T_CONS);
    }
done:
    return total;
}

static uint64_t run(uint64_t u)
{
    (void)u;
    csr_write_num(0x5c0, heap);                          /* amhp */
    csr_write_num(0x5c1, heap + 2 * CELLS);              /* amhlim */
    uint64_t list = AM_NIL;
    for (int64_t i = CELLS; i >= 1; i--)
        list = cons(AM_FIXNUM(i), list);
    CHECK(sum(list) == AM_FIXNUM(CELLS * (CELLS + 1) / 2));
    CHECK(AM_DATUM(list) == (int64_t)(uintptr_t)heap + 16 * (CELLS - 1));

    /* The heap is full: the next allocation traps for the collector. */
    expect_trap();
    (void)am_alloc(16, AM_TAG(AM_T_CONS, RW));
    CHECK_TRAP(AM_CAUSE_ALLOC);
    CHECK(trap.tval == 16);

    /* With the card table on, storing a reference marks the slot's card;
     * storing a fixnum does not. */
    csr_write_num(0x5c2, (uintptr_t)cards - ((uintptr_t)heap >> AM_CARD_SHIFT)); /* amcard */
    uint64_t cell = am_settagi((uintptr_t)&heap[2 * 100], AM_TAG(AM_T_CONS, RW));
    am_sdc(list, cell, 8, AM_T_CONS);
    am_sdc(AM_FIXNUM(1), (uint64_t)am_settagi((uintptr_t)&heap[2 * 900], AM_TAG(AM_T_CONS, RW)),
           0, AM_T_CONS);
    csr_write_num(0x5c2, 0);
    unsigned marked = 0;
    for (unsigned i = 0; i < sizeof cards; i++)
        marked += cards[i];
    CHECK(marked == 1);
    CHECK(cards[(2 * 100 * 8 + 8) / CARD_BYTES] == 1);

    /* A read-only view: loads pass, stores trap. */
    uint64_t ro = am_settagi(AM_DATUM(list), AM_TAG(AM_T_CONS, AM_ACC_R));
    CHECK(am_ldc(ro, 0, AM_T_CONS) == AM_FIXNUM(1));
    expect_trap();
    am_sdc(AM_NIL, ro, 0, AM_T_CONS);
    CHECK_TRAP(AM_CAUSE_ACCESS);
    CHECK(trap.tval == ro);

    /* The scan: count references and fixnums by tag, no layout needed. */
    unsigned refs = 0, fixnums = 0;
    for (unsigned i = 0; i < 2 * CELLS; i++) {
        uint64_t v = am_ld((uintptr_t)&heap[i], 0);
        refs += AM_TYPEOF(v) == AM_T_CONS;
        fixnums += AM_TYPEOF(v) == AM_T_FIXNUM;
    }
    CHECK(refs == CELLS - 1);       /* the cdrs but the last, which is nil */
    CHECK(fixnums == CELLS);        /* the cars */
    return 0;
}

int main(void)
{
    guest_init();
    enter_mode(PRV_S, run, 0);
    say("lisp: ok");
    return 0;
}
