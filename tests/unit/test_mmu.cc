// Sv39 translation and PMP: page tables built in DRAM by the test, checked
// through mmu_translate / pmp_check directly and through programs running
// in S and U mode.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>

#include "rv_asm.h"

using namespace rv;

namespace {

enum : uint64_t {
    V = 0x01, R = 0x02, W = 0x04, X = 0x08, U = 0x10, G = 0x20, A = 0x40, D = 0x80,
};

constexpr uint64_t POOL = DRAM + 0x80000; // page tables live here

// Sv39 page-table builder.
struct Sv39 {
    Hart &h;
    uint64_t root, next;

    explicit Sv39(Hart &hart, uint64_t pool = POOL) : h(hart), next(pool) { root = alloc(); }
    uint64_t alloc()
    {
        uint64_t p = next;
        next += 4096;
        memset(h.host(p), 0, 4096);
        return p;
    }
    // Address of the PTE for va at level (2 = root), creating tables above.
    uint64_t pte_addr(uint64_t va, int level)
    {
        uint64_t table = root;
        for (int l = 2; l > level; l--) {
            uint64_t pa = table + ((va >> (12 + 9 * l)) & 0x1ff) * 8;
            uint64_t pte = h.get64(pa);
            if (!(pte & V)) {
                uint64_t t = alloc();
                pte = (t >> 12) << 10 | V;
                h.put64(pa, pte);
            }
            table = ((pte >> 10) & 0xFFFFFFFFFFFull) << 12;
        }
        return table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;
    }
    void map(uint64_t va, uint64_t pa, uint64_t flags, int level = 0)
    {
        h.put64(pte_addr(va, level), (pa >> 12) << 10 | flags | V);
    }
    uint64_t pte(uint64_t va, int level = 0) { return h.get64(pte_addr(va, level)); }
    uint64_t satp(uint64_t asid = 0) const { return 8ull << 60 | asid << 44 | root >> 12; }
    void enable(uint64_t asid = 0) { h.set_csr(CSR_SATP, satp(asid)); }
};

// Translate with the MMU directly; returns the cause on failure, else 0.
uint64_t xlate(Hart &h, uint64_t va, enum access acc, unsigned ctx, uint64_t *pa)
{
    h.c.exc_cause = 0;
    if (mmu_translate(&h.c, va, acc, ctx, pa))
        return 0;
    EXPECT_EQ(h.c.exc_tval, va);
    return h.c.exc_cause;
}

constexpr unsigned CTX_U = 0, CTX_S = 1;

void run_to(Hart &h, Asm &a, uint64_t end, uint64_t budget = 10000)
{
    h.load(a);
    h.run(budget);
    EXPECT_EQ(h.c.pc, end) << std::hex << "mcause " << h.c.csr.mcause << " mepc " << h.c.csr.mepc
                           << " mtval " << h.c.csr.mtval;
}


// ------------------------------------------------------------ Sv39 ----

TEST(Mmu, FourKiBPages)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x40005000, DATA, R | W | A | D);
    pt.map(0x40006000, DATA + 0x3000, R | A);
    pt.enable();
    uint64_t pa = 0;
    EXPECT_EQ(xlate(h, 0x40005123, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DATA + 0x123);
    EXPECT_EQ(xlate(h, 0x40006ff8, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DATA + 0x3ff8);
    EXPECT_EQ(xlate(h, 0x40006000, ACC_WRITE, CTX_S, &pa), (uint64_t)EXC_STORE_PAGE);
    EXPECT_EQ(xlate(h, 0x40007000, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_PAGE) << "unmapped";
    EXPECT_EQ(xlate(h, 0x40005000, ACC_EXEC, CTX_S, &pa), (uint64_t)EXC_INSN_PAGE) << "not executable";
    // M is not translated.
    EXPECT_TRUE(mmu_translate(&h.c, 0x40005123, ACC_READ, 2, &pa));
    EXPECT_EQ(pa, 0x40005123u);
}

TEST(Mmu, SuperPages)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x00200000, DRAM, R | W | A | D, 1);                 // 2 MiB
    pt.map(0x40000000, DRAM, R | X | A, 2);                     // 1 GiB
    pt.map(0xffffffc000000000ull, DRAM, R | W | A | D, 2);      // high half
    pt.enable();
    uint64_t pa = 0;
    EXPECT_EQ(xlate(h, 0x00212345, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DRAM + 0x12345);
    EXPECT_EQ(xlate(h, 0x003ffff8, ACC_WRITE, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DRAM + 0x1ffff8);
    EXPECT_EQ(xlate(h, 0x43456789, ACC_EXEC, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DRAM + 0x3456789);
    EXPECT_EQ(xlate(h, 0xffffffc000001008ull, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(pa, DRAM + 0x1008);
    EXPECT_EQ(xlate(h, 0xffffffffffe00000ull, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_PAGE);
}

TEST(Mmu, MisalignedSuperPagesFault)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x00200000, DRAM + 0x1000, R | W | A | D, 1);        // ppn[0] != 0
    pt.map(0x40000000, DRAM + 0x200000, R | W | A | D, 2);      // ppn[1] != 0
    pt.map(0x80000000, DRAM + 0x1000, R | W | A | D, 2);        // ppn[0] != 0
    pt.enable();
    uint64_t pa;
    EXPECT_EQ(xlate(h, 0x00200000, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_PAGE);
    EXPECT_EQ(xlate(h, 0x40000010, ACC_WRITE, CTX_S, &pa), (uint64_t)EXC_STORE_PAGE);
    EXPECT_EQ(xlate(h, 0x80000000, ACC_EXEC, CTX_S, &pa), (uint64_t)EXC_INSN_PAGE);
}

TEST(Mmu, SuperPagesThroughTheCpu)
{
    // One physical page seen through a 4 KiB, a 2 MiB and a 1 GiB mapping
    // from an S-mode program: a store through one is read through the others.
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x80000000, DRAM, R | X | A, 2);                 // code
    pt.map(0x00200000, DRAM, R | W | A | D, 1);             // 2 MiB
    pt.map(0x40000000, DRAM, R | W | A | D, 2);             // 1 GiB
    pt.map(0x00010000, DATA, R | W | A | D);                // 4 KiB
    pt.enable();
    const uint64_t off = DATA - DRAM;
    Asm a;
    a.li(t0, 0x00200000 + off);
    a.li(t1, 0x40000000 + off);
    a.li(t2, 0x00010000);
    a.li(a0, 0x1122334455667788ull);
    a.sd(a0, t0, 16);              // via 2 MiB
    a.ld(a1, t1, 16);              // via 1 GiB
    a.ld(a2, t2, 16);              // via 4 KiB
    a.addi(a3, zero, 0x5a);
    a.sb(a3, t1, 17);
    a.ld(a4, t0, 16);
    int end = a.here();
    a.self_loop();
    h.set_priv(PRIV_S);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a1), 0x1122334455667788ull);
    EXPECT_EQ(h.x(a2), 0x1122334455667788ull);
    EXPECT_EQ(h.x(a4), 0x1122334455665a88ull);
    EXPECT_EQ(h.get64(DATA + 16), 0x1122334455665a88ull);
}

TEST(Mmu, MalformedEntriesFault)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x1000, DATA, W | A | D);                            // W without R
    pt.map(0x2000, DATA, R | A | (1ull << 54));                 // reserved bit
    pt.map(0x3000, DATA, R | A | (1ull << 63));                 // N without Svnapot
    pt.map(0x4000, DATA, R | A);
    h.put64(pt.pte_addr(0x4000, 0), h.get64(pt.pte_addr(0x4000, 0)) & ~V); // V = 0
    // A non-leaf entry at level 0.
    h.put64(pt.pte_addr(0x5000, 0), (DATA >> 12) << 10 | V);
    pt.enable();
    uint64_t pa;
    for (uint64_t va : { 0x1000, 0x2000, 0x3000, 0x4000, 0x5000 })
        EXPECT_EQ(xlate(h, va, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_PAGE) << std::hex << va;
}

TEST(Mmu, NonCanonicalAddressesFault)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0, DRAM, R | W | X | A | D, 2);                      // VA 0..1G
    pt.map(0xffffffc000000000ull, DRAM, R | W | X | A | D, 2);
    pt.enable();
    uint64_t pa;
    for (uint64_t va : { 0x0000004000000000ull, 0x0000008000000000ull, 0x8000000000000000ull,
                         0xffffff8000000000ull, 0x7fffffc000000000ull }) {
        EXPECT_EQ(xlate(h, va, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_PAGE) << std::hex << va;
        EXPECT_EQ(xlate(h, va, ACC_WRITE, CTX_S, &pa), (uint64_t)EXC_STORE_PAGE) << std::hex << va;
        EXPECT_EQ(xlate(h, va, ACC_EXEC, CTX_S, &pa), (uint64_t)EXC_INSN_PAGE) << std::hex << va;
    }
    EXPECT_EQ(xlate(h, 0x0000000000001000ull, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(xlate(h, 0xffffffc000001000ull, ACC_READ, CTX_S, &pa), 0u);
}

TEST(Mmu, HardwareSetsAccessedAndDirty)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x10000, DATA, R | W);
    pt.map(0x11000, DATA + 0x1000, R | W);
    pt.map(0x12000, DATA + 0x2000, X);
    pt.enable();
    uint64_t pa;
    EXPECT_EQ(xlate(h, 0x10000, ACC_READ, CTX_S, &pa), 0u);
    EXPECT_EQ(pt.pte(0x10000) & (A | D), A) << "a read sets A only";
    EXPECT_EQ(xlate(h, 0x10008, ACC_WRITE, CTX_S, &pa), 0u);
    EXPECT_EQ(pt.pte(0x10000) & (A | D), A | D);
    EXPECT_EQ(xlate(h, 0x11000, ACC_WRITE, CTX_S, &pa), 0u);
    EXPECT_EQ(pt.pte(0x11000) & (A | D), A | D);
    EXPECT_EQ(xlate(h, 0x12000, ACC_EXEC, CTX_S, &pa), 0u);
    EXPECT_EQ(pt.pte(0x12000) & (A | D), A);
    // A faulting store must not set D (or A).
    pt.map(0x13000, DATA, R);
    mmu_flush(&h.c);
    EXPECT_EQ(xlate(h, 0x13000, ACC_WRITE, CTX_S, &pa), (uint64_t)EXC_STORE_PAGE);
    EXPECT_EQ(pt.pte(0x13000) & (A | D), 0u);
}

