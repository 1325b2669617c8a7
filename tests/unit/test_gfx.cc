// Graphics accelerator model: each command against an independent reference,
// clipping, overlapping copies, the documented cycle costs, the FIFO and ring
// front ends, and garbage streams.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

extern "C" {
#include "amber/hw.h"
#include "dev_gfx.h"
}

namespace {

constexpr uint64_t MEM_BASE = 0x80000000ull;
constexpr size_t MEM_SIZE = 1u << 20;
constexpr uint64_t FB = MEM_BASE + 0x10000;
constexpr int W = 64, H = 48, STRIDE = W * 4 + 16; // padding that must stay untouched

struct Write { uint64_t addr; uint32_t val; unsigned mask; };

struct GfxTest : ::testing::Test {
    std::vector<uint8_t> mem = std::vector<uint8_t>(MEM_SIZE);
    std::vector<Write> writes;
    uint64_t now = 0;
    struct gfx g;
    bool check_surface = true; // every write must fall inside the current surface

    static int rd(void *ctx, uint64_t a, uint32_t *v)
    {
        auto *t = static_cast<GfxTest *>(ctx);
        if (a < MEM_BASE || a + 4 > MEM_BASE + MEM_SIZE || (a & 3))
            return -1;
        std::memcpy(v, &t->mem[a - MEM_BASE], 4);
        return 0;
    }
    static int wr(void *ctx, uint64_t a, uint32_t v, unsigned mask)
    {
        auto *t = static_cast<GfxTest *>(ctx);
        if (a < MEM_BASE || a + 4 > MEM_BASE + MEM_SIZE || (a & 3))
            return -1;
        if (t->check_surface)
            t->expect_in_surface(a, mask);
        for (unsigned i = 0; i < 4; i++)
            if (mask & (1u << i))
                t->mem[a - MEM_BASE + i] = uint8_t(v >> (8 * i));
        t->writes.push_back({a, v, mask});
        return 0;
    }
    void expect_in_surface(uint64_t a, unsigned mask)
    {
        const gfx_surface &s = g.surf;
        ASSERT_TRUE(s.valid);
        unsigned first = 0;
        while (!(mask & (1u << first)))
            first++;
        uint64_t off = a + first - s.base;
        unsigned bpp = s.fmt == DISP_FMT_RGB565 ? 2 : 4;
        ASSERT_GE(a + first, s.base);
        ASSERT_LT(off / s.stride, uint64_t(s.h));
        ASSERT_LT(off % s.stride, uint64_t(s.w) * bpp);
    }

    void SetUp() override
    {
        std::fill(mem.begin(), mem.end(), 0);
        writes.clear();
        struct gfx_mem m = {this, rd, wr};
        gfx_init(&g, &m, &now);
    }
    uint32_t px(int x, int y) const
    {
        uint32_t v;
        std::memcpy(&v, &mem[FB - MEM_BASE + size_t(y) * STRIDE + size_t(x) * 4], 4);
        return v;
    }
    void set_px(int x, int y, uint32_t v) { std::memcpy(&mem[FB - MEM_BASE + size_t(y) * STRIDE + size_t(x) * 4], &v, 4); }
    uint64_t exec(std::vector<uint32_t> w) { return gfx_exec(&g, w.data(), w.size()); }
    static uint32_t xy(int x, int y) { return uint32_t(uint16_t(x)) | uint32_t(uint16_t(y)) << 16; }
    uint64_t surface(uint64_t base = FB, int w = W, int h = H, uint32_t stride = STRIDE, unsigned fmt = 0)
    {
        return exec({GFX_OP_SURFACE | fmt << 8, uint32_t(base), uint32_t(base >> 32), stride, xy(w, h)});
    }
    // Fill the surface with a pattern so copies have something to move.
    void pattern()
    {
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                set_px(x, y, uint32_t(y * 1000 + x));
    }
    uint64_t padding_hash() const
    {
        uint64_t h = 0;
        for (int y = 0; y < H; y++)
            for (int i = W * 4; i < STRIDE; i++)
                h = h * 31 + mem[FB - MEM_BASE + size_t(y) * STRIDE + i];
        return h;
    }
    uint64_t fb_hash() const
    {
        uint64_t h = 1469598103934665603ull; // FNV-1a over the visible pixels
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                h ^= px(x, y);
                h *= 1099511628211ull;
            }
        return h;
    }
};

