/* Draws a test scene through the graphics accelerator on a 640x480 display,
 * then measures accelerator and CPU drawing speed and prints the figures.
 * The screendump of the scene is checked against a golden hash
 * (tests/gfx/meson.build). */
#include "gfx_guest.h"

#define FB0 0x84000000ull
#define FB1 0x84200000ull /* scratch buffer for the CPU timing runs */
#define WIDTH 640
#define HEIGHT 480
#define STRIDE (WIDTH * 4)

/* An 8x8 font for the letters the scene writes, MSB = leftmost pixel. */
static const uint32_t font[][8] __attribute__((aligned(4))) = {
    {0x18, 0x3C, 0x66, 0x66, 0x7E, 0x66, 0x66, 0x00}, /* A */
    {0x63, 0x77, 0x7F, 0x6B, 0x63, 0x63, 0x63, 0x00}, /* M */
    {0x7C, 0x66, 0x66, 0x7C, 0x66, 0x66, 0x7C, 0x00}, /* B */
    {0x7E, 0x60, 0x60, 0x7C, 0x60, 0x60, 0x7E, 0x00}, /* E */
    {0x7C, 0x66, 0x66, 0x7C, 0x78, 0x6C, 0x66, 0x00}, /* R */
};
static const uint32_t checker[8] __attribute__((aligned(4))) = {
    0xAAAAAAAA, 0x55555555, 0xAAAAAAAA, 0x55555555, 0xAAAAAAAA, 0x55555555, 0xAAAAAAAA, 0x55555555,
};

static void surface(uint64_t base)
{
    CMD(GFX_OP_SURFACE | DISP_FMT_XRGB8888 << 8, (uint32_t)base, (uint32_t)(base >> 32), STRIDE,
        XY(WIDTH, HEIGHT));
}

static void fill(uint32_t rop, uint32_t c, int x, int y, int w, int h)
{
    CMD(GFX_OP_FILL | rop << 8, c, XY(x, y), XY(w, h));
}

static void glyph(int ch, int x, int y, uint32_t fg, uint32_t bg, uint32_t flags)
{
    uint64_t src = (uintptr_t)font[ch];
    CMD(GFX_OP_GLYPH | GFX_ROP_COPY << 8 | flags, fg, bg, XY(x, y), XY(8, 8),
        (uint32_t)src, (uint32_t)(src >> 32), 4);
}

static void scene(void)
{
    surface(FB0);
    fill(GFX_ROP_COPY, 0x202040, 0, 0, WIDTH, HEIGHT);
    fill(GFX_ROP_COPY, 0xC04020, 20, 20, 200, 120);
    fill(GFX_ROP_XOR, 0x00FFFF, 120, 80, 200, 120);       /* overlapping XOR */
    /* Interim's (triangle #ff00ff 50 50 100 50 100 100), scaled by 3. */
    CMD(GFX_OP_TRI | GFX_ROP_COPY << 8, 0xFF00FF, XY(150, 150), XY(300, 150), XY(300, 300));
    for (int i = 0; i < 32; i++) /* a fan of lines through every octant */
        CMD(GFX_OP_LINE | GFX_ROP_COPY << 8, 0x010101 * (uint32_t)(i * 8), XY(480, 120),
            XY(480 + (i % 8 - 4) * 40, 120 + (i / 8 - 2) * 60));
    static const int word[] = {0, 1, 2, 3, 4}; /* AMBER */
    for (int i = 0; i < 5; i++)
        glyph(word[i], 40 + 10 * i, 400, 0xFFFFFF, 0x000080, 0);
    for (int i = 0; i < 5; i++)
        glyph(word[i], 40 + 10 * i, 420, 0xFFFF00, 0, GFX_GLYPH_TRANSPARENT);
    uint64_t pat = (uintptr_t)checker;
    CMD(GFX_OP_GLYPH | GFX_ROP_COPY << 8 | GFX_GLYPH_PATTERN, 0xFFFFFF, 0x404040, XY(400, 330),
        XY(200, 100), (uint32_t)pat, (uint32_t)(pat >> 32), 4);
    /* Overlapping copies: a block shifted right-down, then left-up. */
    CMD(GFX_OP_COPY | GFX_ROP_COPY << 8, XY(20, 20), XY(30, 230), XY(120, 100));
    CMD(GFX_OP_COPY | GFX_ROP_COPY << 8, XY(30, 230), XY(25, 225), XY(120, 100));
    /* Clipped: a fill and a line running off every edge, inside a clip. */
    CMD(GFX_OP_CLIP, XY(330, 250), XY(390, 470));
    fill(GFX_ROP_COPY, 0x80FF80, -100, -100, 1000, 1000);
    CMD(GFX_OP_LINE | GFX_ROP_COPY << 8, 0xFF0000, XY(-50, -50), XY(700, 700));
    CMD(GFX_OP_CLIP, XY(0, 0), XY(WIDTH, HEIGHT));
    gfx_wait_idle();
}