TEST(Mmu, DirtyBitThroughTheCpu)
{
    // S-mode program: a load leaves D clear, the store after it sets D even
    // though the page is already in the TLB for reads.
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x80000000, DRAM, R | X | A, 2);   // code: identity, no W
    pt.map(0x10000, DATA, R | W);
    pt.enable();
    Asm a;
    a.li(t0, 0x10000);
    a.ld(a0, t0, 8);
    a.ld(a1, t0, 16);
    int mid = a.here();
    a.self_loop();
    a.sd(a0, t0, 24);
    int end = a.here();
    a.self_loop();
    h.put64(DATA + 8, 42);
    h.set_priv(PRIV_S);
    run_to(h, a, a.addr(mid));
    EXPECT_EQ(h.x(a0), 42u);
    EXPECT_EQ(pt.pte(0x10000) & (A | D), A);
    h.c.pc = a.addr(mid) + 4;
    h.run(10);
    EXPECT_EQ(h.c.pc, a.addr(end));
    EXPECT_EQ(pt.pte(0x10000) & (A | D), A | D);
    EXPECT_EQ(h.get64(DATA + 24), 42u);
}

TEST(Mmu, UserSupervisorSumMxr)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x1000, DATA, R | W | U | A | D);     // user data
    pt.map(0x2000, DATA, R | W | X | A | D);     // supervisor
    pt.map(0x3000, DATA, X | U | A);             // user execute-only
    pt.map(0x4000, DATA, X | A);                 // supervisor execute-only
    pt.map(0x5000, DATA, R | X | U | A);         // user code
    pt.enable();
    uint64_t pa;
    struct Case { uint64_t va; enum access acc; unsigned ctx; uint64_t ms; uint64_t cause; } cases[] = {
        { 0x1000, ACC_READ, CTX_S, 0, EXC_LOAD_PAGE },
        { 0x1000, ACC_WRITE, CTX_S, 0, EXC_STORE_PAGE },
        { 0x1000, ACC_READ, CTX_S, MSTATUS_SUM, 0 },
        { 0x1000, ACC_WRITE, CTX_S, MSTATUS_SUM, 0 },
        { 0x5000, ACC_EXEC, CTX_S, MSTATUS_SUM, EXC_INSN_PAGE },  // S never executes U pages
        { 0x5000, ACC_EXEC, CTX_U, 0, 0 },
        { 0x1000, ACC_READ, CTX_U, 0, 0 },
        { 0x2000, ACC_READ, CTX_U, 0, EXC_LOAD_PAGE },
        { 0x2000, ACC_EXEC, CTX_U, 0, EXC_INSN_PAGE },
        { 0x2000, ACC_READ, CTX_U, MSTATUS_SUM, EXC_LOAD_PAGE },
        { 0x3000, ACC_READ, CTX_U, 0, EXC_LOAD_PAGE },
        { 0x3000, ACC_READ, CTX_U, MSTATUS_MXR, 0 },
        { 0x4000, ACC_READ, CTX_S, 0, EXC_LOAD_PAGE },
        { 0x4000, ACC_READ, CTX_S, MSTATUS_MXR, 0 },
        { 0x4000, ACC_WRITE, CTX_S, MSTATUS_MXR, EXC_STORE_PAGE },
        { 0x3000, ACC_READ, CTX_S, MSTATUS_MXR, EXC_LOAD_PAGE },   // U page, no SUM
        { 0x3000, ACC_READ, CTX_S, MSTATUS_MXR | MSTATUS_SUM, 0 },
    };
    for (const Case &k : cases) {
        h.set_csr(CSR_MSTATUS, k.ms);
        EXPECT_EQ(xlate(h, k.va, k.acc, k.ctx, &pa), k.cause)
            << std::hex << "va " << k.va << " acc " << k.acc << " ctx " << k.ctx << " mstatus " << k.ms;
    }
}