TEST_F(GfxTest, CommandLengths)
{
    EXPECT_EQ(gfx_cmd_len(GFX_OP_NOP), 1u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_SURFACE), 5u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_CLIP), 3u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_FILL | GFX_ROP_XOR << 8), 4u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_COPY), 4u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_LINE), 4u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_TRI), 5u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_GLYPH | GFX_GLYPH_TRANSPARENT | GFX_GLYPH_PATTERN), 8u);
    EXPECT_EQ(gfx_cmd_len(GFX_OP_FENCE), 2u);
    EXPECT_EQ(gfx_cmd_len(0x09), 1u);           // unknown opcode
    EXPECT_EQ(gfx_cmd_len(GFX_OP_FILL | 1u << 12), 1u); // reserved bit
}

TEST_F(GfxTest, DrawingWithoutSurfaceIsAnError)
{
    exec({GFX_OP_FILL, 0xFF, xy(0, 0), xy(4, 4)});
    EXPECT_EQ(g.error, GFX_ERR_SURFACE);
    EXPECT_TRUE(writes.empty());
}

TEST_F(GfxTest, BadSurfaces)
{
    const uint32_t bad[][5] = {
        {GFX_OP_SURFACE | 2u << 8, uint32_t(FB), 0, STRIDE, xy(W, H)}, // format
        {GFX_OP_SURFACE, uint32_t(FB) + 2, 0, STRIDE, xy(W, H)},      // misaligned base
        {GFX_OP_SURFACE, uint32_t(FB), 0, STRIDE + 2, xy(W, H)},      // misaligned stride
        {GFX_OP_SURFACE, uint32_t(FB), 0, W * 4 - 4, xy(W, H)},       // stride too small
        {GFX_OP_SURFACE, uint32_t(FB), 0, STRIDE, xy(0, H)},          // empty
        {GFX_OP_SURFACE, uint32_t(FB), 0, 4 * 4097, xy(4097, 1)},     // too wide
    };
    for (auto &b : bad) {
        SetUp();
        gfx_exec(&g, b, 5);
        EXPECT_EQ(g.error, GFX_ERR_SURFACE);
        EXPECT_FALSE(g.surf.valid);
    }
}

TEST_F(GfxTest, FillMatchesReferenceAndCost)
{
    pattern();
    uint64_t pad = padding_hash();
    EXPECT_EQ(surface(), 5u + 1);
    uint64_t c = exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 0x00FF00FF, xy(10, 5), xy(20, 7)});
    EXPECT_EQ(c, 4u + 2 + 7 * (1 + 20));
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            bool in = x >= 10 && x < 30 && y >= 5 && y < 12;
            EXPECT_EQ(px(x, y), in ? 0x00FF00FFu : uint32_t(y * 1000 + x)) << x << "," << y;
        }
    EXPECT_EQ(padding_hash(), pad);
    EXPECT_EQ(g.pixels, 140u);
    EXPECT_EQ(g.error, 0u);
}

TEST_F(GfxTest, RasterOperations)
{
    const uint32_t s = 0xF0F0F0F0, d = 0xCCCCCCCC;
    const struct { unsigned rop; uint32_t want; } cases[] = {
        {0x0, 0}, {0x1, s & d}, {0x2, s & ~d}, {0x3, s}, {0x4, ~s & d}, {0x5, d},
        {0x6, s ^ d}, {0x7, s | d}, {0x8, ~(s | d)}, {0x9, ~(s ^ d)}, {0xA, ~d},
        {0xB, s | ~d}, {0xC, ~s}, {0xD, ~s | d}, {0xE, ~(s & d)}, {0xF, 0xFFFFFFFF},
    };
    surface();
    for (auto &k : cases) {
        set_px(3, 3, d);
        uint64_t c = exec({GFX_OP_FILL | k.rop << 8, s, xy(3, 3), xy(1, 1)});
        EXPECT_EQ(px(3, 3), k.want) << "rop " << k.rop;
        bool reads = k.rop != 0 && k.rop != 3 && k.rop != 0xC && k.rop != 0xF;
        EXPECT_EQ(c, 4u + 2 + 1 + 1 + (reads ? 1 : 0)) << "rop " << k.rop;
    }
}

