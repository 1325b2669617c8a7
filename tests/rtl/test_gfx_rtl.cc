// Co-simulation of the accelerator RTL (rtl/gfx/gfx_core.v, through
// Verilator) against the golden C model (emu/dev_gfx.c): the same command
// stream, the same memory contents and the same memory wait states go to
// both; every memory write (address, data, mask) must match in order, and
// the final memory, the cycle and pixel counters, the fence and the error
// state must be identical.
//
// Wait states: one random number per memory access, drawn from a shared
// sequence; the model's memory port returns it as the access's wait states,
// the testbench holds the RTL's mem_ready low for that many cycles. Accesses
// outside memory fail at once (the RTL's documented contract) in both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <regex>
#include <random>
#include <string>
#include <vector>

#include "Vgfx_core.h"
#include "verilated.h"
#include "verilated_cov.h"

#include "cosim_mem.h"
#include "cosim_stream.h"

extern "C" {
#include "amber/hw.h"
#include "dev_gfx.h"
}

namespace {

VerilatedContext *context()
{
    static VerilatedContext *ctx = [] {
        auto *c = new VerilatedContext;
        // Randomise uninitialised state (no hidden reset dependence) unless
        // GFX_RTL_RANDRESET says otherwise (0: zeros, 1: ones, 2: random).
        const char *rr = std::getenv("GFX_RTL_RANDRESET");
        c->randReset(rr ? std::atoi(rr) : 2);
        return c;
    }();
    return ctx;
}

// Write the coverage collected by every test when the program ends.
struct CoverageEnv : ::testing::Environment {
    void TearDown() override
    {
        const char *path = std::getenv("GFX_RTL_COVERAGE");
        context()->coveragep()->write(path ? path : "gfx_rtl_coverage.dat");
    }
};
const auto *cov_env = ::testing::AddGlobalTestEnvironment(new CoverageEnv);

struct Result {
    uint64_t cycles, pixels;
    uint32_t error, error_word, fence;
};

// The RTL with its testbench memory.
struct Rtl {
    std::unique_ptr<Vgfx_core> top{new Vgfx_core(context())};
    Mem mem;
    int stall = -1; // wait cycles left for the access in progress; -1: none

    void tick()
    {
        top->clk = 0;
        top->eval();
        serve_mem(top.get(), mem, stall);
        top->eval();
        top->clk = 1;
        top->eval();
    }
    void reset()
    {
        top->rst = 1;
        top->cmd_valid = 0;
        top->cmd_abort = 0;
        top->cmd_wait = 0;
        top->mem_ready = 0;
        tick();
        tick();
        top->rst = 0;
    }
    // Feed the words back to back; run until idle or stopped by an error.
    void run(const std::vector<uint32_t> &words, uint64_t limit = 50000000)
    {
        size_t i = 0;
        for (uint64_t n = 0; n < limit; n++) {
            top->cmd_valid = i < words.size() && !top->error;
            top->cmd_data = i < words.size() ? words[i] : 0;
            bool take = top->cmd_valid && top->cmd_ready;
            tick();
            if (take)
                i++;
            if (top->error || (i == words.size() && !top->busy))
                break;
        }
        top->cmd_valid = 0;
        ASSERT_TRUE(top->error || !top->busy) << "RTL did not finish";
    }
    Result result() const
    {
        return {top->cycles, top->pixels, top->error, top->error_word, top->fence};
    }
};

struct Cosim : ::testing::Test {
    Mem mmem;
    struct gfx g;
    Rtl rtl;
    std::vector<uint8_t> waits;

    void SetUp() override
    {
        struct gfx_mem port = {&mmem, model_rd, model_wr};
        gfx_init(&g, &port, nullptr);
        rtl.reset();
    }
    void init_mem(uint32_t seed)
    {
        std::mt19937 r(seed);
        for (auto &b : mmem.bytes)
            b = uint8_t(r());
        rtl.mem.bytes = mmem.bytes;
    }
    // Same wait-state sequence for both; density in percent.
    void set_waits(uint32_t seed, int density)
    {
        std::mt19937 r(seed);
        waits.resize(4096);
        for (auto &w : waits)
            w = int(r() % 100) < density ? uint8_t(1 + r() % 4) : 0;
        mmem.waits = rtl.mem.waits = &waits;
    }