// M handler that records the two most recent causes in s2 (latest) and
// s3, and tval in s4; it skips the faulting instruction (4 bytes), or after
// a fetch fault returns to ra.
void skipping_handler(Hart &h)
{
    Asm hnd(MTVEC_ADDR);
    int fetch = hnd.label();
    hnd.mv(s3, s2);
    hnd.csrr(s2, CSR_MCAUSE);
    hnd.csrr(s4, CSR_MTVAL);
    hnd.csrr(t6, CSR_MEPC);
    hnd.addi(t6, t6, 4);
    hnd.addi(t5, zero, EXC_INSN_ACCESS);
    hnd.beq(s2, t5, fetch);
    hnd.addi(t5, zero, EXC_INSN_PAGE);
    hnd.beq(s2, t5, fetch);
    hnd.csrw(CSR_MEPC, t6);
    hnd.mret();
    hnd.bind(fetch);
    hnd.csrw(CSR_MEPC, ra);
    hnd.mret();
    h.load(hnd);
}

TEST(Mmu, FaultsFromSModeProgram)
{
    Hart h;
    h.pmp_allow_all();
    skipping_handler(h);
    Sv39 pt(h);
    pt.map(0x80000000, DRAM, R | X | A, 2);
    pt.map(0x10000, DATA, R | A);
    pt.enable();
    Asm a;
    a.li(t0, 0x10000);
    a.li(t1, 0x20000);
    a.sd(t0, t0, 0);               // read-only page: store page fault
    a.mv(s5, s2);
    a.mv(s6, s4);
    a.ld(a0, t1, 8);               // unmapped: load page fault
    a.mv(s7, s2);
    a.mv(s8, s4);
    a.li(t2, HOLE);
    a.jalr(ra, t2, 0);             // fetch page fault at HOLE (unmapped VA)
    int end = a.here();
    a.self_loop();
    h.set_priv(PRIV_S);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(s5), (uint64_t)EXC_STORE_PAGE);
    EXPECT_EQ(h.x(s6), 0x10000u);
    EXPECT_EQ(h.x(s7), (uint64_t)EXC_LOAD_PAGE);
    EXPECT_EQ(h.x(s8), 0x20008u);
    EXPECT_EQ(h.x(s2), (uint64_t)EXC_INSN_PAGE);
    EXPECT_EQ(h.x(s4), HOLE);
}

