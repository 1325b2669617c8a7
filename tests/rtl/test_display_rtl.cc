// Co-simulation of the board's display controller (rtl/gfx/gfx_display.v,
// rtl/gfx/gfx_scanout.v and the SPRAM line fetcher, in tests/rtl/tb_display.v)
// against the C model (emu/dev_display.c): the same register writes and
// frame-buffer contents go to both, frame after frame; the register values
// must agree after every vsync and every change, and every picture the RTL
// sends to the monitor must be the model's (cut to the board's 4 bits a
// channel, pixel-doubled and letterboxed in 640x480), cursor included.
//
// Time: the model's clock counts the RTL's vsync pulses (a frame is PERIOD
// model cycles). The RTL takes a few cycles to carry a vsync into its
// register clock domain, so registers are looked at some cycles after it.
// Where the board differs from the model by design (docs/hardware.md): a
// mode other than 320x200 RGB565, or a base or stride that is not a
// multiple of 4, is BAD_MODE and shows black; FB_BASE keeps 17 bits;
// CURSOR_IMAGE is write-only; the cursor image changes at once and the
// other settings at the next vsync, so the test changes the image, then
// takes the model's picture, then changes the rest, all in the vertical
// blanking.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#include "Vtb_display.h"
#include "verilated.h"

extern "C" {
#include "amber/hw.h"
#include "dev_display.h"
}

namespace {

constexpr uint64_t PERIOD = 1000;
constexpr uint32_t RAM = 128 * 1024;
constexpr int SW = 640, SH = 480;

const uint8_t *map_ram(void *ctx, uint64_t addr, uint64_t len)
{
    auto *ram = static_cast<std::vector<uint8_t> *>(ctx);
    return addr <= RAM && len <= RAM - addr ? ram->data() + addr : nullptr;
}

struct Display : ::testing::Test {
    std::vector<uint8_t> ram = std::vector<uint8_t>(RAM);
    uint64_t now = 0;
    struct display d;
    std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    std::unique_ptr<Vtb_display> top{new Vtb_display(ctx.get())};
    unsigned vsyncs = 0;
    bool last_vs = true;
    std::vector<uint16_t> shot;     // the picture being received, 4:4:4
    std::vector<uint16_t> picture;  // the last whole one
    std::mt19937 r{7};

    void SetUp() override
    {
        struct display_mem dm = {&ram, map_ram};
        display_init(&d, &dm, &now, PERIOD);
        top->rst = top->rst_pix = 1;
        for (int i = 0; i < 8; i++)
            cycle();
        top->rst = top->rst_pix = 0;
        vsyncs = 0; // what the outputs did before reset settled them
        shot.clear();
    }

    // A quarter of a register clock: clk_pix runs twice as fast as clk.
    void step(int i)
    {
        top->clk_pix = !top->clk_pix;
        if (i % 2 == 0)
            top->clk = !top->clk;
        top->eval();
        if (top->clk_pix)
            pixel();
    }
    void cycle()
    {
        for (int i = 0; i < 4; i++)
            step(i);
    }
    // The monitor: count vsyncs, keep the pixels shown since the last one.
    void pixel()
    {
        if (last_vs && !top->vsync) {
            vsyncs++;
            picture = shot;
            shot.clear();
        }
        last_vs = top->vsync;
        if (top->de)
            shot.push_back(uint16_t(top->r << 8 | top->g << 4 | top->b));
    }
    void to_vsync()
    {
        for (unsigned v = vsyncs; vsyncs == v;)
            cycle();
        for (int i = 0; i < 16; i++) // the vsync reaches the registers
            cycle();
        now = vsyncs * PERIOD + 1;
    }

    void mem_write(uint32_t a, uint32_t v)
    {
        std::memcpy(&ram[a], &v, 4);
        top->mem_valid = 1;
        top->mem_addr = a;
        top->mem_wdata = v;
        for (bool ready = false; !ready;) {
            top->eval();
            ready = top->mem_ready; // the write happens at the coming edge
            cycle();
        }
        top->mem_valid = 0;
    }
    void reg_write(uint32_t off, uint32_t v)
    {
        EXPECT_TRUE(display_mmio.write(&d, off, 4, v));
        top->reg_we = 1;
        top->reg_addr = off;
        top->reg_wdata = v;
        cycle();
        top->reg_we = 0;
    }
    uint32_t model_reg(uint32_t off)
    {
        uint64_t v = 0;
        EXPECT_TRUE(display_mmio.read(&d, off, 4, &v));
        return uint32_t(v);
    }
    uint32_t rtl_reg(uint32_t off)
    {
        top->reg_addr = off;
        top->eval();
        return top->reg_rdata;
    }