    // Run the stream through both and compare everything.
    void check(const std::vector<uint32_t> &words)
    {
        gfx_exec(&g, words.data(), words.size());
        rtl.run(words);
        const auto &mw = mmem.writes, &rw = rtl.mem.writes;
        size_t n = std::min(mw.size(), rw.size());
        for (size_t i = 0; i < n; i++)
            ASSERT_TRUE(mw[i] == rw[i]) << "write " << i << ": model " << std::hex << mw[i].addr << "="
                                        << mw[i].val << "/" << mw[i].mask << ", rtl " << rw[i].addr << "="
                                        << rw[i].val << "/" << rw[i].mask;
        ASSERT_EQ(mw.size(), rw.size()) << "number of writes";
        EXPECT_EQ(mmem.accesses, rtl.mem.accesses) << "number of memory accesses";
        EXPECT_EQ(mmem.hash(), rtl.mem.hash()) << "final memory";
        Result r = rtl.result();
        EXPECT_EQ(g.error, r.error) << "error";
        EXPECT_EQ(g.error_word, r.error_word) << "error word";
        EXPECT_EQ(g.fence, r.fence) << "fence";
        EXPECT_EQ(g.pixels, r.pixels) << "pixels";
        EXPECT_EQ(g.cycles, r.cycles) << "cycles";
    }
};

// ---- directed tests ----

TEST_F(Cosim, FillCopyRop)
{
    init_mem(1);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 0x00FF0000, xy(3, 4), xy(20, 7)}); // 153 cycles
    add(s, {GFX_OP_FILL | GFX_ROP_XOR << 8, 0x00123456, xy(-5, -5), xy(30, 30)});
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(60, 40), xy(100, 100)}); // clipped by the surface
    add(s, {GFX_OP_FENCE, 42});
    check(s);
}

TEST_F(Cosim, FillCycleExample)
{
    init_mem(2);
    std::vector<uint32_t> s = surface();
    check(s);
    uint64_t before = rtl.result().cycles;
    check({GFX_OP_FILL | GFX_ROP_COPY << 8, 0x00FF0000, xy(3, 4), xy(20, 7)});
    EXPECT_EQ(rtl.result().cycles - before, 153u); // docs/devices.md's example
}

TEST_F(Cosim, ClipAndEmpty)
{
    init_mem(3);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_CLIP, xy(10, 10), xy(30, 20)});
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 7, xy(0, 0), xy(64, 48)});
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 7, xy(40, 40), xy(5, 5)}); // fully clipped
    add(s, {GFX_OP_CLIP, xy(-100, -100), xy(1000, 1000)});
    add(s, {GFX_OP_FILL | GFX_ROP_INVERT << 8, 7, xy(50, 30), xy(100, 100)});
    add(s, {GFX_OP_NOP});
    check(s);
}

TEST_F(Cosim, OverlappingCopies)
{
    init_mem(4);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(0, 0), xy(5, 3), xy(30, 20)});   // down-right
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(10, 10), xy(4, 2), xy(30, 20)}); // up-left
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(0, 5), xy(7, 5), xy(40, 10)});   // same row, right
    add(s, {GFX_OP_COPY | GFX_ROP_XOR << 8, xy(9, 5), xy(2, 5), xy(40, 10)});    // same row, left
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(-10, -10), xy(50, 30), xy(40, 40)}); // source off surface
    check(s);
}

TEST_F(Cosim, Rgb565)
{
    init_mem(5);
    std::vector<uint32_t> s = surface(FB, 63, 40, 128, 1);
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 0xF81F, xy(1, 1), xy(21, 5)});
    add(s, {GFX_OP_FILL | GFX_ROP_OR << 8, 0x07E0, xy(2, 2), xy(5, 5)});
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(1, 1), xy(2, 3), xy(21, 6)});
    add(s, {GFX_OP_LINE | GFX_ROP_XOR << 8, 0xFFFF, xy(0, 0), xy(62, 39)});
    check(s);
}

TEST_F(Cosim, Lines)
{
    init_mem(6);
    std::vector<uint32_t> s = surface();
    const int pts[][4] = {{0, 0, 63, 47}, {63, 0, 0, 47}, {5, 5, 5, 5}, {10, 40, 50, 2},
                          {-20, 10, 80, 30}, {30, -10, 31, 100}, {0, 20, 63, 20}, {7, 47, 7, 0}};
    unsigned rop = GFX_ROP_COPY;
    for (auto &p : pts) {
        add(s, {GFX_OP_LINE | rop << 8, 0x00ABCDEF, xy(p[0], p[1]), xy(p[2], p[3])});
        rop = rop == GFX_ROP_COPY ? GFX_ROP_XOR : GFX_ROP_COPY;
    }
    check(s);
}