TEST(Mmu, DelegatedPageFault)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x80000000, DRAM, R | X | U | A);            // U code
    pt.map(0x80004000, DRAM + 0x4000, R | X | A);       // S handler
    pt.enable();
    h.c.csr.medeleg = 1u << EXC_LOAD_PAGE;
    Asm a;
    a.li(t0, 0x7000);
    uint64_t at = a.pc();
    a.lw(a0, t0, 4);
    h.load(a);
    h.set_priv(PRIV_U);
    h.c.csr.mstatus = 0;
    h.run(20);
    EXPECT_EQ(h.c.pc, STVEC_ADDR);
    EXPECT_EQ(h.c.csr.scause, (uint64_t)EXC_LOAD_PAGE);
    EXPECT_EQ(h.c.csr.stval, 0x7004u);
    EXPECT_EQ(h.c.csr.sepc, at);
}

TEST(Mmu, FetchStraddlingIntoUnmappedPage)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x1000, DRAM, R | X | A);             // VA 0x1000 -> DRAM; 0x2000 unmapped
    pt.enable();
    Asm a(DRAM + 0xffe);
    a.addi(a0, a0, 1);                           // straddles VA 0x1ffe..0x2001
    h.load(a);
    h.set_priv(PRIV_S);
    h.c.pc = 0x1ffe;
    h.run(10);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR);
    EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_INSN_PAGE);
    EXPECT_EQ(h.c.csr.mepc, 0x1ffeu) << "epc is the start of the instruction";
    EXPECT_EQ(h.c.csr.mtval, 0x2000u) << "tval is the part that faulted";
    EXPECT_EQ(h.x(a0), 0u);
}