TEST_F(GfxTest, ClippingToClipRectAndSurface)
{
    surface();
    exec({GFX_OP_CLIP, xy(5, 6), xy(40, 30)});
    // Partly left of and above the surface, partly outside the clip.
    uint64_t c = exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 7, xy(-100, -100), xy(200, 120)});
    EXPECT_EQ(c, 4u + 2 + 14 * (1 + 35)); // rows 6..19, columns 5..39
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            EXPECT_EQ(px(x, y), (x >= 5 && x < 40 && y >= 6 && y < 20) ? 7u : 0u);
    // A clip rectangle larger than the surface is cut to the surface.
    writes.clear();
    exec({GFX_OP_CLIP, xy(-30000, -30000), xy(30000, 30000)});
    exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 9, xy(0, 0), xy(65535, 65535)});
    EXPECT_EQ(writes.size(), size_t(W * H));
    // Empty and inverted clips draw nothing and cost only fetch and setup.
    writes.clear();
    exec({GFX_OP_CLIP, xy(20, 20), xy(10, 10)});
    EXPECT_EQ(exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(0, 0), xy(W, H)}), 6u);
    EXPECT_TRUE(writes.empty());
    // A new surface resets the clip.
    surface();
    exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(0, 0), xy(W, H)});
    EXPECT_EQ(writes.size(), size_t(W * H));
}

// Reference for COPY: every source pixel read before any destination write.
struct CopyCase { int sx, sy, dx, dy, w, h; };

TEST_F(GfxTest, OverlappingCopiesBehaveLikeMemmove)
{
    const CopyCase cases[] = {
        {0, 0, 5, 0, 30, 10},  {5, 0, 0, 0, 30, 10},   {0, 0, 0, 5, 30, 10},  {0, 5, 0, 0, 30, 10},
        {3, 4, 7, 9, 20, 20},  {7, 9, 3, 4, 20, 20},   {10, 3, 4, 11, 25, 25}, {4, 11, 10, 3, 25, 25},
        {0, 0, 1, 1, 64, 48},  {1, 1, 0, 0, 64, 48},   {-5, -5, 2, 2, 30, 30}, {50, 40, 0, 0, 30, 30},
        {0, 0, 60, 45, 30, 30}, {2, 2, 2, 2, 10, 10},
    };
    for (const auto &k : cases) {
        SetUp();
        pattern();
        surface();
        std::vector<uint32_t> before(W * H), want;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                before[y * W + x] = px(x, y);
        want = before;
        uint64_t n = 0;
        for (int y = 0; y < k.h; y++)
            for (int x = 0; x < k.w; x++) {
                int sx = k.sx + x, sy = k.sy + y, dx = k.dx + x, dy = k.dy + y;
                if (sx < 0 || sy < 0 || sx >= W || sy >= H || dx < 0 || dy < 0 || dx >= W || dy >= H)
                    continue;
                want[dy * W + dx] = before[sy * W + sx];
                n++;
            }
        writes.clear();
        uint64_t c = exec({GFX_OP_COPY | GFX_ROP_COPY << 8, xy(k.sx, k.sy), xy(k.dx, k.dy), xy(k.w, k.h)});
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                ASSERT_EQ(px(x, y), want[y * W + x]) << "case " << k.sx << "," << k.sy << "->" << k.dx << ","
                                                     << k.dy << " at " << x << "," << y;
        EXPECT_EQ(writes.size(), n);
        // Cost: fetch 4, setup 2, one per row, two per pixel.
        if (n) {
            uint64_t rows = 0;
            for (int y = 0; y < k.h; y++) {
                int sy = k.sy + y, dy = k.dy + y;
                rows += sy >= 0 && sy < H && dy >= 0 && dy < H;
            }
            EXPECT_EQ(c, 6 + rows + 2 * n);
        }
    }
}

