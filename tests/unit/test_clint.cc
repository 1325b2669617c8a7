// Unit tests for the CLINT model, and for the test finisher (too small for a
// file of its own).
#include <gtest/gtest.h>

#include <cstdint>

extern "C" {
#include "amber/hw.h"
#include "dev_clint.h"
#include "dev_finisher.h"
}

namespace {

struct ClintTest : ::testing::Test {
    uint64_t cycles = 0;
    struct clint c;

    void SetUp() override { clint_init(&c, &cycles, 100); }
    uint64_t rd(uint64_t off, unsigned size)
    {
        uint64_t v = 0xDEADBEEF;
        EXPECT_TRUE(clint_mmio.read(&c, off, size, &v)) << off << "/" << size;
        return v;
    }
    void wr(uint64_t off, unsigned size, uint64_t v)
    {
        EXPECT_TRUE(clint_mmio.write(&c, off, size, v)) << off << "/" << size;
    }
};

TEST_F(ClintTest, ResetState)
{
    EXPECT_EQ(rd(CLINT_MSIP, 4), 0u);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), UINT64_MAX);
    EXPECT_EQ(rd(CLINT_MTIME, 8), 0u);
    EXPECT_FALSE(clint_msip(&c));
    EXPECT_FALSE(clint_mtip(&c));
}

TEST_F(ClintTest, MtimeFollowsCycles)
{
    cycles = 99;
    EXPECT_EQ(clint_mtime(&c), 0u);
    cycles = 100;
    EXPECT_EQ(clint_mtime(&c), 1u);
    cycles = 123456789;
    EXPECT_EQ(clint_mtime(&c), 1234567u);
    EXPECT_EQ(rd(CLINT_MTIME, 8), 1234567u);
    EXPECT_EQ(rd(CLINT_MTIME, 4), 1234567u);
    EXPECT_EQ(rd(CLINT_MTIME + 4, 4), 0u);
    cycles = 0x1234567800000000ull;
    uint64_t t = cycles / 100;
    EXPECT_EQ(rd(CLINT_MTIME, 4), t & 0xFFFFFFFF);
    EXPECT_EQ(rd(CLINT_MTIME + 4, 4), t >> 32);
}

TEST_F(ClintTest, MtimeWriteMovesTheEpoch)
{
    cycles = 5000; // mtime 50
    wr(CLINT_MTIME, 8, 1000);
    EXPECT_EQ(clint_mtime(&c), 1000u);
    EXPECT_EQ(cycles, 5000u); // the cycle counter is not touched
    cycles += 250;
    EXPECT_EQ(clint_mtime(&c), 1002u);
    wr(CLINT_MTIME, 8, 0); // backwards
    EXPECT_EQ(clint_mtime(&c), 0u);
    cycles += 100;
    EXPECT_EQ(clint_mtime(&c), 1u);
}

TEST_F(ClintTest, MtimeHalfWrites)
{
    cycles = 0;
    wr(CLINT_MTIME + 4, 4, 0x11111111);
    EXPECT_EQ(clint_mtime(&c), 0x1111111100000000ull);
    cycles = 300;
    wr(CLINT_MTIME, 4, 0xFFFFFFF0);
    EXPECT_EQ(clint_mtime(&c), 0x11111111FFFFFFF0ull);
    cycles += 0x20 * 100; // the low half carries into the high half
    EXPECT_EQ(clint_mtime(&c), 0x1111111200000010ull);
    EXPECT_EQ(rd(CLINT_MTIME + 4, 4), 0x11111112u);
}

TEST_F(ClintTest, MtimecmpAccesses)
{
    wr(CLINT_MTIMECMP, 8, 0x0123456789ABCDEFull);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), 0x0123456789ABCDEFull);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 4), 0x89ABCDEFu);
    EXPECT_EQ(rd(CLINT_MTIMECMP + 4, 4), 0x01234567u);
    wr(CLINT_MTIMECMP, 4, 0x11223344);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), 0x0123456711223344ull);
    wr(CLINT_MTIMECMP + 4, 4, 0xAABBCCDD);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), 0xAABBCCDD11223344ull);
}

TEST_F(ClintTest, TimerInterrupt)
{
    wr(CLINT_MTIMECMP, 8, 10);
    cycles = 999;
    EXPECT_FALSE(clint_mtip(&c));
    cycles = 1000;
    EXPECT_TRUE(clint_mtip(&c));
    cycles = 5000;
    EXPECT_TRUE(clint_mtip(&c));
    wr(CLINT_MTIMECMP, 8, 51); // writing mtimecmp clears it
    EXPECT_FALSE(clint_mtip(&c));
    wr(CLINT_MTIME, 8, 51); // and so can moving mtime
    EXPECT_TRUE(clint_mtip(&c));
    // The usual 32-bit update sequence: high half to all ones first.
    wr(CLINT_MTIMECMP + 4, 4, 0xFFFFFFFF);
    EXPECT_FALSE(clint_mtip(&c));
    wr(CLINT_MTIMECMP, 4, 60);
    wr(CLINT_MTIMECMP + 4, 4, 0);
    EXPECT_FALSE(clint_mtip(&c));
    cycles += 900;
    EXPECT_TRUE(clint_mtip(&c));
}

TEST_F(ClintTest, Msip)
{
    wr(CLINT_MSIP, 4, 0xFFFFFFFF);
    EXPECT_EQ(rd(CLINT_MSIP, 4), 1u); // only bit 0 exists
    EXPECT_TRUE(clint_msip(&c));
    wr(CLINT_MSIP, 4, 2);
    EXPECT_EQ(rd(CLINT_MSIP, 4), 0u);
    EXPECT_FALSE(clint_msip(&c));
}