TEST(Mmu, MprvTranslatesLoadsAndStoresOfM)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x10000, DATA, R | W | A | D);
    pt.enable();
    h.put64(DATA, 0x1234);
    Asm a;
    a.li(t0, 0x10000);
    a.ld(a0, t0, 0);               // via S translation
    a.sd(a0, t0, 8);
    int end = a.here();
    a.self_loop();
    h.c.csr.mstatus = MSTATUS_MPRV | (1ull << MSTATUS_MPP_SHIFT);
    cpu_update_ctx(&h.c);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 0x1234u);
    EXPECT_EQ(h.get64(DATA + 8), 0x1234u);
    EXPECT_EQ(h.c.priv, (unsigned)PRIV_M) << "fetch was not translated";
}

TEST(Mmu, PageTableWalkOutsideMemoryIsAccessFault)
{
    Hart h;
    h.pmp_allow_all();
    h.set_csr(CSR_SATP, 8ull << 60 | (HOLE >> 12));
    uint64_t pa;
    EXPECT_EQ(xlate(h, 0x1000, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_ACCESS);
    EXPECT_EQ(xlate(h, 0x1000, ACC_WRITE, CTX_S, &pa), (uint64_t)EXC_STORE_ACCESS);
    EXPECT_EQ(xlate(h, 0x1000, ACC_EXEC, CTX_S, &pa), (uint64_t)EXC_INSN_ACCESS);
}

// ----------------------------------------------------- TLB and sfence ----

TEST(Mmu, SfenceVmaMakesNewMappingVisible)
{
    for (bool by_address : { false, true }) {
        Hart h;
        h.pmp_allow_all();
        Sv39 pt(h);
        pt.map(0x80000000, DRAM, R | W | X | A | D, 2);  // identity, incl. page tables
        const uint64_t va = 0x30000;
        pt.map(va, DATA, R | W | A | D);
        pt.enable();
        h.put64(DATA, 111);
        h.put64(DATA + 0x1000, 222);
        uint64_t pte_pa = pt.pte_addr(va, 0);
        Asm a;
        a.li(t0, va);
        a.li(t1, pte_pa);
        a.li(t2, ((DATA + 0x1000) >> 12) << 10 | V | R | W | A | D);
        a.ld(a0, t0, 0);             // fills the TLB with the old mapping
        a.sd(t2, t1, 0);             // remap (no fence yet)
        a.ld(a1, t0, 0);             // old or new: both allowed
        if (by_address)
            a.sfence_vma(t0, zero);
        else
            a.sfence_vma();
        a.ld(a2, t0, 0);             // must be the new one
        int end = a.here();
        a.self_loop();
        h.set_priv(PRIV_S);
        run_to(h, a, a.addr(end));
        EXPECT_EQ(h.x(a0), 111u);
        EXPECT_TRUE(h.x(a1) == 111u || h.x(a1) == 222u);
        EXPECT_EQ(h.x(a2), 222u) << (by_address ? "sfence.vma va" : "sfence.vma");
    }
}

TEST(Mmu, SatpSwitchUsesNewTables)
{
    Hart h;
    h.pmp_allow_all();
    Sv39 p1(h, POOL), p2(h, POOL + 0x10000);
    const uint64_t va = 0x30000;
    for (Sv39 *p : { &p1, &p2 })
        p->map(0x80000000, DRAM, R | W | X | A | D, 2);
    p1.map(va, DATA, R | W | A | D);
    p2.map(va, DATA + 0x1000, R | W | A | D);
    h.put64(DATA, 111);
    h.put64(DATA + 0x1000, 222);
    p1.enable(1);
    Asm a;
    a.li(t0, va);
    a.li(t1, p2.satp(2));
    a.ld(a0, t0, 0);
    a.csrw(CSR_SATP, t1);            // a different ASID: nothing cached for it
    a.ld(a1, t0, 0);
    int end = a.here();
    a.self_loop();
    h.set_priv(PRIV_S);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 111u);
    EXPECT_EQ(h.x(a1), 222u);
}

TEST(Mmu, RemappedCodeAfterSfence)
{
    // The fetch side (software TLB and block cache) must follow a remap of
    // a code page after sfence.vma.
    Hart h;
    h.pmp_allow_all();
    Sv39 pt(h);
    pt.map(0x80000000, DRAM, R | W | X | A | D, 2);
    const uint64_t code_va = 0x40000, k1 = DRAM + 0x20000, k2 = DRAM + 0x21000;
    pt.map(code_va, k1, R | X | A);
    pt.enable();
    Asm f1(k1), f2(k2);
    f1.addi(a4, zero, 1);
    f1.jr(ra);
    f2.addi(a4, zero, 2);
    f2.jr(ra);
    h.load(f1);
    h.load(f2);
    Asm a;
    a.li(t0, code_va);
    a.li(t1, pt.pte_addr(code_va, 0));
    a.li(t2, (k2 >> 12) << 10 | V | R | X | A);
    a.jalr(ra, t0, 0);
    a.mv(s0, a4);
    a.sd(t2, t1, 0);
    a.sfence_vma();
    a.jalr(ra, t0, 0);
    a.mv(s1, a4);
    int end = a.here();
    a.self_loop();
    h.set_priv(PRIV_S);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(s0), 1u);
    EXPECT_EQ(h.x(s1), 2u);
}