TEST_F(GfxTest, CopyWithXorReadsDestination)
{
    pattern();
    surface();
    uint32_t a = px(1, 1), b = px(2, 1);
    uint64_t c = exec({GFX_OP_COPY | GFX_ROP_XOR << 8, xy(1, 1), xy(2, 1), xy(1, 1)});
    EXPECT_EQ(px(2, 1), a ^ b);
    EXPECT_EQ(c, 6u + 1 + 3);
}

TEST_F(GfxTest, LineEndpointsStepsAndClipping)
{
    surface();
    uint64_t c = exec({GFX_OP_LINE | GFX_ROP_COPY << 8, 5, xy(2, 3), xy(40, 20)});
    EXPECT_EQ(c, 6u + 39); // max(|dx|, |dy|) + 1 steps
    EXPECT_EQ(px(2, 3), 5u);
    EXPECT_EQ(px(40, 20), 5u);
    EXPECT_EQ(writes.size(), 39u);
    // Every column has exactly one pixel of an x-major line.
    for (int x = 2; x <= 40; x++) {
        int n = 0;
        for (int y = 0; y < H; y++)
            n += px(x, y) == 5;
        EXPECT_EQ(n, 1) << x;
    }
    // Steps outside the clip cost a cycle and write nothing.
    writes.clear();
    c = exec({GFX_OP_LINE | GFX_ROP_COPY << 8, 6, xy(-100, 10), xy(100, 10)});
    EXPECT_EQ(c, 6u + 201);
    EXPECT_EQ(writes.size(), size_t(W));
    // A point.
    writes.clear();
    EXPECT_EQ(exec({GFX_OP_LINE | GFX_ROP_COPY << 8, 7, xy(9, 9), xy(9, 9)}), 7u);
    EXPECT_EQ(writes.size(), 1u);
}

TEST_F(GfxTest, LineDrawingIsGolden)
{
    surface();
    for (int i = 0; i < 16; i++) { // a star through all octants
        int x = 32 + (i % 4 - 2) * 40, y = 24 + (i / 4 - 2) * 30;
        exec({GFX_OP_LINE | GFX_ROP_XOR << 8, uint32_t(0x010101 * (i + 1)), xy(32, 24), xy(x, y)});
    }
    EXPECT_EQ(g.error, 0u);
    if (getenv("GFX_ASCII"))
        for (int y = 0; y < H; y++, putchar('\n'))
            for (int x = 0; x < W; x++)
                putchar(px(x, y) ? '#' : '.');
    EXPECT_EQ(fb_hash(), 13714939719100049070ull);
}

TEST_F(GfxTest, TriangleCoverageAndSharedEdges)
{
    surface();
    // Interim's (triangle #ff00ff 50 50 100 50 100 100), moved into the surface.
    uint64_t c = exec({GFX_OP_TRI | GFX_ROP_COPY << 8, 0xFF00FF, xy(5, 5), xy(45, 5), xy(45, 45)});
    size_t n = writes.size();
    // 40x40 box: 780 pixels strictly below the diagonal plus the 40 on it or none.
    EXPECT_TRUE(n == 780 || n == 820) << n;
    EXPECT_EQ(c, 5u + 4 + 40 * (1 + 40));
    // A square split along either diagonal, drawn with XOR: every pixel exactly once.
    for (int diag = 0; diag < 2; diag++) {
        SetUp();
        surface();
        uint32_t a = xy(3, 4), b = xy(50, 4), cc = xy(50, 40), d = xy(3, 40);
        if (diag == 0) {
            exec({GFX_OP_TRI | GFX_ROP_XOR << 8, 1, a, b, cc});
            exec({GFX_OP_TRI | GFX_ROP_XOR << 8, 1, a, cc, d});
        } else {
            exec({GFX_OP_TRI | GFX_ROP_XOR << 8, 1, a, b, d});
            exec({GFX_OP_TRI | GFX_ROP_XOR << 8, 1, b, d, cc}); // clockwise: normalised
        }
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                ASSERT_EQ(px(x, y), (x >= 3 && x < 50 && y >= 4 && y < 40) ? 1u : 0u) << diag << " " << x << "," << y;
    }
}

