// Display controller: modes, vsync timing and base latching, scan-out of
// both formats, the cursor, faults.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

extern "C" {
#include "amber/hw.h"
#include "dev_display.h"
}

namespace {

constexpr uint64_t BASE = 0x80000000ull;
constexpr uint64_t PERIOD = 1000;

struct DisplayTest : ::testing::Test {
    std::vector<uint8_t> mem = std::vector<uint8_t>(1 << 22);
    uint64_t now = 0;
    struct display d;

    static const uint8_t *map(void *ctx, uint64_t a, uint64_t len)
    {
        auto *t = static_cast<DisplayTest *>(ctx);
        if (a < BASE || a + len > BASE + t->mem.size())
            return nullptr;
        return &t->mem[a - BASE];
    }
    void SetUp() override
    {
        struct display_mem m = {this, map};
        display_init(&d, &m, &now, PERIOD);
    }
    void w32(unsigned off, uint32_t v) { ASSERT_TRUE(display_mmio.write(&d, off, 4, v)); }
    uint32_t r32(unsigned off)
    {
        uint64_t v = 0;
        EXPECT_TRUE(display_mmio.read(&d, off, 4, &v));
        return uint32_t(v);
    }
    void mode(unsigned w, unsigned h, unsigned fmt, unsigned stride, uint64_t fb)
    {
        w32(DISP_MODE, w | h << 16);
        w32(DISP_FORMAT, fmt);
        w32(DISP_STRIDE, stride);
        w32(DISP_FB_BASE, uint32_t(fb));
        w32(DISP_FB_BASE + 4, uint32_t(fb >> 32));
        w32(DISP_CTRL, 0); // off and on again: the new base applies at once
        w32(DISP_CTRL, DISP_CTRL_ENABLE);
    }
};

TEST_F(DisplayTest, ResetState)
{
    EXPECT_EQ(r32(DEV_ID), DEVID_DISPLAY);
    EXPECT_EQ(r32(DISP_MODE), DISP_DEFAULT_W | DISP_DEFAULT_H << 16);
    EXPECT_EQ(r32(DISP_STRIDE), DISP_DEFAULT_W * 4);
    EXPECT_EQ(r32(DISP_CTRL), 0u);
    std::vector<uint32_t> out(DISP_DEFAULT_W * DISP_DEFAULT_H, 0xDEAD);
    display_render(&d, out.data());
    for (uint32_t p : out)
        ASSERT_EQ(p, 0u); // scan-out off: black
}

TEST_F(DisplayTest, VsyncLatchesTheBaseAndInterrupts)
{
    mode(4, 2, DISP_FMT_XRGB8888, 16, BASE);
    EXPECT_EQ(r32(DISP_FB_CUR), uint32_t(BASE)); // enabling takes the base at once
    w32(DISP_FB_BASE, uint32_t(BASE + 0x1000));
    EXPECT_EQ(r32(DISP_FB_CUR), uint32_t(BASE)); // not before vsync
    EXPECT_EQ(display_next_event(&d), UINT64_MAX); // vsync interrupt disabled
    w32(DISP_IRQ_ENABLE, DISP_IRQ_VSYNC);
    EXPECT_EQ(display_next_event(&d), PERIOD);
    now = PERIOD - 1;
    EXPECT_FALSE(display_irq(&d));
    now = PERIOD;
    display_sync(&d);
    EXPECT_TRUE(display_irq(&d));
    EXPECT_EQ(r32(DISP_FB_CUR), uint32_t(BASE + 0x1000));
    EXPECT_EQ(r32(DISP_FRAME), 1u);
    w32(DISP_IRQ_STATUS, DISP_IRQ_VSYNC);
    EXPECT_FALSE(display_irq(&d));
    EXPECT_EQ(display_next_event(&d), 2 * PERIOD);
    now = 10 * PERIOD + 5;
    EXPECT_EQ(r32(DISP_FRAME), 10u);
}

TEST_F(DisplayTest, ScanOutFormatsAndCursor)
{
    mode(4, 2, DISP_FMT_XRGB8888, 32, BASE);
    uint32_t px[] = {0xFF112233, 0x00445566};
    std::memcpy(&mem[0], px, 8);
    std::memcpy(&mem[32 + 12], px, 4);
    std::vector<uint32_t> out(8);
    display_render(&d, out.data());
    EXPECT_EQ(out[0], 0x112233u); // the X byte is dropped
    EXPECT_EQ(out[1], 0x445566u);
    EXPECT_EQ(out[7], 0x112233u);
    // RGB565: full intensity expands to 0xFF.
    mode(2, 1, DISP_FMT_RGB565, 4, BASE + 0x100);
    uint16_t p16[] = {0xF800, 0x07FF};
    std::memcpy(&mem[0x100], p16, 4);
    display_render(&d, out.data());
    EXPECT_EQ(out[0], 0xFF0000u);
    EXPECT_EQ(out[1], 0x00FFFFu);
    // Cursor: row 0 column 0 and 1 shown, hot spot (1, 0) at (2, 1).
    mode(4, 2, DISP_FMT_XRGB8888, 16, BASE);
    std::memset(&mem[0], 0, 32);
    w32(DISP_CURSOR_IMAGE, 0xC0);      // mask: columns 0 and 1
    w32(DISP_CURSOR_IMAGE + 4, 0x40);  // colour 1 on column 1
    w32(DISP_CURSOR_COLOR0, 0x0000FF);
    w32(DISP_CURSOR_COLOR1, 0xFFFFFF);
    w32(DISP_CURSOR_HOT, 1);
    w32(DISP_CURSOR_POS, 2 | 1 << 16);
    w32(DISP_CTRL, DISP_CTRL_ENABLE | DISP_CTRL_CURSOR);
    display_render(&d, out.data());
    EXPECT_EQ(out[4 + 1], 0x0000FFu);
    EXPECT_EQ(out[4 + 2], 0xFFFFFFu);
    EXPECT_EQ(out[4 + 3], 0u);
    // Off the top-left corner: clipped, no crash.
    w32(DISP_CURSOR_POS, uint32_t(uint16_t(-40)) | uint32_t(uint16_t(-40)) << 16);
    display_render(&d, out.data());
}

TEST_F(DisplayTest, BadModeAndFaultShowBlack)
{
    mode(4, 2, 7, 16, BASE);
    EXPECT_EQ(r32(DISP_STATUS), DISP_STATUS_BAD_MODE);
    mode(4, 2, DISP_FMT_XRGB8888, 8, BASE); // stride too small
    EXPECT_EQ(r32(DISP_STATUS), DISP_STATUS_BAD_MODE);
    mode(1024, 768, DISP_FMT_XRGB8888, 4096, BASE + (1 << 22) - 4096);
    EXPECT_EQ(r32(DISP_STATUS), DISP_STATUS_FB_FAULT);
    std::vector<uint32_t> out(1024 * 768, 1);
    display_render(&d, out.data());
    EXPECT_EQ(out[0], 0u);
    uint64_t v;
    EXPECT_FALSE(display_mmio.read(&d, DISP_CTRL, 2, &v));
}

} // namespace
