// The timing model: the cache hierarchy on its own, the static instruction
// costs, and their effect on the cycle count of real programs (including
// cbo.flush evicting a line).
#include <gtest/gtest.h>

#include <cstdint>

#include "rv_asm.h"

extern "C" {
#include "insn.h"
#include "isa_ops.h"
#include "timing.h"
}

using namespace rv;

namespace {

constexpr uint64_t L1_STRIDE = (uint64_t)L1_SETS << LINE_SHIFT; // same L1 set
constexpr uint64_t L2_STRIDE = (uint64_t)L2_SETS << LINE_SHIFT; // same L2 (and L1) set
constexpr uint32_t MISS_ALL = LAT_L2 + LAT_DRAM;

struct Caches : ::testing::Test {
    struct timing t;
    void SetUp() override { timing_reset(&t); }
    uint32_t d(uint64_t pa) { return timing_access(&t, &t.l1d, pa); }
    uint32_t i(uint64_t pa) { return timing_access(&t, &t.l1i, pa); }
};

TEST_F(Caches, ColdMissThenHits)
{
    EXPECT_EQ(d(DRAM + 0x100), MISS_ALL);
    EXPECT_EQ(t.l1d_miss, 1u);
    EXPECT_EQ(t.l2_miss, 1u);
    EXPECT_EQ(d(DRAM + 0x100), 0u);
    EXPECT_EQ(d(DRAM + 0x13f), 0u) << "same 64-byte line";
    EXPECT_EQ(d(DRAM + 0x140), MISS_ALL) << "next line";
    EXPECT_EQ(t.l1d_miss, 2u);
    EXPECT_EQ(t.l2_miss, 2u);
    EXPECT_EQ(t.l1i_miss, 0u);
}

TEST_F(Caches, L1IsTwoWayLru)
{
    const uint64_t a = DRAM, b = DRAM + L1_STRIDE, c = DRAM + 2 * L1_STRIDE;
    EXPECT_EQ(d(a), MISS_ALL);
    EXPECT_EQ(d(b), MISS_ALL);
    EXPECT_EQ(d(a), 0u) << "both ways hold a line";
    EXPECT_EQ(d(b), 0u);
    EXPECT_EQ(d(a), 0u);      // a is now most recently used
    EXPECT_EQ(d(c), MISS_ALL);  // evicts b, the LRU
    EXPECT_EQ(d(a), 0u);
    EXPECT_EQ(d(b), LAT_L2) << "b left L1 but is still in L2";
    EXPECT_EQ(d(c), LAT_L2) << "c was the LRU when b came back";
    EXPECT_EQ(t.l1d_miss, 5u);
    EXPECT_EQ(t.l2_miss, 3u);
}

TEST_F(Caches, L2IsEightWayLru)
{
    uint64_t x[L2_WAYS + 1];
    for (unsigned k = 0; k <= L2_WAYS; k++) {
        x[k] = DRAM + k * L2_STRIDE;
        EXPECT_EQ(d(x[k]), MISS_ALL) << k;
    }
    EXPECT_EQ(t.l2_miss, (uint64_t)L2_WAYS + 1);
    // x[0] was the LRU of the L2 set when x[8] came in.
    EXPECT_EQ(d(x[0]), MISS_ALL);
    EXPECT_EQ(d(x[8]), 0u) << "still in L1";
    EXPECT_EQ(d(x[7]), LAT_L2) << "in L2 only";
    EXPECT_EQ(d(x[1]), MISS_ALL) << "x[1] was the LRU when x[0] came back";
    EXPECT_EQ(d(x[3]), LAT_L2);
    EXPECT_EQ(t.l2_miss, (uint64_t)L2_WAYS + 3);
}

TEST_F(Caches, SplitL1UnifiedL2)
{
    EXPECT_EQ(i(DRAM), MISS_ALL);
    EXPECT_EQ(t.l1i_miss, 1u);
    EXPECT_EQ(d(DRAM), LAT_L2) << "instruction fetch filled L2, not L1D";
    EXPECT_EQ(i(DRAM), 0u);
    EXPECT_EQ(t.l1d_miss, 1u);
    EXPECT_EQ(t.l2_miss, 1u);
}

TEST_F(Caches, ResetEmptiesEverything)
{
    d(DRAM);
    i(DRAM + 64);
    timing_reset(&t);
    EXPECT_EQ(t.l1d_miss + t.l1i_miss + t.l2_miss, 0u);
    EXPECT_EQ(d(DRAM), MISS_ALL);
    EXPECT_EQ(i(DRAM + 64), MISS_ALL);
}

// ------------------------------------------------------ static costs ----

struct insn dec(uint32_t raw)
{
    struct insn in;
    isa_decode(raw, &in);
    return in;
}

unsigned cost(uint32_t raw, const uint32_t *next = nullptr)
{
    struct insn in = dec(raw), nx;
    if (next)
        nx = dec(*next);
    timing_insn_cost(&in, next ? &nx : nullptr);
    return in.cost;
}

uint32_t rr(uint32_t f7, uint32_t f3, uint32_t rd, uint32_t rs1, uint32_t rs2, uint32_t op = OPC_OP)
{
    return r_type(f7, rs2, rs1, f3, rd, op);
}

TEST(InsnCost, FixedCosts)
{
    EXPECT_EQ(cost(rr(0, 0, a0, a1, a2)), 1u);                    // add
    EXPECT_EQ(cost(i_type(5, a1, 0, a0, OPC_IMM)), 1u);           // addi
    EXPECT_EQ(cost(rr(1, 0, a0, a1, a2)), 3u);                    // mul
    EXPECT_EQ(cost(rr(1, 1, a0, a1, a2)), 3u);                    // mulh
    EXPECT_EQ(cost(rr(1, 2, a0, a1, a2)), 3u);                    // mulhsu
    EXPECT_EQ(cost(rr(1, 3, a0, a1, a2)), 3u);                    // mulhu
    EXPECT_EQ(cost(rr(1, 0, a0, a1, a2, OPC_OP32)), 3u);          // mulw
    for (uint32_t f3 = 4; f3 < 8; f3++) {
        EXPECT_EQ(cost(rr(1, f3, a0, a1, a2)), 34u) << f3;         // div/divu/rem/remu
        EXPECT_EQ(cost(rr(1, f3, a0, a1, a2, OPC_OP32)), 18u) << f3; // W forms
    }
    EXPECT_EQ(cost(j_type(16, ra)), 1u + LAT_JAL);
    EXPECT_EQ(cost(i_type(0, ra, 0, zero, OPC_JALR)), 1u + LAT_JALR);
    EXPECT_EQ(cost(b_type(-8, a1, a0, 0)), 1u) << "branch penalty is dynamic";
    EXPECT_EQ(cost(0x0000100f), 6u);                              // fence.i
    EXPECT_EQ(cost(r_type(0x09, 0, 0, 0, 0, OPC_SYSTEM)), 6u);     // sfence.vma
    EXPECT_EQ(cost(0x0001), 1u);                                  // c.nop
    EXPECT_EQ(cost(0xa001), 1u + LAT_JAL);                        // c.j
}

TEST(InsnCost, LoadUseStall)
{
    const uint32_t ld_a0 = i_type(0, t0, 3, a0, OPC_LOAD);
    const uint32_t use_rs1 = rr(0, 0, a1, a0, a2);
    const uint32_t use_rs2 = rr(0, 0, a1, a2, a0);
    const uint32_t indep = rr(0, 0, a1, a2, a3);
    const uint32_t store_data = s_type(0, a0, t1, 3, OPC_STORE);  // sd a0
    const uint32_t store_addr = s_type(0, t1, a0, 3, OPC_STORE);  // sd t1, 0(a0)
    EXPECT_EQ(cost(ld_a0, &use_rs1), 2u);
    EXPECT_EQ(cost(ld_a0, &use_rs2), 2u);
    EXPECT_EQ(cost(ld_a0, &indep), 1u);
    EXPECT_EQ(cost(ld_a0, &store_data), 2u);
    EXPECT_EQ(cost(ld_a0, &store_addr), 2u);
    EXPECT_EQ(cost(ld_a0), 1u) << "last instruction of a block";
    for (uint32_t f3 : { 0u, 1u, 2u, 4u, 5u, 6u }) {
        uint32_t l = i_type(0, t0, f3, a0, OPC_LOAD);
        EXPECT_EQ(cost(l, &use_rs1), 2u) << "load funct3 " << f3;
    }
    // A load into x0 creates no dependency through x0.
    const uint32_t ld_x0 = i_type(0, t0, 3, zero, OPC_LOAD);
    const uint32_t use_x0 = rr(0, 0, a1, zero, zero);
    EXPECT_EQ(cost(ld_x0, &use_x0), 1u);
    // Only loads stall their consumer.
    const uint32_t add_a0 = rr(0, 0, a0, a1, a2);
    EXPECT_EQ(cost(add_a0, &use_rs1), 1u);
    const uint32_t mul_a0 = rr(1, 0, a0, a1, a2);
    EXPECT_EQ(cost(mul_a0, &use_rs1), 3u);
}

// ------------------------------------------------ costs in the CPU ----

// Cycles taken by a straight-line program run once from a clean machine,
// then a fixed number of iterations of a self-loop (so that equal-sized
// programs have identical cache behaviour and the program itself runs as
// cached blocks, not single-stepped near the instruction limit).
uint64_t cycles_of(void (*emit)(Asm &))
{
    Hart h;
    h.c.x[t0] = DATA;
    Asm a;
    emit(a);
    uint64_t n = a.size() / 4;
    int end = a.here();
    a.self_loop();
    h.load(a);
    EXPECT_EQ(h.run(n + 100), STOP_LIMIT);
    EXPECT_EQ(h.c.pc, a.addr(end));
    return h.c.cycle;
}

TEST(CpuTiming, MultiplyAndDivideCosts)
{
    uint64_t base = cycles_of([](Asm &a) { for (int k = 0; k < 10; k++) a.add(a0, a1, a2); });
    uint64_t mul = cycles_of([](Asm &a) { for (int k = 0; k < 10; k++) a.mul(a0, a1, a2); });
    uint64_t div = cycles_of([](Asm &a) { for (int k = 0; k < 10; k++) a.div(a0, a1, a2); });
    uint64_t divw = cycles_of([](Asm &a) { for (int k = 0; k < 10; k++) a.divw(a0, a1, a2); });
    EXPECT_EQ(mul - base, 10u * 2);
    EXPECT_EQ(div - base, 10u * 33);
    EXPECT_EQ(divw - base, 10u * 17);
}

TEST(CpuTiming, LoadUseStallInABlock)
{
    uint64_t indep = cycles_of([](Asm &a) {
        for (int k = 0; k < 8; k++) {
            a.ld(a0, t0, 0);
            a.add(a1, a2, a3);
        }
    });
    uint64_t dep = cycles_of([](Asm &a) {
        for (int k = 0; k < 8; k++) {
            a.ld(a0, t0, 0);
            a.add(a1, a0, a3);
        }
    });
    EXPECT_EQ(dep - indep, 8u);
}

TEST(CpuTiming, TakenForwardBranchCostsAMispredict)
{
    // Static prediction: backward taken, forward not taken.
    uint64_t not_taken = cycles_of([](Asm &a) {
        int l = a.label();
        a.bne(zero, zero, l);   // forward, not taken: predicted
        a.bind(l);
        a.nop();
    });
    uint64_t taken = cycles_of([](Asm &a) {
        int l = a.label();
        a.beq(zero, zero, l);   // forward, taken: mispredicted
        a.bind(l);
        a.nop();
    });
    EXPECT_EQ(taken - not_taken, LAT_BRANCH_MISS);
}

// cbo.flush (and cbo.inval) evict the line: the next access misses, while
// cbo.clean keeps it cached.
void cbo_program(Hart &h, void (Asm::*cbo)(Reg))
{
    Asm a;
    a.li(t0, DATA + 0x88);
    a.ld(a0, t0, 0);              // miss
    a.align(64);
    a.csrr(s0, CSR_MCYCLE);       // the measured part fits in one I-line
    a.ld(a1, t0, 0);              // hit
    a.csrr(s1, CSR_MCYCLE);
    (a.*cbo)(t0);
    a.csrr(s2, CSR_MCYCLE);
    a.ld(a2, t0, -8);             // same line
    a.csrr(s3, CSR_MCYCLE);
    int end = a.here();
    a.self_loop();
    h.load(a);
    h.run(100);
    EXPECT_EQ(h.c.pc, a.addr(end));
}

TEST(CpuTiming, CboFlushMakesTheNextAccessMiss)
{
    using Cbo = void (Asm::*)(Reg);
    struct Case { const char *name; Cbo op; bool evicts; } cases[] = {
        { "cbo.flush", &Asm::cbo_flush, true },
        { "cbo.inval", &Asm::cbo_inval, true },
        { "cbo.clean", &Asm::cbo_clean, false },
    };
    for (const Case &k : cases) {
        Hart h;
        cbo_program(h, k.op);
        uint64_t hit = h.x(s1) - h.x(s0), after = h.x(s3) - h.x(s2);
        EXPECT_LT(hit, 10u) << k.name;
        if (k.evicts) {
            EXPECT_EQ(h.c.timing.l1d_miss, 2u) << k.name;
            EXPECT_GE(after, hit + LAT_L2 + LAT_DRAM) << k.name << ": the line left L2 too";
        } else {
            EXPECT_EQ(h.c.timing.l1d_miss, 1u) << k.name;
            EXPECT_EQ(after, hit) << k.name;
        }
    }
}

TEST(CpuTiming, InstructionCacheMissesCounted)
{
    // 64 instructions = 4 lines: 4 cold I-misses; a second pass hits.
    Hart h;
    Asm a;
    int top = a.here();
    for (int k = 0; k < 63; k++)
        a.addi(a0, a0, 1);
    a.j(top);
    h.load(a);
    h.run(64);
    EXPECT_EQ(h.c.timing.l1i_miss, 4u);
    uint64_t c1 = h.c.cycle;
    h.run(64);
    EXPECT_EQ(h.c.timing.l1i_miss, 4u);
    EXPECT_EQ(h.c.cycle - c1, 63u + 1u + LAT_JAL) << "a warm pass costs only the instructions";
}

} // namespace