// ---------------------------------------------------------------- PMP ----

constexpr uint8_t P_R = 1, P_W = 2, P_X = 4, P_TOR = 0x08, P_NA4 = 0x10, P_NAPOT = 0x18, P_L = 0x80;

uint64_t napot(uint64_t base, uint64_t size) { return (base >> 2) | ((size / 8) - 1); }

bool pmp(Hart &h, uint64_t pa, unsigned size, enum access acc, unsigned priv)
{
    return pmp_check(&h.c, pa, size, acc, priv);
}

TEST(Pmp, NoEntriesMeansOnlyM)
{
    Hart h;
    EXPECT_TRUE(pmp(h, DATA, 8, ACC_READ, PRIV_M));
    EXPECT_FALSE(pmp(h, DATA, 8, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA, 8, ACC_EXEC, PRIV_U));
}

TEST(Pmp, Napot)
{
    Hart h;
    h.c.pmp.addr[0] = napot(DATA, 4096);
    h.c.pmp.cfg[0] = P_NAPOT | P_R;
    EXPECT_TRUE(pmp(h, DATA, 8, ACC_READ, PRIV_S));
    EXPECT_TRUE(pmp(h, DATA + 4088, 8, ACC_READ, PRIV_U));
    EXPECT_FALSE(pmp(h, DATA, 8, ACC_WRITE, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA, 4, ACC_EXEC, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA + 4096, 8, ACC_READ, PRIV_S)) << "no entry matches: S fails";
    EXPECT_FALSE(pmp(h, DATA - 8, 8, ACC_READ, PRIV_S));
    EXPECT_TRUE(pmp(h, DATA, 8, ACC_WRITE, PRIV_M)) << "unlocked entries do not bind M";
    EXPECT_TRUE(pmp(h, HOLE, 8, ACC_WRITE, PRIV_M)) << "no entry matches: M succeeds";
    // The whole address space: all ones.
    h.c.pmp.addr[0] = 0x003FFFFFFFFFFFFFull;
    EXPECT_TRUE(pmp(h, 0, 8, ACC_READ, PRIV_U));
    EXPECT_TRUE(pmp(h, 0x00fffffffffffff8ull, 8, ACC_READ, PRIV_U));
}

TEST(Pmp, TorAndNa4)
{
    Hart h;
    h.c.pmp.addr[1] = DATA >> 2;
    h.c.pmp.addr[2] = (DATA + 0x100) >> 2;
    h.c.pmp.cfg[2] = P_TOR | P_R | P_W;
    h.c.pmp.addr[3] = (DATA + 0x200) >> 2;
    h.c.pmp.cfg[3] = P_NA4 | P_R;
    EXPECT_TRUE(pmp(h, DATA, 8, ACC_WRITE, PRIV_S));
    EXPECT_TRUE(pmp(h, DATA + 0xf8, 8, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA + 0x100, 8, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA - 4, 4, ACC_READ, PRIV_S));
    EXPECT_TRUE(pmp(h, DATA + 0x200, 4, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA + 0x204, 4, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA + 0x200, 8, ACC_READ, PRIV_S)) << "NA4 covers only 4 bytes";
    // TOR in entry 0 starts at 0.
    Hart g;
    g.c.pmp.addr[0] = 0x2000 >> 2;
    g.c.pmp.cfg[0] = P_TOR | P_X;
    EXPECT_TRUE(pmp(g, 0, 4, ACC_EXEC, PRIV_U));
    EXPECT_TRUE(pmp(g, 0x1ffc, 4, ACC_EXEC, PRIV_U));
    EXPECT_FALSE(pmp(g, 0x2000, 4, ACC_EXEC, PRIV_U));
    // An empty TOR range (top <= bottom) matches nothing.
    g.c.pmp.addr[1] = 0x1000 >> 2;
    g.c.pmp.cfg[1] = P_TOR | P_R;
    g.c.pmp.cfg[0] = 0;
    g.c.pmp.addr[0] = 0x3000 >> 2;
    EXPECT_FALSE(pmp(g, 0x2000, 4, ACC_READ, PRIV_S));
}

