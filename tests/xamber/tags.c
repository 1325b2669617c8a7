/* Tags in DRAM: every type round-trips through am.sd/am.ld, memory holds
 * the datum sign-extended (so plain loads read it), and every standard
 * store, misaligned store and AMO makes the words it touches RAW while
 * leaving their neighbours alone. */
#include "guest.h"
#include "xamber.h"

static uint64_t mem[16] __attribute__((aligned(64)));

#define CONS(p) AM_MAKE(AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W), (uint64_t)(p))

static unsigned tag_at(uint64_t *p)
{
    return AM_TAGOF(am_ld((uint64_t)p, 0));
}

/* Tag mem[0..2] as cons cells, let store() write into mem[1], and check
 * that mem[1] became RAW and its neighbours kept their tags. */
static void check_clears(const char *what, void (*store)(void))
{
    for (int i = 0; i < 3; i++)
        am_sd(CONS(&mem[8]), (uint64_t)&mem[i], 0);
    store();
    if (tag_at(&mem[1]) != 0 || tag_at(&mem[0]) != AM_TAGOF(CONS(0)) ||
        tag_at(&mem[2]) != AM_TAGOF(CONS(0))) {
        rt_puts("tags: not cleared by ");
        say(what);
        rt_exit(1);
    }
}

/* Byte off of mem[1], for stores of every width. */
static volatile void *in1(unsigned off)
{
    return (volatile char *)mem + 8 + off;
}

static void st_sd(void) { *(volatile uint64_t *)in1(0) = 1; }
static void st_sw_lo(void) { *(volatile uint32_t *)in1(0) = 1; }
static void st_sw_hi(void) { *(volatile uint32_t *)in1(4) = 1; }
static void st_sh(void) { *(volatile uint16_t *)in1(4) = 1; }
static void st_sb_lo(void) { *(volatile uint8_t *)in1(0) = 1; }
static void st_sb_hi(void) { *(volatile uint8_t *)in1(7) = 1; }
static void st_amoadd_d(void) { __atomic_fetch_add(&mem[1], 1, __ATOMIC_SEQ_CST); }
static void st_amoswap_w(void)
{
    __asm__ volatile("amoswap.w zero, zero, (%0)" :: "r"((char *)&mem[1] + 4) : "memory");
}
static void st_amoor_d(void) { __asm__ volatile("amoor.d zero, zero, (%0)" :: "r"(&mem[1]) : "memory"); }
static void st_lr_sc(void)
{
    uint64_t expect = AM_DATUM(CONS(&mem[8]));
    __atomic_compare_exchange_n(&mem[1], &expect, 5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    CHECK(mem[1] == 5); /* the SC succeeded */
}
static void st_sd_misaligned(void)
{
    /* A misaligned sd touches mem[1] and mem[2]: both become RAW. */
    __asm__ volatile("sd zero, 0(%0)" :: "r"((char *)&mem[1] + 4) : "memory");
    CHECK(tag_at(&mem[2]) == 0);
    am_sd(CONS(&mem[8]), (uint64_t)&mem[2], 0);
}

int main(void)
{
    guest_init();
    static const uint64_t values[] = {
        AM_FIXNUM(0), AM_FIXNUM(-1), AM_FIXNUM(AM_FIXNUM_MAX), AM_FIXNUM(AM_FIXNUM_MIN),
        AM_MAKE(AM_T_CHAR, 0x10FFFF), AM_NIL, AM_TRUE, AM_UNBOUND, AM_EOF,
        AM_MAKE(AM_TAG(AM_T_CONS, 0xf), 0x80001000), AM_MAKE(AM_T_SYMBOL, 0x00ffffffc0000000),
        AM_MAKE(AM_T_OBJECT, 0x1000000000), AM_MAKE(AM_T_HEADER, 0x0300000000000004),
        AM_MAKE(AM_T_FORWARD, 0x80002000), AM_MAKE(0, 0x00ffffffffffffff), AM_MAKE(0xff, 1),
    };
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        uint64_t v = values[i];
        am_sd(v, (uint64_t)&mem[i & 7], 0);
        CHECK(am_ld((uint64_t)&mem[i & 7], 0) == v);
        CHECK(mem[i & 7] == (uint64_t)AM_DATUM(v));  /* plain ld sees the datum */
        CHECK(tag_at(&mem[i & 7]) == AM_TAGOF(v));    /* and leaves the tag */
    }
    say("tags: round trips ok");

    /* Base registers may be tagged pointers; offsets reach both ways. */
    am_sd(AM_FIXNUM(42), (uint64_t)&mem[3], 0);
    CHECK(am_ld(CONS(&mem[4]), -8) == AM_FIXNUM(42));
    CHECK(am_ld(CONS(&mem[2]), 8) == AM_FIXNUM(42));

    /* Plain data reads as RAW with its low 56 bits. */
    mem[5] = 0xfedcba9876543210ull;
    CHECK(am_ld((uint64_t)&mem[5], 0) == (0xfedcba9876543210ull & AM_DATUM_MASK));

    check_clears("sd", st_sd);
    check_clears("sw (low)", st_sw_lo);
    check_clears("sw (high)", st_sw_hi);
    check_clears("sh", st_sh);
    check_clears("sb (low)", st_sb_lo);
    check_clears("sb (high)", st_sb_hi);
    check_clears("amoadd.d", st_amoadd_d);
    check_clears("amoswap.w", st_amoswap_w);
    check_clears("amoor.d", st_amoor_d);
    check_clears("lr/sc", st_lr_sc);
    check_clears("misaligned sd", st_sd_misaligned);
    say("tags: standard stores and AMOs clear tags ok");

    /* A failed SC writes nothing and so leaves the tag. */
    am_sd(CONS(&mem[8]), (uint64_t)&mem[6], 0);
    uint64_t fail;
    __asm__ volatile("sc.d %0, zero, (%1)" : "=r"(fail) : "r"(&mem[6]) : "memory");
    CHECK(fail != 0);
    CHECK(tag_at(&mem[6]) == AM_TAGOF(CONS(0)));
    say("tags: ok");
    return 0;
}