TEST_F(GfxTest, TriangleFanCoversEachPixelOnce)
{
    surface();
    // A convex polygon around (32, 24) as a fan of XOR triangles with odd slopes.
    const int vx[] = {60, 50, 30, 8, 2, 15, 40, 58}, vy[] = {20, 42, 46, 40, 22, 3, 1, 8};
    for (int i = 0; i < 8; i++)
        exec({GFX_OP_TRI | GFX_ROP_XOR << 8, 1, xy(32, 24), xy(vx[i], vy[i]), xy(vx[(i + 1) % 8], vy[(i + 1) % 8])});
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            ASSERT_LE(px(x, y), 1u) << x << "," << y;
    EXPECT_EQ(px(32, 24), 1u);
    if (getenv("GFX_ASCII"))
        for (int y = 0; y < H; y++, putchar('\n'))
            for (int x = 0; x < W; x++)
                putchar(px(x, y) ? '#' : '.');
    EXPECT_EQ(fb_hash(), 18104342556344305378ull);
}

TEST_F(GfxTest, DegenerateTriangleDrawsNothing)
{
    surface();
    EXPECT_EQ(exec({GFX_OP_TRI, 1, xy(1, 1), xy(10, 10), xy(20, 20)}), 9u);
    EXPECT_TRUE(writes.empty());
}

TEST_F(GfxTest, GlyphExpansion)
{
    surface();
    // An 8x4 glyph whose rows are 0x81, 0x42, 0x24, 0x18, stored one word a row.
    const uint64_t src = MEM_BASE + 0x100;
    const uint8_t rows[4] = {0x81, 0x42, 0x24, 0x18};
    for (int r = 0; r < 4; r++)
        mem[src - MEM_BASE + 4 * r] = rows[r];
    uint64_t c = exec({GFX_OP_GLYPH | GFX_ROP_COPY << 8, 0xAA, 0xBB, xy(10, 10), xy(8, 4),
                       uint32_t(src), uint32_t(src >> 32), 4});
    EXPECT_EQ(c, 8u + 2 + 4 * (1 + 1 + 8));
    for (int r = 0; r < 4; r++)
        for (int i = 0; i < 8; i++)
            EXPECT_EQ(px(10 + i, 10 + r), (rows[r] >> (7 - i)) & 1 ? 0xAAu : 0xBBu);
    // Transparent: background pixels keep their value and are not written.
    writes.clear();
    exec({GFX_OP_GLYPH | GFX_ROP_COPY << 8 | GFX_GLYPH_TRANSPARENT, 0xCC, 0xBB, xy(10, 10), xy(8, 4),
          uint32_t(src), uint32_t(src >> 32), 4});
    EXPECT_EQ(writes.size(), 8u);
    EXPECT_EQ(px(10, 10), 0xCCu);
    EXPECT_EQ(px(11, 10), 0xBBu);
    // Clipped at the left edge: the source is read from the right column on.
    SetUp();
    for (int r = 0; r < 4; r++)
        mem[src - MEM_BASE + 4 * r] = rows[r];
    surface();
    exec({GFX_OP_GLYPH | GFX_ROP_COPY << 8, 0xAA, 0xBB, xy(-4, 0), xy(8, 4), uint32_t(src), uint32_t(src >> 32), 4});
    for (int r = 0; r < 4; r++)
        for (int i = 4; i < 8; i++)
            EXPECT_EQ(px(i - 4, r), (rows[r] >> (7 - i)) & 1 ? 0xAAu : 0xBBu);
}