TEST_F(Cosim, Triangles)
{
    init_mem(16);
    std::vector<uint32_t> s = surface();
    const int v[][6] = {{5, 5, 40, 10, 20, 40},   {5, 5, 20, 40, 40, 10},  // both windings
                        {0, 0, 63, 0, 0, 47},     {63, 0, 63, 47, 0, 47},  // two halves sharing an edge
                        {-30, -30, 100, 10, 10, 90}, {10, 10, 20, 20, 30, 30}, // clipped; degenerate
                        {32, 2, 33, 45, 31, 45}, {-32768, -32768, 32767, -32768, 0, 32767}};
    unsigned rop = GFX_ROP_XOR;
    for (auto &t : v) {
        add(s, {GFX_OP_TRI | rop << 8, 0x00405060, xy(t[0], t[1]), xy(t[2], t[3]), xy(t[4], t[5])});
        rop = rop == GFX_ROP_XOR ? GFX_ROP_COPY : GFX_ROP_XOR;
    }
    check(s);
}

TEST_F(Cosim, Glyphs)
{
    init_mem(7);
    std::vector<uint32_t> s = surface();
    uint64_t f = FONT;
    add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 0xFFFFFF, 0x000080, xy(2, 3), xy(8, 16), uint32_t(f), 0, 4});
    add(s, {GFX_OP_GLYPH | (GFX_ROP_COPY << 8) | GFX_GLYPH_TRANSPARENT, 0xFF0000, 0, xy(-5, 20), xy(50, 10),
            uint32_t(f + 64), 0, 8});
    add(s, {GFX_OP_GLYPH | (GFX_ROP_XOR << 8) | GFX_GLYPH_PATTERN, 0x00FF00, 0x0000FF, xy(10, 10), xy(40, 30),
            uint32_t(f + 256), 0, 4});
    add(s, {GFX_OP_CLIP, xy(20, 0), xy(60, 48)});
    add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, xy(0, 0), xy(100, 12), uint32_t(f), 0, 16}); // words skipped
    check(s);
}

TEST_F(Cosim, Errors)
{
    init_mem(8);
    // Drawing before any surface.
    check({GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(0, 0), xy(4, 4)});
    EXPECT_EQ(rtl.result().error, GFX_ERR_SURFACE);
}

TEST_F(Cosim, ErrorOpcode)
{
    init_mem(9);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | 0x10000u, 1, 2, 3});
    check(s);
    EXPECT_EQ(rtl.result().error, GFX_ERR_OPCODE);
}

TEST_F(Cosim, ErrorBusMidCommand)
{
    init_mem(10);
    // A surface running off the end of memory: the fill fails part way.
    std::vector<uint32_t> s = surface(MEM_BASE + MEM_SIZE - 20 * 256, 64, 40, 256);
    add(s, {GFX_OP_FILL | GFX_ROP_XOR << 8, 5, xy(0, 0), xy(64, 40)});
    check(s);
    EXPECT_EQ(rtl.result().error, GFX_ERR_BUS);
}

TEST_F(Cosim, ErrorBusCopyAndGlyph)
{
    init_mem(11);
    std::vector<uint32_t> s = surface(MEM_BASE + MEM_SIZE - 10 * 256, 64, 40, 256);
    add(s, {GFX_OP_COPY | GFX_ROP_COPY << 8, xy(0, 20), xy(0, 0), xy(8, 8)}); // source read fails
    check(s);
    EXPECT_EQ(rtl.result().error, GFX_ERR_BUS);
}

TEST_F(Cosim, ErrorBusGlyphSource)
{
    init_mem(12);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, xy(0, 0), xy(8, 8), 0x1000, 0, 4});
    check(s);
    EXPECT_EQ(rtl.result().error, GFX_ERR_BUS);
}

TEST_F(Cosim, ErrorArgAndSurface)
{
    init_mem(13);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, xy(0, 0), xy(8, 8), uint32_t(FONT + 2), 0, 4});
    check(s);
    EXPECT_EQ(rtl.result().error, GFX_ERR_ARG);
    EXPECT_EQ(rtl.result().error_word, uint32_t(GFX_OP_GLYPH | GFX_ROP_COPY << 8));
}

