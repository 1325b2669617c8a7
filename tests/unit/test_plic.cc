// Unit tests for the PLIC model.
#include <gtest/gtest.h>

#include <cstdint>

extern "C" {
#include "amber/hw.h"
#include "dev_plic.h"
}

namespace {

constexpr uint64_t prio(unsigned src) { return PLIC_PRIORITY + 4 * src; }
constexpr uint64_t enable(unsigned ctx) { return PLIC_ENABLE + PLIC_ENABLE_STRIDE * ctx; }
constexpr uint64_t threshold(unsigned ctx) { return PLIC_THRESHOLD + PLIC_CONTEXT_STRIDE * ctx; }
constexpr uint64_t claimreg(unsigned ctx) { return PLIC_CLAIM + PLIC_CONTEXT_STRIDE * ctx; }

struct PlicTest : ::testing::Test {
    struct plic p;

    void SetUp() override { plic_init(&p); }
    uint32_t rd(uint64_t off)
    {
        uint64_t v = 0xDEADBEEFCAFEull;
        EXPECT_TRUE(plic_mmio.read(&p, off, 4, &v)) << std::hex << off;
        EXPECT_LE(v, 0xFFFFFFFFull);
        return uint32_t(v);
    }
    void wr(uint64_t off, uint32_t v) { EXPECT_TRUE(plic_mmio.write(&p, off, 4, v)) << std::hex << off; }
    unsigned claim(unsigned ctx) { return rd(claimreg(ctx)); }
    void complete(unsigned ctx, unsigned id) { wr(claimreg(ctx), id); }
};

TEST_F(PlicTest, ResetState)
{
    for (unsigned s = 0; s < PLIC_NSOURCES; s++)
        EXPECT_EQ(rd(prio(s)), 0u);
    EXPECT_EQ(rd(PLIC_PENDING), 0u);
    for (unsigned c = 0; c < PLIC_NCONTEXTS; c++) {
        EXPECT_EQ(rd(enable(c)), 0u);
        EXPECT_EQ(rd(threshold(c)), 0u);
        EXPECT_EQ(claim(c), 0u);
        EXPECT_FALSE(plic_irq(&p, c));
    }
}

TEST_F(PlicTest, PriorityRegisters)
{
    for (unsigned s = 1; s < PLIC_NSOURCES; s++)
        wr(prio(s), s);
    for (unsigned s = 1; s < PLIC_NSOURCES; s++)
        EXPECT_EQ(rd(prio(s)), s & 7) << s; // 3-bit WARL field
    wr(prio(0), 7);                         // source 0 does not exist
    EXPECT_EQ(rd(prio(0)), 0u);
}

TEST_F(PlicTest, PendingFollowsLevelAndIsReadOnly)
{
    plic_set_level(&p, 3, true);
    plic_set_level(&p, PLIC_SRC_UART0, true);
    EXPECT_EQ(rd(PLIC_PENDING), (1u << 3) | (1u << PLIC_SRC_UART0));
    EXPECT_EQ(plic_pending(&p), (1u << 3) | (1u << PLIC_SRC_UART0));
    wr(PLIC_PENDING, 0);
    EXPECT_EQ(rd(PLIC_PENDING), (1u << 3) | (1u << PLIC_SRC_UART0));
    plic_set_level(&p, 3, false);
    EXPECT_EQ(rd(PLIC_PENDING), 1u << PLIC_SRC_UART0);
    // Source 0 and sources past the last are ignored.
    plic_set_level(&p, 0, true);
    plic_set_level(&p, PLIC_NSOURCES, true);
    plic_set_level(&p, 1000, true);
    EXPECT_EQ(rd(PLIC_PENDING), 1u << PLIC_SRC_UART0);
}

TEST_F(PlicTest, EnableAndThresholdPerContext)
{
    wr(enable(0), 0xFFFFFFFF);
    wr(enable(1), 0x00000402);
    EXPECT_EQ(rd(enable(0)), 0xFFFFFFFEu); // bit 0 is hardwired to 0
    EXPECT_EQ(rd(enable(1)), 0x00000402u);
    wr(threshold(0), 0xFF);
    wr(threshold(1), 3);
    EXPECT_EQ(rd(threshold(0)), 7u);
    EXPECT_EQ(rd(threshold(1)), 3u);
}

TEST_F(PlicTest, InterruptNeedsEnablePriorityAndThreshold)
{
    plic_set_level(&p, 5, true);
    EXPECT_FALSE(plic_irq(&p, 0)); // priority 0: never
    wr(prio(5), 1);
    EXPECT_FALSE(plic_irq(&p, 0)); // not enabled
    wr(enable(0), 1u << 5);
    EXPECT_TRUE(plic_irq(&p, 0));
    EXPECT_FALSE(plic_irq(&p, 1)); // other context not enabled
    wr(threshold(0), 1);           // priority must exceed the threshold
    EXPECT_FALSE(plic_irq(&p, 0));
    EXPECT_EQ(claim(0), 0u);
    wr(prio(5), 2);
    EXPECT_TRUE(plic_irq(&p, 0));
    wr(threshold(0), 7);
    wr(prio(5), 7);
    EXPECT_FALSE(plic_irq(&p, 0)); // nothing beats threshold 7
    wr(threshold(0), 0);
    plic_set_level(&p, 5, false);
    EXPECT_FALSE(plic_irq(&p, 0));
}

TEST_F(PlicTest, ClaimOrderByPriorityThenId)
{
    const unsigned pr[] = {0, 2, 5, 5, 1, 7, 0, 3};
    for (unsigned s = 1; s < 8; s++) {
        wr(prio(s), pr[s]);
        plic_set_level(&p, s, true);
    }
    wr(enable(0), 0xFE);
    // 6 has priority 0 and is never claimed; 3 and 2 tie: lowest id first.
    const unsigned order[] = {5, 2, 3, 7, 1, 4};
    for (unsigned id : order) {
        EXPECT_TRUE(plic_irq(&p, 0));
        EXPECT_EQ(claim(0), id);
        EXPECT_EQ(rd(PLIC_PENDING) & (1u << id), 0u); // claimed: not pending
    }
    EXPECT_FALSE(plic_irq(&p, 0));
    EXPECT_EQ(claim(0), 0u);
    EXPECT_EQ(rd(PLIC_PENDING), 1u << 6);
}

TEST_F(PlicTest, CompleteRepends)
{
    wr(prio(PLIC_SRC_UART0), 1);
    wr(enable(1), 1u << PLIC_SRC_UART0);
    plic_set_level(&p, PLIC_SRC_UART0, true);
    EXPECT_TRUE(plic_irq(&p, 1));
    EXPECT_FALSE(plic_irq(&p, 0));
    EXPECT_EQ(claim(1), PLIC_SRC_UART0);
    EXPECT_FALSE(plic_irq(&p, 1)); // in service
    EXPECT_EQ(claim(1), 0u);
    // Level still high at completion: pending again at once.
    complete(1, PLIC_SRC_UART0);
    EXPECT_TRUE(plic_irq(&p, 1));
    EXPECT_EQ(rd(PLIC_PENDING), 1u << PLIC_SRC_UART0);
    EXPECT_EQ(claim(1), PLIC_SRC_UART0);
    // Level dropped while in service, rises again: held until completion.
    plic_set_level(&p, PLIC_SRC_UART0, false);
    plic_set_level(&p, PLIC_SRC_UART0, true);
    EXPECT_FALSE(plic_irq(&p, 1));
    EXPECT_EQ(rd(PLIC_PENDING), 0u);
    plic_set_level(&p, PLIC_SRC_UART0, false);
    complete(1, PLIC_SRC_UART0);
    EXPECT_FALSE(plic_irq(&p, 1)); // level low: nothing to do
    EXPECT_EQ(rd(PLIC_PENDING), 0u);
    plic_set_level(&p, PLIC_SRC_UART0, true);
    EXPECT_TRUE(plic_irq(&p, 1));
}

TEST_F(PlicTest, CompleteIgnoredUnlessEnabled)
{
    wr(prio(4), 1);
    wr(enable(0), 1u << 4);
    plic_set_level(&p, 4, true);
    EXPECT_EQ(claim(0), 4u);
    complete(1, 4);      // 4 is not enabled in context 1
    complete(0, 0);      // no source 0
    complete(0, 9);      // not enabled, not claimed
    complete(0, 0xFFFF); // no such source
    EXPECT_FALSE(plic_irq(&p, 0));
    wr(enable(0), 0);    // disabled in context 0 now as well
    complete(0, 4);
    wr(enable(0), 1u << 4);
    EXPECT_FALSE(plic_irq(&p, 0));
    complete(0, 4);
    EXPECT_TRUE(plic_irq(&p, 0));
}

TEST_F(PlicTest, ClaimIsSharedBetweenContexts)
{
    wr(prio(2), 3);
    wr(enable(0), 1u << 2);
    wr(enable(1), 1u << 2);
    plic_set_level(&p, 2, true);
    EXPECT_TRUE(plic_irq(&p, 0));
    EXPECT_TRUE(plic_irq(&p, 1));
    EXPECT_EQ(claim(1), 2u);
    EXPECT_FALSE(plic_irq(&p, 0)); // in service for the other context
    EXPECT_EQ(claim(0), 0u);
    complete(0, 2); // the spec allows completion from any context it is enabled in
    EXPECT_TRUE(plic_irq(&p, 0));
}

TEST_F(PlicTest, LevelDroppedBeforeClaim)
{
    wr(prio(7), 1);
    wr(enable(0), 1u << 7);
    plic_set_level(&p, 7, true);
    EXPECT_TRUE(plic_irq(&p, 0));
    plic_set_level(&p, 7, false);
    EXPECT_FALSE(plic_irq(&p, 0));
    EXPECT_EQ(claim(0), 0u);
}

TEST_F(PlicTest, OnlyWordAccesses)
{
    uint64_t v;
    wr(prio(1), 1);
    wr(enable(0), 2);
    plic_set_level(&p, 1, true);
    for (unsigned size : {1u, 2u, 8u}) {
        EXPECT_FALSE(plic_mmio.read(&p, prio(1), size, &v));
        EXPECT_FALSE(plic_mmio.write(&p, prio(1), size, 0));
        EXPECT_FALSE(plic_mmio.read(&p, claimreg(0), size, &v));
        EXPECT_FALSE(plic_mmio.write(&p, threshold(0), size, 7));
    }
    EXPECT_EQ(rd(prio(1)), 1u);
    EXPECT_EQ(rd(threshold(0)), 0u);
    EXPECT_TRUE(plic_irq(&p, 0)); // the failed claim did not claim
}

TEST_F(PlicTest, AbsentRegistersReadZero)
{
    const uint64_t offs[] = {
        prio(PLIC_NSOURCES), PLIC_PENDING + 4, enable(0) + 4, enable(PLIC_NCONTEXTS),
        threshold(PLIC_NCONTEXTS), claimreg(PLIC_NCONTEXTS), 0x3FFFFFC};
    plic_set_level(&p, 1, true);
    wr(prio(1), 1);
    for (uint64_t off : offs) {
        wr(off, 0xFFFFFFFF);
        EXPECT_EQ(rd(off), 0u) << std::hex << off;
    }
    EXPECT_FALSE(plic_irq(&p, 0));
    EXPECT_FALSE(plic_irq(&p, PLIC_NCONTEXTS));
    EXPECT_EQ(rd(enable(0)), 0u);
    EXPECT_EQ(rd(threshold(0)), 0u);
}

} // namespace
