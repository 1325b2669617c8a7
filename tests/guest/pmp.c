/* PMP: NAPOT and TOR regions denying S/U accesses (load, store, fetch),
 * lowest-numbered match wins, M mode unaffected by unlocked entries, PMP
 * checks on the page-table walk, and locked entries (M mode bound, writes
 * to the locked pmpcfg/pmpaddr ignored). Uses entries 0-3 only and regions
 * of 4 KiB or more, so any PMP granularity up to 4 KiB works. */
#include "vm.h"

#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_TOR   0x08
#define PMP_NAPOT 0x18
#define PMP_L 0x80

static uint64_t deny_page[512] __attribute__((aligned(4096)));
static uint64_t ro_pages[1024] __attribute__((aligned(4096)));
static uint64_t lock_page[512] __attribute__((aligned(4096)));
static uint64_t free_page[512] __attribute__((aligned(4096)));

static uint64_t napot(void *base, uint64_t size)
{
    return ((uint64_t)base >> 2) | ((size >> 3) - 1);
}

static uint64_t s_load(uint64_t va) { return ld64(va); }
static uint64_t s_store(uint64_t va) { sd64(va, 0x77); return 0; }
static uint64_t s_exec(uint64_t va) { return call_addr(va); }

static void s_access_fault(uint64_t (*fn)(uint64_t), uint64_t addr, uint64_t cause)
{
    expect_trap();
    uint64_t r = enter_mode(PRV_S, fn, addr);
    CHECK_TRAP(cause);
    CHECK(trap.tval == 0 || trap.tval == addr);
    if (fn != s_store)
        CHECK(r == SENTINEL);
}

static uint64_t s_ok(uint64_t (*fn)(uint64_t), uint64_t addr)
{
    expect_trap();
    uint64_t r = enter_mode(PRV_S, fn, addr);
    CHECK_NOTRAP();
    disarm();
    return r;
}