TEST_F(GfxTest, GlyphWideRowsAndPattern)
{
    surface();
    const uint64_t src = MEM_BASE + 0x200;
    // 40-pixel row: word 0 all ones, word 1 byte 0 = 0xF0.
    uint32_t w0 = 0xFFFFFFFF, w1 = 0xF0;
    std::memcpy(&mem[src - MEM_BASE], &w0, 4);
    std::memcpy(&mem[src - MEM_BASE + 4], &w1, 4);
    uint64_t c = exec({GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, xy(0, 0), xy(40, 1), uint32_t(src), 0, 8});
    EXPECT_EQ(c, 10u + 1 + 2 + 40);
    for (int i = 0; i < 40; i++)
        EXPECT_EQ(px(i, 0), i < 36 ? 1u : 2u) << i;
    // Pattern: 8 rows of one word, tiled from the command's origin.
    for (int r = 0; r < 8; r++) {
        uint32_t v = r % 2 ? 0xAAAAAAAA : 0x55555555;
        std::memcpy(&mem[src - MEM_BASE + 4 * r], &v, 4);
    }
    exec({GFX_OP_GLYPH | GFX_ROP_COPY << 8 | GFX_GLYPH_PATTERN, 1, 0, xy(0, 2), xy(W, 20), uint32_t(src), 0, 4});
    for (int y = 2; y < 22; y++)
        for (int x = 0; x < W; x++)
            ASSERT_EQ(px(x, y), uint32_t(((x + y - 2) % 2) == 1)) << x << "," << y;
}

TEST_F(GfxTest, GlyphMisalignedSourceIsAnError)
{
    surface();
    exec({GFX_OP_GLYPH, 1, 2, 0, xy(8, 8), uint32_t(MEM_BASE + 2), 0, 4});
    EXPECT_EQ(g.error, GFX_ERR_ARG);
    EXPECT_TRUE(writes.empty());
}

TEST_F(GfxTest, Rgb565Surface)
{
    surface(FB, 10, 4, 20, DISP_FMT_RGB565);
    exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 0x1234F800, xy(3, 1), xy(2, 1)});
    ASSERT_EQ(writes.size(), 2u);
    EXPECT_EQ(writes[0].addr, FB + 20 + 4);
    EXPECT_EQ(writes[0].mask, 0xCu);
    EXPECT_EQ(writes[0].val, 0xF8000000u);
    EXPECT_EQ(writes[1].addr, FB + 20 + 8);
    EXPECT_EQ(writes[1].mask, 0x3u);
    uint16_t v;
    std::memcpy(&v, &mem[FB - MEM_BASE + 20 + 6], 2);
    EXPECT_EQ(v, 0xF800);
    std::memcpy(&v, &mem[FB - MEM_BASE + 20 + 10], 2);
    EXPECT_EQ(v, 0);
}

TEST_F(GfxTest, BusErrorStopsTheCommand)
{
    check_surface = false;
    surface(MEM_BASE + MEM_SIZE - 64 * 4, 64, 4, 256); // only the first row is memory
    exec({GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(0, 0), xy(64, 4)});
    EXPECT_EQ(g.error, GFX_ERR_BUS);
    EXPECT_EQ(writes.size(), 64u);
    EXPECT_EQ(g.error_word, uint32_t(GFX_OP_FILL | GFX_ROP_COPY << 8));
    // Nothing runs until an abort.
    exec({GFX_OP_NOP});
    EXPECT_EQ(g.error, GFX_ERR_BUS);
}

TEST_F(GfxTest, TruncatedAndUnknownCommands)
{
    surface();
    uint32_t w[] = {GFX_OP_FILL, 1, 2};
    gfx_exec(&g, w, 3);
    EXPECT_EQ(g.error, GFX_ERR_TRUNCATED);
    SetUp();
    exec({0x42});
    EXPECT_EQ(g.error, GFX_ERR_OPCODE);
    EXPECT_EQ(g.error_word, 0x42u);
    EXPECT_EQ(g.irq_status & GFX_IRQ_ERROR, uint32_t(GFX_IRQ_ERROR));
}

// ---- the register interface and timing ----