TEST(Pmp, PartialMatchFailsEvenForM)
{
    Hart h;
    h.c.pmp.addr[0] = napot(DATA, 4096);
    h.c.pmp.cfg[0] = P_NAPOT | P_R | P_W | P_X;
    h.c.pmp.addr[1] = 0x003FFFFFFFFFFFFFull;
    h.c.pmp.cfg[1] = P_NAPOT | P_R | P_W | P_X;
    EXPECT_FALSE(pmp(h, DATA + 4092, 8, ACC_READ, PRIV_S));
    EXPECT_FALSE(pmp(h, DATA - 4, 8, ACC_READ, PRIV_M));
    EXPECT_TRUE(pmp(h, DATA + 4096, 8, ACC_READ, PRIV_S)) << "entry 1 matches fully";
}

TEST(Pmp, LowestEntryWins)
{
    Hart h;
    h.c.pmp.addr[0] = napot(DATA, 4096);
    h.c.pmp.cfg[0] = P_NAPOT;                          // no permissions
    h.c.pmp.addr[1] = napot(DATA, 8192);
    h.c.pmp.cfg[1] = P_NAPOT | P_R | P_W;
    EXPECT_FALSE(pmp(h, DATA, 8, ACC_READ, PRIV_S));
    EXPECT_TRUE(pmp(h, DATA + 4096, 8, ACC_READ, PRIV_S));
}

TEST(Pmp, LockedEntriesBindMAndIgnoreWrites)
{
    Hart h;
    h.set_csr(CSR_PMPADDR0 + 1, DATA >> 2);
    h.set_csr(CSR_PMPADDR0 + 2, (DATA + 0x1000) >> 2);
    h.set_csr(CSR_PMPCFG0, (uint64_t)(P_L | P_TOR | P_R) << 16); // entry 2 locked TOR
    EXPECT_TRUE(pmp(h, DATA, 8, ACC_READ, PRIV_M));
    EXPECT_FALSE(pmp(h, DATA, 8, ACC_WRITE, PRIV_M));
    EXPECT_FALSE(pmp(h, DATA, 4, ACC_EXEC, PRIV_M));
    EXPECT_TRUE(pmp(h, DATA + 0x1000, 8, ACC_WRITE, PRIV_M));
    // Writes to the locked cfg byte, its address and the TOR base are ignored.
    h.set_csr(CSR_PMPCFG0, 0x1f1f1f);
    EXPECT_EQ((h.csr(CSR_PMPCFG0) >> 16) & 0xff, (uint64_t)(P_L | P_TOR | P_R));
    EXPECT_EQ(h.csr(CSR_PMPCFG0) & 0xffff, 0x1f1fu) << "unlocked neighbours still writable";
    h.set_csr(CSR_PMPADDR0 + 2, 0);
    EXPECT_EQ(h.csr(CSR_PMPADDR0 + 2), (DATA + 0x1000) >> 2);
    h.set_csr(CSR_PMPADDR0 + 1, 0);
    EXPECT_EQ(h.csr(CSR_PMPADDR0 + 1), DATA >> 2);
}

TEST(Pmp, ConfigurationWarl)
{
    Hart h;
    h.set_csr(CSR_PMPCFG0, 0x02); // W without R: reserved
    uint64_t cfg = h.csr(CSR_PMPCFG0) & 0xff;
    EXPECT_FALSE((cfg & 3) == 2) << "R=0 W=1 must not be stored";
    h.set_csr(CSR_PMPCFG0 + 2, 0x60ull << 8); // reserved bits 6:5
    EXPECT_EQ((h.csr(CSR_PMPCFG0 + 2) >> 8) & 0x60, 0u);
}

// PMP through programs: S-mode accesses denied by PMP are access faults.
TEST(Pmp, SModeAccessFaults)
{
    Hart h;
    skipping_handler(h);
    h.c.pmp.addr[0] = napot(DATA, 4096);
    h.c.pmp.cfg[0] = P_NAPOT | P_R;                    // read-only data page
    h.c.pmp.addr[1] = napot(DATA + 0x1000, 4096);
    h.c.pmp.cfg[1] = P_NAPOT;                          // no access
    h.pmp_allow_all();                                 // entry 15: the rest
    Asm a;
    a.li(t0, DATA);
    a.ld(a0, t0, 0);              // ok
    a.sd(a0, t0, 0);              // store access fault
    a.mv(s5, s2);
    a.ld(a1, t0, 0x7f8);
    a.li(t1, DATA + 0x1000);
    a.ld(a1, t1, 0);              // load access fault
    a.mv(s6, s2);
    a.mv(s7, s4);
    a.jalr(ra, t0, 0);            // fetch from a non-executable page
    int end = a.here();
    a.self_loop();
    h.put64(DATA, 99);
    h.set_priv(PRIV_S);
    h.load(a);
    h.run(200);
    EXPECT_EQ(h.x(a0), 99u);
    EXPECT_EQ(h.x(s5), (uint64_t)EXC_STORE_ACCESS);
    EXPECT_EQ(h.x(s6), (uint64_t)EXC_LOAD_ACCESS);
    EXPECT_EQ(h.x(s7), DATA + 0x1000);
    EXPECT_EQ(h.x(s2), (uint64_t)EXC_INSN_ACCESS);
    EXPECT_EQ(h.x(s4), DATA);
    EXPECT_EQ(h.get64(DATA), 99u);
    EXPECT_EQ(h.c.pc, a.addr(end));
}

