/* Zicbom: cbo.clean/flush/inval execute and keep coherent data; any
 * address inside a block works (no alignment trap); menvcfg.CBCFE/CBIE
 * gate S and U mode, senvcfg gates U mode (illegal instruction when
 * disabled); a CMO on an unmapped virtual address raises a store page
 * fault. QEMU 7.2 has no Zicbom, so this program runs on amber only.
 * Built with -march=..._zicbom. */
#include "vm.h"

#define ENV_CBIE_FLUSH (1ull << 4)  /* CBIE = 01: inval performs a flush */
#define ENV_CBIE_INVAL (3ull << 4)  /* CBIE = 11: inval performs an inval */
#define ENV_CBCFE      (1ull << 6)

static uint64_t line[16] __attribute__((aligned(64)));

static uint64_t s_clean(uint64_t a) { __asm__ volatile("cbo.clean (%0)" :: "r"(a) : "memory"); return 0; }
static uint64_t s_flush(uint64_t a) { __asm__ volatile("cbo.flush (%0)" :: "r"(a) : "memory"); return 0; }
static uint64_t s_inval(uint64_t a) { __asm__ volatile("cbo.inval (%0)" :: "r"(a) : "memory"); return 0; }

static uint64_t (*const s_op[3])(uint64_t) = { s_clean, s_flush, s_inval };
static uint64_t (*const u_op[3])(uint64_t) = { u_cbo_clean, u_cbo_flush, u_cbo_inval };

/* Run CMO `op` (0 clean, 1 flush, 2 inval) in `mode`; 1 if illegal. */
static int illegal_in(int mode, int op)
{
    expect_trap();
    enter_mode(mode, mode == PRV_S ? s_op[op] : u_op[op], (uint64_t)line);
    int t = trap.count;
    disarm();
    if (t)
        CHECK(trap.cause == EXC_ILLEGAL);
    return t;
}

int main(void)
{
    say("zicbom: start");
    guest_init();

    /* ---- M mode: always allowed; data stays coherent ---- */
    for (int i = 0; i < 16; i++)
        line[i] = 0x1111111111111111ull * (uint64_t)(i + 1);
    expect_trap();
    __asm__ volatile("cbo.clean (%0)" :: "r"(line) : "memory");
    CHECK(line[0] == 0x1111111111111111ull);
    __asm__ volatile("cbo.flush (%0)" :: "r"(line) : "memory");
    CHECK(line[1] == 0x2222222222222222ull);
    __asm__ volatile("cbo.flush (%0)" :: "r"((uint64_t)line + 13) : "memory");
    __asm__ volatile("cbo.clean (%0)" :: "r"((uint64_t)line + 64 + 37) : "memory");
    __asm__ volatile("cbo.inval (%0)" :: "r"(line) : "memory"); /* after a flush */
    CHECK_NOTRAP();
    disarm();
    for (int i = 0; i < 16; i++)
        CHECK(line[i] == 0x1111111111111111ull * (uint64_t)(i + 1));
    say("zicbom: m mode ok");

    /* ---- menvcfg gates S ---- */
    csr_write(menvcfg, 0);
    csr_write(senvcfg, 0);
    for (int op = 0; op < 3; op++)
        CHECK(illegal_in(PRV_S, op));
    csr_write(menvcfg, ENV_CBCFE);
    CHECK(!illegal_in(PRV_S, 0));
    CHECK(!illegal_in(PRV_S, 1));
    CHECK(illegal_in(PRV_S, 2));
    csr_write(menvcfg, ENV_CBIE_FLUSH);
    CHECK(illegal_in(PRV_S, 0));
    CHECK(illegal_in(PRV_S, 1));
    CHECK(!illegal_in(PRV_S, 2));
    csr_write(menvcfg, ENV_CBCFE | ENV_CBIE_INVAL);
    for (int op = 0; op < 3; op++)
        CHECK(!illegal_in(PRV_S, op));
    say("zicbom: menvcfg ok");

    /* ---- senvcfg (and menvcfg) gate U ---- */
    for (int op = 0; op < 3; op++)
        CHECK(illegal_in(PRV_U, op));
    csr_write(senvcfg, ENV_CBCFE);
    CHECK(!illegal_in(PRV_U, 0));
    CHECK(!illegal_in(PRV_U, 1));
    CHECK(illegal_in(PRV_U, 2));
    csr_write(senvcfg, ENV_CBCFE | ENV_CBIE_FLUSH);
    for (int op = 0; op < 3; op++)
        CHECK(!illegal_in(PRV_U, op));
    csr_write(menvcfg, 0);                      /* M level off: U off too */
    for (int op = 0; op < 3; op++)
        CHECK(illegal_in(PRV_U, op));
    for (int i = 0; i < 16; i++)
        CHECK(line[i] == 0x1111111111111111ull * (uint64_t)(i + 1));
    say("zicbom: senvcfg ok");

    /* ---- a CMO on an unmapped address: store page fault ---- */
    csr_write(menvcfg, ENV_CBCFE | ENV_CBIE_INVAL);
    uint64_t *root = vm_identity();
    vm_enable(root);
    for (int op = 0; op < 3; op++) {
        expect_trap();
        enter_mode(PRV_S, s_op[op], 0x2000000000ull);
        CHECK_TRAP(EXC_STORE_PAGE);
        CHECK(trap.tval == 0x2000000000ull);
    }
    expect_trap();
    enter_mode(PRV_S, s_clean, (uint64_t)line);  /* mapped: fine */
    CHECK_NOTRAP();
    disarm();
    csr_write(satp, 0);
    sfence_vma();
    csr_write(menvcfg, 0);
    csr_write(senvcfg, 0);
    say("zicbom: page fault ok");

    say("zicbom: pass");
    return 0;
}