TEST_F(ClintTest, BadSizesFault)
{
    uint64_t v;
    for (uint64_t off : {uint64_t(CLINT_MSIP), uint64_t(CLINT_MTIMECMP), uint64_t(CLINT_MTIME)})
        for (unsigned size : {1u, 2u}) {
            EXPECT_FALSE(clint_mmio.read(&c, off, size, &v));
            EXPECT_FALSE(clint_mmio.write(&c, off, size, 1));
        }
    EXPECT_FALSE(clint_mmio.read(&c, CLINT_MSIP, 8, &v));
    EXPECT_FALSE(clint_mmio.write(&c, CLINT_MSIP, 8, 1));
    EXPECT_FALSE(clint_msip(&c));
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), UINT64_MAX);
}

TEST_F(ClintTest, UnusedOffsetsReadZero)
{
    wr(0x4, 4, 1);      // a second hart's msip: absent
    wr(0x4008, 8, 1);   // a second hart's mtimecmp: absent
    wr(0x8000, 4, 1);
    EXPECT_EQ(rd(0x4, 4), 0u);
    EXPECT_EQ(rd(0x4008, 8), 0u);
    EXPECT_EQ(rd(0x8000, 4), 0u);
    EXPECT_EQ(rd(CLINT_MTIMECMP, 8), UINT64_MAX);
    EXPECT_FALSE(clint_msip(&c));
}

TEST_F(ClintTest, NextEvent)
{
    // Nothing programmed: the compare with UINT64_MAX is out of reach.
    EXPECT_EQ(clint_next_event(&c), UINT64_MAX);

    cycles = 1234;
    wr(CLINT_MTIMECMP, 8, 100);
    EXPECT_EQ(clint_next_event(&c), 10000u);
    cycles = 9999;
    EXPECT_EQ(clint_next_event(&c), 10000u);
    cycles = 10000;
    EXPECT_TRUE(clint_mtip(&c));
    EXPECT_EQ(clint_next_event(&c), UINT64_MAX); // already raised: no next rise
    cycles = 20001;
    EXPECT_EQ(clint_next_event(&c), UINT64_MAX);

    // With an mtime offset.
    wr(CLINT_MTIME, 8, 1000000); // at cycle 20001: ticks 200
    wr(CLINT_MTIMECMP, 8, 1000005);
    uint64_t at = clint_next_event(&c);
    EXPECT_EQ(at, 20500u);
    cycles = at - 1;
    EXPECT_FALSE(clint_mtip(&c));
    cycles = at;
    EXPECT_TRUE(clint_mtip(&c));

    // mtime set below a small offset of ticks: offset wraps, still exact.
    cycles = 1000000;
    wr(CLINT_MTIME, 8, 3);
    wr(CLINT_MTIMECMP, 8, 7);
    EXPECT_EQ(clint_next_event(&c), 1000400u);

    // Beyond the cycle counter's range.
    wr(CLINT_MTIMECMP, 8, UINT64_MAX / 2);
    EXPECT_EQ(clint_next_event(&c), UINT64_MAX);
}

TEST(ClintTick, OneCyclePerTick)
{
    uint64_t cycles = 77;
    struct clint c;
    clint_init(&c, &cycles, 1);
    EXPECT_EQ(clint_mtime(&c), 77u);
    ASSERT_TRUE(clint_mmio.write(&c, CLINT_MTIMECMP, 8, 80));
    EXPECT_EQ(clint_next_event(&c), 80u);
    ASSERT_TRUE(clint_mmio.write(&c, CLINT_MTIMECMP, 8, UINT64_MAX));
    EXPECT_EQ(clint_next_event(&c), UINT64_MAX); // cycles reach it only at UINT64_MAX
}

// ---- test finisher ----

TEST(Finisher, Commands)
{
    struct finisher f;
    finisher_init(&f);
    EXPECT_FALSE(f.triggered);
    EXPECT_EQ(finisher_cmd(&f), FINISHER_CMD_NONE);

    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, FINISHER_PASS));
    EXPECT_TRUE(f.triggered);
    EXPECT_EQ(f.value, FINISHER_PASS);
    EXPECT_EQ(finisher_cmd(&f), FINISHER_CMD_PASS);
    EXPECT_EQ(finisher_code(&f), 0);

    finisher_init(&f);
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, (42u << 16) | FINISHER_FAIL));
    EXPECT_EQ(finisher_cmd(&f), FINISHER_CMD_FAIL);
    EXPECT_EQ(finisher_code(&f), 42);

    finisher_init(&f);
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, (0xFFFFu << 16) | FINISHER_FAIL));
    EXPECT_EQ(finisher_code(&f), 0xFFFF);

    finisher_init(&f);
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, FINISHER_RESET));
    EXPECT_EQ(finisher_cmd(&f), FINISHER_CMD_RESET);
}

TEST(Finisher, OtherValuesAndAccessesIgnored)
{
    struct finisher f;
    finisher_init(&f);
    uint64_t v = 1;
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, 0x1234));
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, 0));
    ASSERT_TRUE(finisher_mmio.write(&f, 4, 4, FINISHER_PASS)); // wrong offset
    EXPECT_FALSE(f.triggered);
    EXPECT_EQ(finisher_cmd(&f), FINISHER_CMD_NONE);
    for (unsigned size : {1u, 2u, 8u}) {
        EXPECT_FALSE(finisher_mmio.write(&f, 0, size, FINISHER_PASS));
        EXPECT_FALSE(finisher_mmio.read(&f, 0, size, &v));
    }
    EXPECT_FALSE(f.triggered);
    ASSERT_TRUE(finisher_mmio.write(&f, 0, 4, FINISHER_PASS));
    ASSERT_TRUE(finisher_mmio.read(&f, 0, 4, &v));
    EXPECT_EQ(v, 0u);
}

} // namespace