static void show(void)
{
    REG32(AMBER_DISPLAY_BASE, DISP_MODE) = WIDTH | HEIGHT << 16;
    REG32(AMBER_DISPLAY_BASE, DISP_FORMAT) = DISP_FMT_XRGB8888;
    REG32(AMBER_DISPLAY_BASE, DISP_STRIDE) = STRIDE;
    REG64(AMBER_DISPLAY_BASE, DISP_FB_BASE) = FB0;
    REG32(AMBER_DISPLAY_BASE, DISP_CTRL) = DISP_CTRL_ENABLE;
    CHECK(REG32(AMBER_DISPLAY_BASE, DISP_STATUS) == 0);
}

/* ---- timing: the same drawing by the accelerator and by the CPU ---- */

static void report(const char *what, uint64_t pixels, uint64_t gfx_cycles, uint64_t cpu_cycles)
{
    rt_puts(what);
    rt_puts(": pixels ");
    rt_putdec((int64_t)pixels);
    rt_puts(" accel-cycles ");
    rt_putdec((int64_t)gfx_cycles);
    rt_puts(" cpu-cycles ");
    rt_putdec((int64_t)cpu_cycles);
    rt_puts(" accel-px-per-kcycle ");
    rt_putdec((int64_t)(pixels * 1000 / gfx_cycles));
    rt_puts(" cpu-px-per-kcycle ");
    rt_putdec((int64_t)(pixels * 1000 / cpu_cycles));
    rt_putc('\n');
}

static uint64_t accel(void (*draw)(void))
{
    uint64_t c0 = REG64(AMBER_GFX_BASE, GFX_CYCLES);
    draw();
    gfx_wait_idle();
    return REG64(AMBER_GFX_BASE, GFX_CYCLES) - c0;
}

static void accel_fill(void) { fill(GFX_ROP_COPY, 0x123456, 0, 0, 256, 256); }
static void accel_copy(void) { CMD(GFX_OP_COPY | GFX_ROP_COPY << 8, XY(0, 0), XY(300, 200), XY(256, 256)); }
static void accel_text(void)
{
    for (int i = 0; i < 1024; i++)
        glyph(i % 5, (i % 64) * 8, (i / 64) * 8, 0xFFFFFF, 0, 0);
}

static void cpu_fill(void)
{
    for (int y = 0; y < 256; y++) {
        volatile uint64_t *p = (uint64_t *)(uintptr_t)(FB1 + (uint64_t)y * STRIDE);
        for (int x = 0; x < 128; x++)
            p[x] = 0x0012345600123456ull;
    }
}

static void cpu_copy(void)
{
    for (int y = 255; y >= 0; y--) {
        volatile uint64_t *s = (uint64_t *)(uintptr_t)(FB1 + (uint64_t)y * STRIDE);
        volatile uint64_t *d = (uint64_t *)(uintptr_t)(FB1 + (uint64_t)(y + 200) * STRIDE + 1200);
        for (int x = 0; x < 128; x++)
            d[x] = s[x];
    }
}

static void cpu_text(void)
{
    for (int i = 0; i < 1024; i++) {
        const uint32_t *g = font[i % 5];
        for (int r = 0; r < 8; r++) {
            volatile uint32_t *d = (uint32_t *)(uintptr_t)(FB1 + (uint64_t)((i / 64) * 8 + r) * STRIDE +
                                                          (uint64_t)(i % 64) * 32);
            uint32_t bits = g[r];
            for (int c = 0; c < 8; c++)
                d[c] = (bits >> (7 - c)) & 1 ? 0xFFFFFF : 0;
        }
    }
}

static uint64_t cpu(void (*draw)(void))
{
    uint64_t c0 = csr_read(mcycle);
    draw();
    return csr_read(mcycle) - c0;
}

int main(void)
{
    CHECK(REG32(AMBER_DEVTABLE_BASE, DEVTABLE_MAGIC) == DEVID_TABLE);
    CHECK(REG32(AMBER_GFX_BASE, DEV_ID) == DEVID_GFX);
    scene();
    show();
    /* Timing runs draw into a second buffer, so the scene stays on screen. */
    surface(FB1);
    report("fill 256x256", 65536, accel(accel_fill), cpu(cpu_fill));
    report("copy 256x256", 65536, accel(accel_copy), cpu(cpu_copy));
    report("glyph 1024 8x8", 65536, accel(accel_text), cpu(cpu_text));
    CHECK(REG32(AMBER_GFX_BASE, GFX_ERROR) == 0);
    rt_puts("scene: pass\n");
    return 0;
}