TEST(Pmp, PageTableWalkCheckedAsS)
{
    // The PTE lives in a page PMP denies to S: the walk fails with an
    // access fault, not a page fault, even for an M-mode MPRV access.
    Hart h;
    Sv39 pt(h);
    pt.map(0x10000, DATA, R | W | A | D);
    pt.enable();
    h.c.pmp.addr[0] = napot(POOL, 0x10000);
    h.c.pmp.cfg[0] = P_NAPOT;
    h.pmp_allow_all();
    uint64_t pa;
    EXPECT_EQ(xlate(h, 0x10000, ACC_READ, CTX_S, &pa), (uint64_t)EXC_LOAD_ACCESS);
    EXPECT_EQ(xlate(h, 0x10000, ACC_WRITE, CTX_U, &pa), (uint64_t)EXC_STORE_ACCESS);
}

// Instruction fetch must be checked against PMP for every instruction, not
// only for the first one of a cached block or page.
TEST(Pmp, FetchStopsAtTheEndOfAnExecutableRegion)
{
    Hart h;
    h.c.pmp.addr[0] = napot(DRAM, 16);
    h.c.pmp.cfg[0] = P_NAPOT | P_R | P_X;              // 4 instructions
    h.c.pmp.addr[1] = 0x003FFFFFFFFFFFFFull;
    h.c.pmp.cfg[1] = P_NAPOT | P_R | P_W;              // the rest: no X
    Asm a;
    for (int i = 0; i < 8; i++)
        a.addi(a0, a0, 1);
    a.self_loop();
    h.load(a);
    h.set_priv(PRIV_S);
    h.run(100);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR);
    EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_INSN_ACCESS);
    EXPECT_EQ(h.c.csr.mepc, DRAM + 16);
    EXPECT_EQ(h.x(a0), 4u) << "instructions outside the X region executed";
}

TEST(Pmp, FetchJumpWithinPageToNonExecutable)
{
    Hart h;
    h.c.pmp.addr[0] = napot(DRAM, 8);
    h.c.pmp.cfg[0] = P_NAPOT | P_R | P_X;
    h.c.pmp.addr[1] = 0x003FFFFFFFFFFFFFull;
    h.c.pmp.cfg[1] = P_NAPOT | P_R | P_W;
    Asm a;
    int far = a.label();
    a.addi(a0, a0, 1);
    a.j(far);
    a.org(DRAM + 0x100);
    a.bind(far);
    a.addi(a0, a0, 100);
    a.self_loop();
    h.load(a);
    h.set_priv(PRIV_S);
    h.run(100);
    EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_INSN_ACCESS);
    EXPECT_EQ(h.c.csr.mepc, DRAM + 0x100);
    EXPECT_EQ(h.x(a0), 1u);
}

// cbo.* denied by PMP is a store/AMO access fault (Zicbom), whatever
// exception happened before it.
TEST(Pmp, CboDeniedIsStoreAccessFault)
{
    for (bool page_fault_first : { false, true }) {
        Hart h;
        skipping_handler(h);
        Sv39 pt(h);
        pt.map(0x80000000, DRAM, R | W | X | A | D, 2);   // identity
        pt.enable();
        h.c.pmp.addr[0] = napot(DATA, 4096);
        h.c.pmp.cfg[0] = P_NAPOT;                         // no access at all
        h.pmp_allow_all();
        h.c.csr.menvcfg = MENVCFG_CBCFE | MENVCFG_CBIE;
        Asm a;
        a.li(t0, DATA + 0x40);
        a.li(t1, 0x1000);                                 // unmapped VA
        if (page_fault_first)
            a.ld(a0, t1, 0);                              // load page fault
        a.cbo_flush(t0);
        int end = a.here();
        a.self_loop();
        h.set_priv(PRIV_S);
        run_to(h, a, a.addr(end));
        if (page_fault_first) {
            EXPECT_EQ(h.x(s3), (uint64_t)EXC_LOAD_PAGE);
        }
        EXPECT_EQ(h.x(s2), (uint64_t)EXC_STORE_ACCESS)
            << (page_fault_first ? "after a page fault" : "first trap");
        EXPECT_EQ(h.x(s4), DATA + 0x40);
    }
}

} // namespace
