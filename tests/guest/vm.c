/* Sv39: page tables built in C; identity, offset and high (sign-extended)
 * mappings; U and S pages, SUM and MXR; 2 MiB and 1 GiB superpages and
 * misaligned superpages; reserved/invalid PTEs; hardware A/D updates;
 * sfence.vma; fetch/load/store page faults with tval, in M and delegated
 * to S; MPRV; satp WARL. */
#include "vm.h"

#define VA_BASE     0x1000000000ull        /* VPN2 = 0x40 */
#define VA_RW       (VA_BASE + 0x0000)     /* page_a, RW */
#define VA_RO       (VA_BASE + 0x1000)     /* page_a, R */
#define VA_XONLY    (VA_BASE + 0x2000)     /* xpage, X */
#define VA_NX       (VA_BASE + 0x3000)     /* xpage, RW */
#define VA_U        (VA_BASE + 0x4000)     /* page_b, U RW */
#define VA_UX       (VA_BASE + 0x5000)     /* xpage, U RX */
#define VA_WNR      (VA_BASE + 0x6000)     /* page_a, W without R: reserved */
#define VA_INVAL    (VA_BASE + 0x7000)     /* V = 0 */
#define VA_NONLEAF  (VA_BASE + 0x8000)     /* pointer PTE at level 0 */
#define VA_AD       (VA_BASE + 0x9000)     /* page_c, RW, A = D = 0 */
#define VA_ADX      (VA_BASE + 0xa000)     /* xpage, RX, A = 0 */
#define VA_SWAP     (VA_BASE + 0xb000)     /* page_a, then page_b */
#define VA_HOLE     (VA_BASE + 0x100000)   /* table present, PTE zero */
#define VA_NOTABLE  0x2000000000ull        /* no level-1 table */
#define VA_2M       0x1000200000ull        /* 2 MiB page -> DRAM base */
#define VA_2M_BAD   0x1000400000ull        /* 2 MiB leaf, PPN[0] != 0 */
#define VA_1G       0x0100000000ull        /* 1 GiB page -> DRAM base */
#define VA_1G_BAD   0x0140000000ull        /* 1 GiB leaf, PPN[1] != 0 */
#define VA_HIGH     0xffffffffc0003000ull  /* VPN2 = 511: page_b, RW */
#define VA_NONCANON 0x0000008000000000ull  /* bit 39 != bit 38 */

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));
static uint64_t page_c[512] __attribute__((aligned(4096)));
static uint32_t xpage[1024] __attribute__((aligned(4096)));
static uint64_t marker = 0x600dcafe12345678ull;
static uint64_t *root;

static uint64_t s_load(uint64_t va) { return ld64(va); }
static uint64_t s_store(uint64_t va) { sd64(va, 0x5a5a5a5a5a5a5a5aull); return 0; }
static uint64_t s_exec(uint64_t va) { return call_addr(va); }
static uint64_t s_sfence_load(uint64_t va)
{
    __asm__ volatile("sfence.vma %0, zero" :: "r"(va) : "memory");
    return ld64(va);
}
static uint64_t s_sfence_all_load(uint64_t va)
{
    sfence_vma();
    return ld64(va);
}

/* M mode, MPRV = 1 with MPP = mpp: a load with the privilege of mpp. */
uint64_t mprv_load(uint64_t va, uint64_t mpp);
__asm__(
    ".text\n"
    ".globl mprv_load\n"
    "mprv_load:\n"
    "  li t0, 3 << 11\n"
    "  csrc mstatus, t0\n"
    "  slli a1, a1, 11\n"
    "  csrs mstatus, a1\n"
    "  li a2, 0xbadc0ffee0ddf00d\n"
    "  li t0, 1 << 17\n"
    "  csrs mstatus, t0\n"
    "  ld a2, 0(a0)\n"
    "  csrc mstatus, t0\n"
    "  mv a0, a2\n"
    "  ret\n");