// CTRL.ABORT (cmd_abort) clears the error; drawing then goes on.
TEST_F(Cosim, AbortAfterError)
{
    init_mem(18);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 3, xy(0, 0), xy(8, 8)});
    s.push_back(0xFFu); // bad opcode
    check(s);
    ASSERT_EQ(rtl.result().error, GFX_ERR_OPCODE);
    // The model through its register; the RTL through its abort input.
    ASSERT_TRUE(gfx_mmio.write(&g, GFX_CTRL, 4, GFX_CTRL_ABORT));
    rtl.top->cmd_abort = 1;
    rtl.tick();
    rtl.top->cmd_abort = 0;
    EXPECT_EQ(rtl.top->error, 0u);
    check({GFX_OP_FILL | GFX_ROP_XOR << 8, 5, xy(4, 4), xy(8, 8), GFX_OP_FENCE, 9});
    EXPECT_EQ(rtl.result().fence, 9u);
}

TEST_F(Cosim, BadSurface)
{
    init_mem(14);
    check(surface(FB, 64, 48, 100)); // stride too small
    EXPECT_EQ(rtl.result().error, GFX_ERR_SURFACE);
}

TEST_F(Cosim, BackPressure)
{
    init_mem(15);
    set_waits(15, 40);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | GFX_ROP_XOR << 8, 0x00FF0000, xy(3, 4), xy(20, 7)});
    add(s, {GFX_OP_COPY | GFX_ROP_AND << 8, xy(0, 0), xy(5, 3), xy(30, 20)});
    add(s, {GFX_OP_LINE | GFX_ROP_COPY << 8, 9, xy(0, 0), xy(63, 47)});
    add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, xy(4, 4), xy(40, 9), uint32_t(FONT), 0, 8});
    add(s, {GFX_OP_FENCE, 7});
    check(s);
}

// The iCEBreaker self-test stream, read from the sequencer's ROM in
// rtl/boards/icebreaker/gfx_selftest.v, relocated from board address 0 to
// this memory, with the board's SPRAM timing (one wait state a read).
TEST_F(Cosim, BoardSelfTestScene)
{
    const char *path = std::getenv("GFX_SELFTEST_V");
    if (!path)
        GTEST_SKIP() << "GFX_SELFTEST_V not set";
    std::ifstream f(path);
    ASSERT_TRUE(f) << path;
    std::vector<uint32_t> s;
    std::regex re(R"((\d+): rom = 32'h([0-9A-Fa-f]{8});)");
    for (std::string line; std::getline(f, line);) {
        std::smatch m;
        if (std::regex_search(line, m, re)) {
            ASSERT_EQ(std::stoul(m[1]), s.size());
            s.push_back(uint32_t(std::stoul(m[2], nullptr, 16)));
        }
    }
    ASSERT_GT(s.size(), 100u);
    for (size_t i = 0; i < s.size(); i += gfx_cmd_len(s[i])) {
        unsigned op = s[i] & 0xFF;
        if (op == GFX_OP_SURFACE)
            s[i + 1] += uint32_t(MEM_BASE);
        if (op == GFX_OP_GLYPH)
            s[i + 5] += uint32_t(MEM_BASE);
    }
    init_mem(17);
    mmem.read_waits = rtl.mem.read_waits = 1;
    check(s);
    EXPECT_EQ(rtl.result().error, 0u);
    EXPECT_EQ(rtl.result().fence, 0x600Du);
    std::printf("self-test scene: %llu cycles, %llu pixels\n", (unsigned long long)rtl.result().cycles,
                (unsigned long long)rtl.result().pixels);
}

// ---- random command streams (cosim_stream.h) ----

TEST_F(Cosim, RandomStreams)
{
    for (uint32_t seed = 1; seed <= seeds(40); seed++) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        SetUp();
        mmem.writes.clear();
        mmem.accesses = 0;
        rtl.mem.writes.clear();
        rtl.mem.accesses = 0;
        rtl.top.reset(new Vgfx_core(context()));
        rtl.reset();
        init_mem(seed);
        set_waits(seed * 7, seed % 2 ? 30 : 0);
        mmem.next_wait = rtl.mem.next_wait = 0;
        Gen gen(seed);
        check(gen.stream(30, false));
        if (HasFatalFailure())
            return;
    }
}

TEST_F(Cosim, RandomStreamsWithErrors)
{
    for (uint32_t seed = 100; seed < 100 + seeds(61); seed++) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        SetUp();
        mmem.writes.clear();
        mmem.accesses = 0;
        rtl.mem.writes.clear();
        rtl.mem.accesses = 0;
        rtl.top.reset(new Vgfx_core(context()));
        rtl.reset();
        init_mem(seed);
        set_waits(seed * 7, seed % 3 ? 25 : 0);
        mmem.next_wait = rtl.mem.next_wait = 0;
        Gen gen(seed);
        check(gen.stream(25, true));
        if (HasFatalFailure())
            return;
    }
}

} // namespace