struct GfxRegs : GfxTest {
    void w32(unsigned off, uint32_t v) { ASSERT_TRUE(gfx_mmio.write(&g, off, 4, v)); }
    uint32_t r32(unsigned off)
    {
        uint64_t v = 0;
        EXPECT_TRUE(gfx_mmio.read(&g, off, 4, &v));
        return uint32_t(v);
    }
    void push(std::vector<uint32_t> w)
    {
        for (uint32_t x : w)
            w32(GFX_FIFO, x);
    }
};

TEST_F(GfxRegs, IdentityAndAccessSizes)
{
    EXPECT_EQ(r32(DEV_ID), DEVID_GFX);
    EXPECT_EQ(r32(DEV_VERSION), 1u);
    EXPECT_EQ(r32(GFX_FIFO_FREE), GFX_FIFO_DEPTH);
    uint64_t v;
    EXPECT_FALSE(gfx_mmio.read(&g, GFX_STATUS, 1, &v));
    EXPECT_FALSE(gfx_mmio.write(&g, GFX_FIFO, 2, 0));
}

TEST_F(GfxRegs, FifoCommandsRunInSimulatedTime)
{
    now = 1000;
    push({GFX_OP_SURFACE, uint32_t(FB), uint32_t(FB >> 32), STRIDE, xy(W, H)});
    // SURFACE ran at once (6 cycles); the fill starts at 1006 and takes 4+2+10*(1+10).
    push({GFX_OP_FILL | GFX_ROP_COPY << 8, 3, xy(0, 0), xy(10, 10)});
    push({GFX_OP_FENCE, 77});
    EXPECT_EQ(r32(GFX_STATUS) & GFX_STATUS_BUSY, uint32_t(GFX_STATUS_BUSY));
    EXPECT_EQ(r32(GFX_FENCE), 0u);
    EXPECT_EQ(r32(GFX_FIFO_FREE), GFX_FIFO_DEPTH - 6); // the fill and the fence wait
    EXPECT_EQ(gfx_next_event(&g), 1006u);
    now = 1006;
    EXPECT_EQ(r32(GFX_FIFO_FREE), GFX_FIFO_DEPTH - 2);
    EXPECT_EQ(r32(GFX_FENCE), 0u);
    EXPECT_EQ(gfx_next_event(&g), 1006u + 116);
    now = 1006 + 116;
    EXPECT_EQ(r32(GFX_FENCE), 77u);
    EXPECT_EQ(r32(GFX_IRQ_STATUS), uint32_t(GFX_IRQ_FENCE));
    EXPECT_FALSE(gfx_irq(&g));
    w32(GFX_IRQ_ENABLE, GFX_IRQ_FENCE);
    EXPECT_TRUE(gfx_irq(&g));
    w32(GFX_IRQ_STATUS, GFX_IRQ_FENCE);
    EXPECT_FALSE(gfx_irq(&g));
    now += 3;
    EXPECT_EQ(r32(GFX_STATUS), 0u);
    EXPECT_EQ(r32(GFX_CYCLES), 6u + 116 + 3);
    EXPECT_EQ(px(9, 9), 3u);
}

TEST_F(GfxRegs, PartialCommandWaitsAndOverflowIsAnError)
{
    push({GFX_OP_SURFACE, uint32_t(FB)});
    EXPECT_EQ(r32(GFX_STATUS) & GFX_STATUS_PARTIAL, uint32_t(GFX_STATUS_PARTIAL));
    EXPECT_EQ(gfx_next_event(&g), UINT64_MAX);
    push({uint32_t(FB >> 32), STRIDE, xy(W, H)});
    EXPECT_TRUE(g.surf.valid);
    // Fill the FIFO behind a long command, then one word more.
    push({GFX_OP_FILL | GFX_ROP_COPY << 8, 1, xy(0, 0), xy(W, H)});
    for (unsigned i = 0; i < GFX_FIFO_DEPTH - 4; i++) // the fill waits behind SURFACE
        w32(GFX_FIFO, GFX_OP_NOP);
    EXPECT_EQ(r32(GFX_FIFO_FREE), 0u);
    EXPECT_EQ(r32(GFX_ERROR), 0u);
    w32(GFX_FIFO, GFX_OP_NOP);
    EXPECT_EQ(r32(GFX_ERROR), GFX_ERR_OVERFLOW);
    w32(GFX_CTRL, GFX_CTRL_ABORT);
    EXPECT_EQ(r32(GFX_ERROR), 0u);
    EXPECT_EQ(r32(GFX_FIFO_FREE), GFX_FIFO_DEPTH);
}