    // The board shows 320x200 RGB565 only, from word-aligned lines.
    bool board_mode()
    {
        return d.width == 320 && d.height == 200 && d.fmt == DISP_FMT_RGB565 && d.stride >= 640 &&
               d.stride % 4 == 0 && d.fb_cur % 4 == 0;
    }
    void check_regs()
    {
        for (uint32_t off = 0; off < 0x50; off += 4) {
            uint32_t m = model_reg(off), want = m;
            if (off == DISP_STATUS && !board_mode())
                want = DISP_STATUS_BAD_MODE;
            EXPECT_EQ(want, rtl_reg(off)) << "register 0x" << std::hex << off << " after vsync " << std::dec
                                          << vsyncs;
        }
        EXPECT_EQ(display_irq(&d), bool(top->irq)) << "interrupt after vsync " << vsyncs;
    }
    // What the board should send for the model's picture now.
    std::vector<uint16_t> expected()
    {
        std::vector<uint16_t> e(SW * SH, 0);
        unsigned w, h;
        display_size(&d, &w, &h);
        std::vector<uint32_t> out(size_t(w) * h);
        display_render(&d, out.data());
        if (!board_mode())
            return e;
        for (int y = 40; y < 440; y++)
            for (int x = 0; x < SW; x++) {
                uint32_t p = out[size_t((y - 40) / 2) * w + x / 2];
                e[size_t(y) * SW + x] = uint16_t((p >> 20 & 15) << 8 | (p >> 12 & 15) << 4 | (p >> 4 & 15));
            }
        return e;
    }
    void check_picture(const std::vector<uint16_t> &want)
    {
        ASSERT_EQ(picture.size(), want.size()) << "pixels with DE in the frame before vsync " << vsyncs;
        int bad = 0;
        for (size_t i = 0; i < want.size(); i++)
            if (picture[i] != want[i] && bad++ < 5)
                ADD_FAILURE() << "pixel (" << i % SW << ", " << i / SW << ") = " << std::hex << picture[i]
                              << ", want " << want[i] << " (frame before vsync " << std::dec << vsyncs << ")";
        EXPECT_EQ(bad, 0);
    }
    void cursor_image()
    {
        for (uint32_t i = 0; i < 2 * DISP_CURSOR_SIZE; i++) {
            uint32_t v = uint32_t(r());
            if (i % 2 == 0 && r() % 4 == 0)
                v = 0; // an empty row
            reg_write(DISP_CURSOR_IMAGE + 4 * i, v);
        }
    }
    void scribble(int words)
    {
        for (int i = 0; i < words; i++)
            mem_write(4 * (r() % (RAM / 4)), uint32_t(r()));
    }
};

TEST_F(Display, FramesAgainstModel)
{
    for (uint32_t a = 0; a < RAM; a += 4)
        mem_write(a, uint32_t(r()));
    // Per frame: register changes made after the model's picture is taken
    // (they show from the next vsync on).
    // (they show from the next vsync on). A 320x200 frame takes 128,000 of
    // the board's 131,072 bytes: bases up to 0xC00 fit.
    const std::vector<std::vector<std::pair<uint32_t, uint32_t>>> script = {
        {{DISP_MODE, 200u << 16 | 320}, {DISP_FORMAT, DISP_FMT_RGB565}, {DISP_STRIDE, 640},
         {DISP_FB_BASE, 0x400}, {DISP_IRQ_ENABLE, 1}, {DISP_CTRL, DISP_CTRL_ENABLE}},
        {{DISP_FB_BASE, 0x800}, {DISP_CURSOR_POS, 20u << 16 | 10}, {DISP_CURSOR_HOT, 4u << 16 | 3},
         {DISP_CURSOR_COLOR0, 0x123456}, {DISP_CURSOR_COLOR1, 0xFFABCDEF},
         {DISP_CTRL, DISP_CTRL_ENABLE | DISP_CTRL_CURSOR}},
        {{DISP_IRQ_STATUS, 1}, {DISP_CURSOR_POS, 0xFFF9FFFB}, {DISP_CURSOR_HOT, 0xFFFFFFFF}},
        {{DISP_CURSOR_POS, 195u << 16 | 315}, {DISP_CURSOR_HOT, 0}, {DISP_STRIDE, 644}, {DISP_FB_BASE, 0}},
        {{DISP_IRQ_STATUS, 1}, {DISP_FORMAT, DISP_FMT_XRGB8888}},
        {{DISP_FORMAT, DISP_FMT_RGB565}, {DISP_MODE, 199u << 16 | 320}},
        {{DISP_MODE, 200u << 16 | 320}, {DISP_FB_BASE, 0x1F000}},
        {{DISP_FB_BASE, 0xC00}, {DISP_CTRL, DISP_CTRL_CURSOR}, {DISP_STRIDE, 642}},
        {{DISP_STRIDE, 640}, {DISP_CTRL, DISP_CTRL_ENABLE | DISP_CTRL_CURSOR}, {DISP_CURSOR_POS, 100u << 16 | 160}},
        {{DISP_FB_BASE, 0xC04}},
        {},
    };
    int shown = 0; // frames that are not black
    std::vector<uint16_t> want;
    for (size_t k = 0; k < script.size(); k++) {
        SCOPED_TRACE("frame " + std::to_string(k));
        to_vsync();
        check_regs();
        if (k > 0)
            check_picture(want);
        cursor_image();
        scribble(32);
        want = expected();
        shown += std::count(want.begin(), want.end(), 0) != long(want.size());
        for (auto [off, v] : script[k])
            reg_write(off, v);
        now = vsyncs * PERIOD + 1;
        check_regs();
        if (HasFatalFailure())
            return;
    }
    to_vsync();
    check_regs();
    check_picture(want);
    EXPECT_EQ(shown, 5);
}

} // namespace