/* One S-mode access expected to raise `cause` with tval == va. */
static void s_fault(uint64_t (*fn)(uint64_t), uint64_t va, uint64_t cause, int mode)
{
    expect_trap();
    uint64_t r = enter_mode(PRV_S, fn, va);
    CHECK_TRAP(cause);
    CHECK(trap.mode == mode);
    CHECK(trap.tval == va);
    if (cause == EXC_FETCH_PAGE)
        CHECK(trap.epc == va);
    if (fn != s_store)
        CHECK(r == SENTINEL);
}

static uint64_t s_ok(uint64_t (*fn)(uint64_t), uint64_t va)
{
    expect_trap();
    uint64_t r = enter_mode(PRV_S, fn, va);
    CHECK_NOTRAP();
    disarm();
    return r;
}

static void fault_suite(int mode)
{
    s_fault(s_load, VA_HOLE, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_NOTABLE, EXC_LOAD_PAGE, mode);
    s_fault(s_store, VA_HOLE, EXC_STORE_PAGE, mode);
    s_fault(s_exec, VA_HOLE, EXC_FETCH_PAGE, mode);
    s_fault(s_store, VA_RO, EXC_STORE_PAGE, mode);
    s_fault(s_exec, VA_NX, EXC_FETCH_PAGE, mode);
    s_fault(s_load, VA_XONLY, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_WNR, EXC_LOAD_PAGE, mode);
    s_fault(s_store, VA_WNR, EXC_STORE_PAGE, mode);
    s_fault(s_load, VA_INVAL, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_NONLEAF, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_NONCANON, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_2M_BAD, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_1G_BAD + 0x1234, EXC_LOAD_PAGE, mode);
    s_fault(s_load, VA_U, EXC_LOAD_PAGE, mode);     /* U page, SUM = 0 */
}