TEST_F(GfxRegs, RingBuffer)
{
    const uint64_t ring = MEM_BASE + 0x1000;
    std::vector<uint32_t> cmds = {GFX_OP_SURFACE, uint32_t(FB), uint32_t(FB >> 32), STRIDE, xy(W, H),
                                  GFX_OP_FILL | GFX_ROP_COPY << 8, 4, xy(1, 1), xy(2, 2), GFX_OP_FENCE, 5};
    // Start near the end so the commands wrap around.
    w32(GFX_RING_BASE, uint32_t(ring));
    w32(GFX_RING_BASE + 4, uint32_t(ring >> 32));
    w32(GFX_RING_SIZE, 64);
    g.ring_head = g.ring_tail = 40;
    for (size_t i = 0; i < cmds.size(); i++)
        std::memcpy(&mem[ring - MEM_BASE + (40 + 4 * i) % 64], &cmds[i], 4);
    w32(GFX_CTRL, GFX_CTRL_RING);
    w32(GFX_RING_TAIL, (40 + 4 * cmds.size()) % 64);
    now = 1000000;
    EXPECT_EQ(r32(GFX_FENCE), 5u);
    EXPECT_EQ(r32(GFX_RING_HEAD), r32(GFX_RING_TAIL));
    EXPECT_EQ(px(2, 2), 4u);
    EXPECT_EQ(r32(GFX_ERROR), 0u);
}

TEST_F(GfxRegs, RingTruncationAndBadConfig)
{
    const uint64_t ring = MEM_BASE + 0x1000;
    w32(GFX_RING_BASE, uint32_t(ring));
    w32(GFX_RING_BASE + 4, uint32_t(ring >> 32));
    w32(GFX_RING_SIZE, 64);
    uint32_t fill = GFX_OP_FILL;
    std::memcpy(&mem[ring - MEM_BASE], &fill, 4);
    w32(GFX_CTRL, GFX_CTRL_RING);
    w32(GFX_RING_TAIL, 8); // two words of a four-word command
    EXPECT_EQ(r32(GFX_ERROR), GFX_ERR_TRUNCATED);
    EXPECT_EQ(r32(GFX_RING_HEAD), 8u);
    w32(GFX_CTRL, GFX_CTRL_ABORT | GFX_CTRL_RING);
    w32(GFX_RING_TAIL, 66);
    EXPECT_EQ(r32(GFX_ERROR), GFX_ERR_RING);
    w32(GFX_CTRL, GFX_CTRL_ABORT);
    w32(GFX_RING_SIZE, 100); // not a power of two
    w32(GFX_CTRL, GFX_CTRL_RING);
    EXPECT_EQ(r32(GFX_ERROR), GFX_ERR_RING);
}

// Garbage streams: no crash, no write outside the surface, bounded work.
TEST_F(GfxTest, RandomCommandStreams)
{
    std::mt19937 rng(12345);
    for (int round = 0; round < 300; round++) {
        SetUp();
        surface(FB, W, H, STRIDE);
        std::vector<uint32_t> w(200);
        for (auto &x : w) {
            uint32_t r = rng();
            switch (r % 4) {
            case 0: x = r >> 8 & 0x3F0F; break;                      // plausible headers
            case 1: x = uint32_t((r >> 8) % 9) | (r & 0xF00); break; // valid opcodes
            case 2: x = xy(int(rng() % 200) - 70, int(rng() % 200) - 70); break;
            default: x = rng(); break;
            }
        }
        gfx_exec(&g, w.data(), w.size()); // the write callback checks every address
        ASSERT_FALSE(HasFatalFailure());
    }
}

} // namespace