int main(void)
{
    say("pmp: start");
    guest_init();

    deny_page[0] = 0xd0d0d0d0d0d0d0d0ull;
    ro_pages[0] = 0x0707070707070707ull;
    ro_pages[512] = 0x0808080808080808ull;
    free_page[0] = 0xf0f0f0f0f0f0f0f0ull;
    /* code in the read-only region: addi a0, x0, 0x77 ; ret */
    ((uint32_t *)ro_pages)[8] = 0x07700513;
    ((uint32_t *)ro_pages)[9] = 0x00008067;
    fence_i();

    /* e0: NAPOT deny_page, no access; e1: TOR bottom; e2: TOR ro_pages, R;
     * e3: NAPOT everything, RWX */
    csr_write(pmpcfg0, 0);
    csr_write(pmpaddr0, napot(deny_page, 4096));
    csr_write(pmpaddr1, (uint64_t)ro_pages >> 2);
    csr_write(pmpaddr2, ((uint64_t)ro_pages + 8192) >> 2);
    csr_write(pmpaddr3, ~0ull);
    uint64_t cfg = (uint64_t)PMP_NAPOT | ((uint64_t)0 << 8) |
                   ((uint64_t)(PMP_TOR | PMP_R) << 16) |
                   ((uint64_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 24);
    csr_write(pmpcfg0, cfg);
    sfence_vma();
    CHECK(csr_read(pmpcfg0) == cfg);

    /* ---- S mode ---- */
    s_access_fault(s_load, (uint64_t)deny_page, EXC_LOAD_ACCESS);
    s_access_fault(s_load, (uint64_t)&deny_page[511], EXC_LOAD_ACCESS);
    s_access_fault(s_store, (uint64_t)&deny_page[5], EXC_STORE_ACCESS);
    CHECK(deny_page[5] == 0);
    CHECK(s_ok(s_load, (uint64_t)ro_pages) == 0x0707070707070707ull);
    CHECK(s_ok(s_load, (uint64_t)&ro_pages[512]) == 0x0808080808080808ull);
    s_access_fault(s_store, (uint64_t)&ro_pages[513], EXC_STORE_ACCESS);
    s_access_fault(s_exec, (uint64_t)&ro_pages[4], EXC_FETCH_ACCESS);
    CHECK(trap.epc == (uint64_t)&ro_pages[4]);
    CHECK(s_ok(s_load, (uint64_t)free_page) == 0xf0f0f0f0f0f0f0f0ull);
    s_ok(s_store, (uint64_t)&free_page[1]);
    CHECK(free_page[1] == 0x77);
    /* ---- U mode ---- */
    expect_trap();
    CHECK(enter_mode(PRV_U, u_load64, (uint64_t)deny_page) == SENTINEL);
    CHECK_TRAP(EXC_LOAD_ACCESS);
    expect_trap();
    CHECK(enter_mode(PRV_U, u_load64, (uint64_t)ro_pages) == 0x0707070707070707ull);
    CHECK_NOTRAP();
    disarm();
    /* ---- M mode ignores unlocked entries ---- */
    CHECK(ld64((uint64_t)deny_page) == 0xd0d0d0d0d0d0d0d0ull);
    sd64((uint64_t)&ro_pages[2], 0x22);
    CHECK(ro_pages[2] == 0x22);
    say("pmp: napot/tor ok");

    /* ---- the page-table walk is checked as an S-mode read ---- */
    uint64_t *root = vm_identity();
    uint64_t va = 0x1000000000ull;
    pt_map(root, va, (uint64_t)free_page, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    uint64_t *l0 = (uint64_t *)((uint64_t)pt_walk(root, va, 0, 0) & ~4095ull);
    vm_enable(root);
    CHECK(s_ok(s_load, va) == 0xf0f0f0f0f0f0f0f0ull);
    csr_write(pmpaddr0, napot(l0, 4096));         /* deny the level-0 table */
    sfence_vma();
    s_access_fault(s_load, va, EXC_LOAD_ACCESS);  /* access fault, not page fault */
    s_access_fault(s_store, va, EXC_STORE_ACCESS);
    csr_write(satp, 0);
    csr_write(pmpaddr0, napot(deny_page, 4096));
    sfence_vma();
    say("pmp: page walk ok");

    /* ---- locked entries bind M mode and cannot be changed ---- */
    lock_page[0] = 0x1010101010101010ull;
    csr_write(pmpaddr0, napot(lock_page, 4096));
    cfg = (cfg & ~0xffull) | PMP_L | PMP_NAPOT;   /* locked, no access */
    csr_write(pmpcfg0, cfg);
    sfence_vma();
    CHECK((csr_read(pmpcfg0) & 0xff) == (PMP_L | PMP_NAPOT));
    expect_trap();
    CHECK(ld64((uint64_t)lock_page) == SENTINEL);
    CHECK_TRAP(EXC_LOAD_ACCESS);
    CHECK(trap.mode == PRV_M);
    expect_trap();
    sd64((uint64_t)&lock_page[1], 5);
    CHECK_TRAP(EXC_STORE_ACCESS);
    disarm();
    uint64_t a0 = csr_read(pmpaddr0);
    csr_write(pmpaddr0, napot(free_page, 4096));  /* ignored */
    CHECK(csr_read(pmpaddr0) == a0);
    csr_write(pmpcfg0, (cfg & ~0xffull) | PMP_NAPOT | PMP_R | PMP_W | PMP_X); /* byte 0 ignored */
    CHECK((csr_read(pmpcfg0) & 0xff) == (PMP_L | PMP_NAPOT));
    expect_trap();
    CHECK(ld64((uint64_t)lock_page) == SENTINEL);  /* still denied */
    CHECK_TRAP(EXC_LOAD_ACCESS);
    /* locking a TOR entry also locks the pmpaddr below it */
    cfg = csr_read(pmpcfg0);
    cfg |= (uint64_t)PMP_L << 16;
    csr_write(pmpcfg0, cfg);
    uint64_t a1 = csr_read(pmpaddr1);
    csr_write(pmpaddr1, (uint64_t)free_page >> 2);
    CHECK(csr_read(pmpaddr1) == a1);
    expect_trap();
    sd64((uint64_t)&ro_pages[3], 1);              /* M bound by locked TOR R */
    CHECK_TRAP(EXC_STORE_ACCESS);
    CHECK(ld64((uint64_t)&ro_pages[2]) == 0x22);
    disarm();
    CHECK(ld64((uint64_t)free_page) == 0xf0f0f0f0f0f0f0f0ull);
    say("pmp: lock ok");

    say("pmp: pass");
    return 0;
}