int main(void)
{
    say("vm: start");
    guest_init();

    /* code for fetch tests: addi a0, x0, 0x77 ; ret */
    xpage[0] = 0x07700513;
    xpage[1] = 0x00008067;
    fence_i();
    page_a[0] = 0xaaaa0000aaaa0000ull;
    page_b[0] = 0xbbbb0000bbbb0000ull;
    page_c[0] = 0xcccc0000cccc0000ull;

    root = vm_identity();
    uint64_t a = (uint64_t)page_a, b = (uint64_t)page_b, c = (uint64_t)page_c, x = (uint64_t)xpage;
    pt_map(root, VA_RW, a, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_RO, a, 0, PTE_V | PTE_R | PTE_A);
    pt_map(root, VA_XONLY, x, 0, PTE_V | PTE_X | PTE_A);
    pt_map(root, VA_NX, x, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_U, b, 0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_AD);
    pt_map(root, VA_UX, x, 0, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A);
    pt_map(root, VA_WNR, a, 0, PTE_V | PTE_W | PTE_AD);
    pt_map(root, VA_INVAL, a, 0, PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_NONLEAF, c, 0, PTE_V);
    pt_map(root, VA_AD, c, 0, PTE_V | PTE_R | PTE_W);
    pt_map(root, VA_ADX, x, 0, PTE_V | PTE_R | PTE_X);
    pt_map(root, VA_SWAP, a, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_2M, AMBER_DRAM_BASE, 1, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_2M_BAD, AMBER_DRAM_BASE + 0x1000, 1, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_1G, AMBER_DRAM_BASE, 2, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_1G_BAD, AMBER_DRAM_BASE + 0x200000, 2, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_map(root, VA_HIGH, b, 0, PTE_V | PTE_R | PTE_W | PTE_AD);
    pt_walk(root, VA_HOLE, 0, 1);              /* create its level-0 table */

    /* satp: an unsupported MODE leaves satp unchanged (WARL) */
    csr_write(satp, 0);
    csr_write(satp, (1ull << 60) | ((uint64_t)root >> 12));
    CHECK(csr_read(satp) == 0);
    vm_enable(root);
    CHECK(csr_read(satp) == (SATP_SV39 | ((uint64_t)root >> 12)));
    /* M mode is not translated */
    CHECK(ld64((uint64_t)&marker) == 0x600dcafe12345678ull);

    /* ---- mappings that work from S ---- */
    CHECK(s_ok(s_load, (uint64_t)&marker) == 0x600dcafe12345678ull); /* identity */
    CHECK(s_ok(s_load, VA_RW) == 0xaaaa0000aaaa0000ull);
    CHECK(s_ok(s_load, VA_RO + 8) == page_a[1]);
    s_ok(s_store, VA_RW + 16);
    CHECK(page_a[2] == 0x5a5a5a5a5a5a5a5aull);
    CHECK(s_ok(s_load, VA_HIGH) == 0xbbbb0000bbbb0000ull);
    CHECK(s_ok(s_exec, VA_ADX) == 0x77);
    CHECK(s_ok(s_load, VA_2M + ((uint64_t)&marker - AMBER_DRAM_BASE)) == 0x600dcafe12345678ull);
    CHECK(s_ok(s_load, VA_1G + ((uint64_t)&marker - AMBER_DRAM_BASE)) == 0x600dcafe12345678ull);
    s_ok(s_store, VA_1G + ((uint64_t)&page_c[3] - AMBER_DRAM_BASE));
    CHECK(page_c[3] == 0x5a5a5a5a5a5a5a5aull);
    say("vm: mappings ok");

    /* ---- page faults taken in M ---- */
    fault_suite(PRV_M);
    say("vm: page faults in M ok");
    /* ---- and delegated to S ---- */
    csr_write(medeleg, (1u << EXC_FETCH_PAGE) | (1u << EXC_LOAD_PAGE) | (1u << EXC_STORE_PAGE));
    fault_suite(PRV_S);
    csr_write(medeleg, 0);
    say("vm: page faults in S ok");

    /* ---- SUM and MXR ---- */
    csr_set(mstatus, MSTATUS_SUM);
    CHECK(s_ok(s_load, VA_U) == 0xbbbb0000bbbb0000ull);
    s_ok(s_store, VA_U + 8);
    CHECK(page_b[1] == 0x5a5a5a5a5a5a5a5aull);
    s_fault(s_exec, VA_UX, EXC_FETCH_PAGE, PRV_M);   /* S never executes U pages */
    csr_clear(mstatus, MSTATUS_SUM);
    csr_set(mstatus, MSTATUS_MXR);
    CHECK(s_ok(s_load, VA_XONLY) == 0x0000806707700513ull);
    csr_clear(mstatus, MSTATUS_MXR);
    say("vm: sum/mxr ok");

    /* ---- U mode ---- */
    expect_trap();
    CHECK(enter_mode(PRV_U, u_load64, VA_U) == 0xbbbb0000bbbb0000ull);
    CHECK_NOTRAP();
    expect_trap();
    CHECK(enter_mode(PRV_U, u_call, VA_UX) == 0x77);
    CHECK_NOTRAP();
    expect_trap();
    CHECK(enter_mode(PRV_U, u_load64, (uint64_t)&marker) == SENTINEL); /* S page */
    CHECK_TRAP(EXC_LOAD_PAGE);
    CHECK(trap.tval == (uint64_t)&marker);
    CHECK(((trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == PRV_U);
    expect_trap();
    enter_mode(PRV_U, u_store64, VA_RW);
    CHECK_TRAP(EXC_STORE_PAGE);
    CHECK(trap.tval == VA_RW);
    expect_trap();
    CHECK(enter_mode(PRV_U, u_call, VA_ADX) == SENTINEL);        /* S code page */
    CHECK_TRAP(EXC_FETCH_PAGE);
    CHECK(trap.tval == VA_ADX);
    CHECK(trap.epc == VA_ADX);
    csr_set(mstatus, MSTATUS_SUM);                  /* SUM does not help U */
    expect_trap();
    CHECK(enter_mode(PRV_U, u_load64, VA_RW) == SENTINEL);
    CHECK_TRAP(EXC_LOAD_PAGE);
    csr_clear(mstatus, MSTATUS_SUM);
    disarm();
    say("vm: user pages ok");

    /* ---- hardware A/D updates ---- */
    uint64_t *pte = pt_walk(root, VA_AD, 0, 0);
    CHECK(!(*pte & (PTE_A | PTE_D)));
    CHECK(s_ok(s_load, VA_AD) == 0xcccc0000cccc0000ull);
    CHECK(*pte & PTE_A);
    CHECK(!(*pte & PTE_D));
    s_ok(s_store, VA_AD + 8);
    CHECK(*pte & PTE_A);
    CHECK(*pte & PTE_D);
    CHECK(page_c[1] == 0x5a5a5a5a5a5a5a5aull);
    uint64_t *ptex = pt_walk(root, VA_ADX, 0, 0);
    CHECK(*ptex & PTE_A);                            /* set by the fetch above */
    CHECK(!(*ptex & PTE_D));
    /* a faulting store does not set D */
    *pte = ((c >> 12) << 10) | PTE_V | PTE_R;       /* read-only, A = 0 */
    sfence_vma();
    s_fault(s_store, VA_AD, EXC_STORE_PAGE, PRV_M);
    CHECK(!(*pte & PTE_D));
    say("vm: a/d ok");

    /* ---- sfence.vma after changing a PTE ---- */
    CHECK(s_ok(s_load, VA_SWAP) == 0xaaaa0000aaaa0000ull);
    *pt_walk(root, VA_SWAP, 0, 0) = ((b >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_AD;
    CHECK(s_ok(s_sfence_load, VA_SWAP) == 0xbbbb0000bbbb0000ull);
    *pt_walk(root, VA_SWAP, 0, 0) = ((c >> 12) << 10) | PTE_V | PTE_R | PTE_W | PTE_AD;
    CHECK(s_ok(s_sfence_all_load, VA_SWAP) == 0xcccc0000cccc0000ull);
    *pt_walk(root, VA_SWAP, 0, 0) = 0;
    expect_trap();
    CHECK(enter_mode(PRV_S, s_sfence_load, VA_SWAP) == SENTINEL);
    CHECK_TRAP(EXC_LOAD_PAGE);
    say("vm: sfence ok");

    /* ---- MPRV: M-mode loads with the MPP privilege and translation ---- */
    CHECK(mprv_load(VA_RW, PRV_S) == 0xaaaa0000aaaa0000ull);
    CHECK(mprv_load(VA_U, PRV_U) == 0xbbbb0000bbbb0000ull);
    CHECK(mprv_load((uint64_t)&marker, PRV_M) == 0x600dcafe12345678ull);
    expect_trap();
    CHECK(mprv_load(VA_RW, PRV_U) == SENTINEL);      /* S page with U privilege */
    CHECK_TRAP(EXC_LOAD_PAGE);
    CHECK(trap.mode == PRV_M);
    CHECK(trap.tval == VA_RW);
    expect_trap();
    CHECK(mprv_load(VA_U, PRV_S) == SENTINEL);       /* U page, SUM = 0 */
    CHECK_TRAP(EXC_LOAD_PAGE);
    csr_set(mstatus, MSTATUS_SUM);
    CHECK(mprv_load(VA_U, PRV_S) == 0xbbbb0000bbbb0000ull);
    csr_clear(mstatus, MSTATUS_SUM);
    disarm();
    CHECK(!(csr_read(mstatus) & MSTATUS_MPRV));
    say("vm: mprv ok");

    csr_write(satp, 0);
    sfence_vma();
    say("vm: pass");
    return 0;
}
