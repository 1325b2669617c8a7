/* Graphics accelerator model. docs/devices.md is the specification; the
 * comments here only say how the code maps onto it.
 *
 * Timing: a command executes whole at the cycle it starts (its memory
 * accesses are made then, in the documented order) and keeps the unit busy
 * for its cost; the next command starts when that ends. The guest cannot tell
 * the difference, because it may only look at the pixels after a fence. */
#include <string.h>

#include "dev_gfx.h"

/* Setup cycles per opcode, after the one cycle per command word fetched. */
static const uint8_t setup_cost[] = {
    [GFX_OP_NOP] = 0, [GFX_OP_SURFACE] = 1, [GFX_OP_CLIP] = 1, [GFX_OP_FILL] = 2,
    [GFX_OP_COPY] = 2, [GFX_OP_LINE] = 2, [GFX_OP_TRI] = 4, [GFX_OP_GLYPH] = 2,
    [GFX_OP_FENCE] = 1,
};
static const uint8_t cmd_words[] = {
    [GFX_OP_NOP] = 1, [GFX_OP_SURFACE] = 5, [GFX_OP_CLIP] = 3, [GFX_OP_FILL] = 4,
    [GFX_OP_COPY] = 4, [GFX_OP_LINE] = 4, [GFX_OP_TRI] = 5, [GFX_OP_GLYPH] = 8,
    [GFX_OP_FENCE] = 2,
};
/* Header bits 31:8 each opcode may set; any other bit is an opcode error. */
static const uint32_t arg_bits[] = {
    [GFX_OP_NOP] = 0, [GFX_OP_SURFACE] = 0xFF00, [GFX_OP_CLIP] = 0, [GFX_OP_FILL] = 0xF00,
    [GFX_OP_COPY] = 0xF00, [GFX_OP_LINE] = 0xF00, [GFX_OP_TRI] = 0xF00,
    [GFX_OP_GLYPH] = 0x3F00, [GFX_OP_FENCE] = 0,
};
#define NOPS (sizeof cmd_words / sizeof cmd_words[0])

static bool header_valid(uint32_t h)
{
    unsigned op = h & 0xFF;
    return op < NOPS && !(h & 0xFFFFFF00u & ~arg_bits[op]);
}

unsigned gfx_cmd_len(uint32_t h)
{
    return header_valid(h) ? cmd_words[h & 0xFF] : 1;
}

static void fail(struct gfx *g, uint32_t code, uint32_t header)
{
    if (g->error)
        return;
    g->error = code;
    g->error_word = header;
    g->irq_status |= GFX_IRQ_ERROR;
}

/* ---- memory port: every access adds its wait states to the cost ---- */

static bool mem_read(struct gfx *g, uint64_t addr, uint32_t *val, uint32_t header)
{
    int w = g->mem.read(g->mem.ctx, addr, val);
    if (w < 0) {
        fail(g, GFX_ERR_BUS, header);
        return false;
    }
    g->cost += (unsigned)w;
    return true;
}

static bool mem_write(struct gfx *g, uint64_t addr, uint32_t val, unsigned mask, uint32_t header)
{
    int w = g->mem.write(g->mem.ctx, addr, val, mask);
    if (w < 0) {
        fail(g, GFX_ERR_BUS, header);
        return false;
    }
    g->cost += (unsigned)w;
    return true;
}

/* ---- pixels ---- */

static uint32_t rop_apply(unsigned rop, uint32_t s, uint32_t d)
{
    uint32_t r = 0;
    if (rop & 8) r |= ~s & ~d;
    if (rop & 4) r |= ~s & d;
    if (rop & 2) r |= s & ~d;
    if (rop & 1) r |= s & d;
    return r;
}

static bool rop_reads_dst(unsigned rop)
{
    return rop != GFX_ROP_CLEAR && rop != GFX_ROP_COPY && rop != 0xC && rop != GFX_ROP_SET;
}

static uint64_t px_addr(const struct gfx *g, int32_t x, int32_t y)
{
    unsigned bpp = g->surf.fmt == DISP_FMT_RGB565 ? 2 : 4;
    return g->surf.base + (uint64_t)y * g->surf.stride + (uint64_t)x * bpp;
}

static bool px_read(struct gfx *g, int32_t x, int32_t y, uint32_t *v, uint32_t header)
{
    uint64_t a = px_addr(g, x, y);
    uint32_t w;
    if (!mem_read(g, a & ~3ull, &w, header))
        return false;
    *v = g->surf.fmt == DISP_FMT_RGB565 ? (w >> (8 * (a & 2))) & 0xFFFF : w;
    return true;
}

/* Write source s at (x, y), which the caller has clipped, through the rop:
 * one cycle more and a read first when the rop depends on the destination. */
static bool px_plot(struct gfx *g, int32_t x, int32_t y, uint32_t s, unsigned rop, uint32_t header)
{
    uint32_t d = 0;
    if (rop_reads_dst(rop)) {
        if (!px_read(g, x, y, &d, header))
            return false;
        g->cost++;
    }
    uint32_t v = rop_apply(rop, s, d);
    uint64_t a = px_addr(g, x, y);
    g->pixels++;
    if (g->surf.fmt == DISP_FMT_RGB565) {
        unsigned sh = 8 * (a & 2);
        return mem_write(g, a & ~3ull, (v & 0xFFFF) << sh, (a & 2) ? 0xC : 0x3, header);
    }
    return mem_write(g, a, v, 0xF, header);
}

/* ---- clipping ---- */

struct rect { int32_t x0, y0, x1, y1; }; /* [x0, x1) x [y0, y1) */

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

/* The clip rectangle intersected with the surface. */
static struct rect clip_rect(const struct gfx *g)
{
    return (struct rect){
        max32(g->clip_x0, 0), max32(g->clip_y0, 0),
        min32(g->clip_x1, g->surf.w), min32(g->clip_y1, g->surf.h),
    };
}

static struct rect intersect(struct rect a, struct rect b)
{
    return (struct rect){ max32(a.x0, b.x0), max32(a.y0, b.y0), min32(a.x1, b.x1), min32(a.y1, b.y1) };
}

static bool rect_empty(struct rect r)
{
    return r.x0 >= r.x1 || r.y0 >= r.y1;
}

/* Packed coordinates: x in bits 15:0, y in 31:16, signed or not. */
static int32_t lo_s(uint32_t w) { return (int16_t)(w & 0xFFFF); }
static int32_t hi_s(uint32_t w) { return (int16_t)(w >> 16); }
static int32_t lo_u(uint32_t w) { return (int32_t)(w & 0xFFFF); }
static int32_t hi_u(uint32_t w) { return (int32_t)(w >> 16); }

/* ---- commands ---- */

static void op_surface(struct gfx *g, const uint32_t *w)
{
    unsigned fmt = (w[0] >> 8) & 0xFF;
    uint64_t base = w[1] | (uint64_t)w[2] << 32;
    uint32_t stride = w[3];
    int32_t width = lo_u(w[4]), height = hi_u(w[4]);
    unsigned bpp = fmt == DISP_FMT_RGB565 ? 2 : 4;
    g->surf.valid = false;
    if (fmt > DISP_FMT_RGB565 || (base & 3) || (stride & 3) || width == 0 || height == 0 ||
        width > (int32_t)GFX_SURFACE_MAX || height > (int32_t)GFX_SURFACE_MAX ||
        stride < (uint32_t)width * bpp) {
        fail(g, GFX_ERR_SURFACE, w[0]);
        return;
    }
    g->surf = (struct gfx_surface){ base, stride, width, height, fmt, true };
    g->clip_x0 = g->clip_y0 = 0;
    g->clip_x1 = width;
    g->clip_y1 = height;
}

static void op_fill(struct gfx *g, const uint32_t *w)
{
    unsigned rop = (w[0] >> 8) & 0xF;
    int32_t x = lo_s(w[2]), y = hi_s(w[2]);
    struct rect r = intersect(clip_rect(g), (struct rect){ x, y, x + lo_u(w[3]), y + hi_u(w[3]) });
    if (rect_empty(r))
        return;
    for (int32_t py = r.y0; py < r.y1; py++) {
        g->cost++; /* row start */
        for (int32_t px = r.x0; px < r.x1; px++) {
            g->cost++;
            if (!px_plot(g, px, py, w[1], rop, w[0]))
                return;
        }
    }
}

/* memmove semantics: rows run away from the source when it lies above the
 * destination, columns likewise within one row. */
static void op_copy(struct gfx *g, const uint32_t *w)
{
    unsigned rop = (w[0] >> 8) & 0xF;
    int32_t sx = lo_s(w[1]), sy = hi_s(w[1]), dx = lo_s(w[2]), dy = hi_s(w[2]);
    int32_t ox = sx - dx, oy = sy - dy;
    struct rect r = intersect(clip_rect(g), (struct rect){ dx, dy, dx + lo_u(w[3]), dy + hi_u(w[3]) });
    r = intersect(r, (struct rect){ -ox, -oy, g->surf.w - ox, g->surf.h - oy });
    if (rect_empty(r))
        return;
    bool up = oy < 0, left = oy == 0 && ox < 0;
    for (int32_t i = 0; i < r.y1 - r.y0; i++) {
        int32_t py = up ? r.y1 - 1 - i : r.y0 + i;
        g->cost++;
        for (int32_t j = 0; j < r.x1 - r.x0; j++) {
            int32_t px = left ? r.x1 - 1 - j : r.x0 + j;
            uint32_t s;
            g->cost += 2;
            if (!px_read(g, px + ox, py + oy, &s, w[0]) || !px_plot(g, px, py, s, rop, w[0]))
                return;
        }
    }
}

static bool inside(struct rect r, int32_t x, int32_t y)
{
    return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
}

/* Bresenham over all octants, both end points included; one cycle a step
 * whether or not the point is clipped. */
static void op_line(struct gfx *g, const uint32_t *w)
{
    unsigned rop = (w[0] >> 8) & 0xF;
    int32_t x0 = lo_s(w[2]), y0 = hi_s(w[2]), x1 = lo_s(w[3]), y1 = hi_s(w[3]);
    int32_t dx = x1 > x0 ? x1 - x0 : x0 - x1, sx = x0 < x1 ? 1 : -1;
    int32_t dy = y1 > y0 ? y0 - y1 : y1 - y0, sy = y0 < y1 ? 1 : -1;
    int32_t err = dx + dy;
    struct rect c = clip_rect(g);
    for (;;) {
        g->cost++;
        if (inside(c, x0, y0) && !px_plot(g, x0, y0, w[1], rop, w[0]))
            return;
        if (x0 == x1 && y0 == y1)
            return;
        int32_t e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

/* Twice the edge function of a->b at the centre of pixel (px, py), exact in
 * integers; positive on the inside of a counter-clockwise (area > 0) triangle. */
static int64_t edge(int32_t ax, int32_t ay, int32_t bx, int32_t by, int32_t px, int32_t py)
{
    return (int64_t)(bx - ax) * (2 * (int64_t)py + 1 - 2 * (int64_t)ay) -
           (int64_t)(by - ay) * (2 * (int64_t)px + 1 - 2 * (int64_t)ax);
}

/* A centre exactly on an edge belongs to the triangle for one direction of
 * that edge only, so triangles sharing an edge never both draw a pixel. */
static bool edge_in(int64_t e, int32_t ax, int32_t ay, int32_t bx, int32_t by)
{
    return e > 0 || (e == 0 && (by > ay || (by == ay && bx < ax)));
}

static void op_tri(struct gfx *g, const uint32_t *w)
{
    unsigned rop = (w[0] >> 8) & 0xF;
    int32_t x[3] = { lo_s(w[2]), lo_s(w[3]), lo_s(w[4]) };
    int32_t y[3] = { hi_s(w[2]), hi_s(w[3]), hi_s(w[4]) };
    int64_t area = (int64_t)(x[1] - x[0]) * (y[2] - y[0]) - (int64_t)(y[1] - y[0]) * (x[2] - x[0]);
    if (area == 0)
        return;
    if (area < 0) { /* make it counter-clockwise: swap v1 and v2 */
        int32_t t = x[1]; x[1] = x[2]; x[2] = t;
        t = y[1]; y[1] = y[2]; y[2] = t;
    }
    struct rect box = {
        min32(x[0], min32(x[1], x[2])), min32(y[0], min32(y[1], y[2])),
        max32(x[0], max32(x[1], x[2])), max32(y[0], max32(y[1], y[2])),
    };
    struct rect r = intersect(clip_rect(g), box);
    if (rect_empty(r))
        return;
    for (int32_t py = r.y0; py < r.y1; py++) {
        g->cost++;
        for (int32_t px = r.x0; px < r.x1; px++) {
            g->cost++;
            bool in = true;
            for (int e = 0; e < 3 && in; e++) {
                int n = (e + 1) % 3;
                in = edge_in(edge(x[e], y[e], x[n], y[n], px, py), x[e], y[e], x[n], y[n]);
            }
            if (in && !px_plot(g, px, py, w[1], rop, w[0]))
                return;
        }
    }
}

/* 1-bpp expansion. Bit for column i of a row: in the 32-bit word at
 * row + 4 * (i / 32), bit 8 * (i % 32 / 8) + 7 - i % 8 (MSB first in each
 * byte, as font files store it). A pattern is 8 rows of one word, repeated. */
static void op_glyph(struct gfx *g, const uint32_t *w)
{
    unsigned rop = (w[0] >> 8) & 0xF;
    bool transparent = w[0] & GFX_GLYPH_TRANSPARENT, pattern = w[0] & GFX_GLYPH_PATTERN;
    int32_t x = lo_s(w[3]), y = hi_s(w[3]);
    uint64_t src = w[5] | (uint64_t)w[6] << 32;
    uint32_t stride = w[7];
    if ((src & 3) || (stride & 3)) {
        fail(g, GFX_ERR_ARG, w[0]);
        return;
    }
    struct rect r = intersect(clip_rect(g), (struct rect){ x, y, x + lo_u(w[4]), y + hi_u(w[4]) });
    if (rect_empty(r))
        return;
    for (int32_t py = r.y0; py < r.y1; py++) {
        uint32_t row = (uint32_t)(py - y);
        uint64_t line = src + (uint64_t)(pattern ? row % 8 : row) * stride;
        uint32_t bits = 0;
        int64_t word = -1;
        g->cost++;
        for (int32_t px = r.x0; px < r.x1; px++) {
            uint32_t i = (uint32_t)(px - x);
            int64_t wi = pattern ? 0 : i / 32;
            if (wi != word) { /* fetch each source word once, when first needed */
                if (!mem_read(g, line + 4 * (uint64_t)wi, &bits, w[0]))
                    return;
                g->cost++;
                word = wi;
            }
            unsigned b = i % 32;
            bool on = (bits >> (8 * (b / 8) + 7 - b % 8)) & 1;
            g->cost++;
            if ((on || !transparent) && !px_plot(g, px, py, on ? w[1] : w[2], rop, w[0]))
                return;
        }
    }
}

/* Execute one whole command whose words have been fetched. */
static void execute(struct gfx *g, const uint32_t *w)
{
    unsigned op = w[0] & 0xFF;
    if (!header_valid(w[0])) {
        fail(g, GFX_ERR_OPCODE, w[0]);
        return;
    }
    g->cost += setup_cost[op];
    bool draws = op == GFX_OP_FILL || op == GFX_OP_COPY || op == GFX_OP_LINE ||
                 op == GFX_OP_TRI || op == GFX_OP_GLYPH || op == GFX_OP_CLIP;
    if (draws && !g->surf.valid) {
        fail(g, GFX_ERR_SURFACE, w[0]);
        return;
    }
    switch (op) {
    case GFX_OP_SURFACE: op_surface(g, w); break;
    case GFX_OP_CLIP:
        g->clip_x0 = lo_s(w[1]);
        g->clip_y0 = hi_s(w[1]);
        g->clip_x1 = lo_s(w[2]);
        g->clip_y1 = hi_s(w[2]);
        break;
    case GFX_OP_FILL: op_fill(g, w); break;
    case GFX_OP_COPY: op_copy(g, w); break;
    case GFX_OP_LINE: op_line(g, w); break;
    case GFX_OP_TRI: op_tri(g, w); break;
    case GFX_OP_GLYPH: op_glyph(g, w); break;
    case GFX_OP_FENCE:
        g->fence = w[1];
        g->irq_status |= GFX_IRQ_FENCE;
        break;
    default: break; /* NOP */
    }
}

/* Run one fetched command: fetch cycles plus execution. */
static uint64_t run(struct gfx *g, const uint32_t *w, unsigned n, uint64_t fetch_waits)
{
    g->cost = n + fetch_waits;
    execute(g, w);
    g->cycles += g->cost;
    return g->cost;
}

void gfx_init(struct gfx *g, const struct gfx_mem *mem, const uint64_t *now)
{
    memset(g, 0, sizeof *g);
    g->mem = *mem;
    g->now = now;
}

uint64_t gfx_exec(struct gfx *g, const uint32_t *words, size_t n)
{
    uint64_t total = 0;
    size_t i = 0;
    while (i < n && !g->error) {
        unsigned len = gfx_cmd_len(words[i]);
        if (n - i < len) {
            fail(g, GFX_ERR_TRUNCATED, words[i]);
            break;
        }
        total += run(g, words + i, len, 0);
        i += len;
    }
    return total;
}

/* ---- the command sources: FIFO first, then the ring ---- */

static bool ring_valid(const struct gfx *g)
{
    return !(g->ring_base & 3) && g->ring_size >= 64 && g->ring_size <= (1u << 20) &&
           !(g->ring_size & (g->ring_size - 1));
}

static uint32_t ring_words(const struct gfx *g)
{
    return ((g->ring_tail - g->ring_head) & (g->ring_size - 1)) / 4;
}

static bool ring_pending(const struct gfx *g)
{
    return (g->ctrl & GFX_CTRL_RING) && ring_valid(g) && g->ring_head != g->ring_tail;
}

static bool pending(const struct gfx *g)
{
    return !g->error && (g->fifo_count > 0 || ring_pending(g));
}

/* Fetch the next command from the ring into w. A submission must hold whole
 * commands: one that ends inside a command is an error, and the rest of it is
 * dropped so the ring does not jam. */
static bool ring_fetch(struct gfx *g, uint32_t *w, unsigned *n, uint64_t *waits)
{
    uint32_t avail = ring_words(g);
    g->cost = 0;
    for (unsigned i = 0; i < *n || i == 0; i++) {
        if (!mem_read(g, g->ring_base + g->ring_head, &w[i], w[0]))
            return false;
        g->ring_head = (g->ring_head + 4) & (g->ring_size - 1);
        if (i == 0) {
            *n = gfx_cmd_len(w[0]);
            if (*n > avail) {
                fail(g, GFX_ERR_TRUNCATED, w[0]);
                g->ring_head = g->ring_tail;
                return false;
            }
        }
    }
    *waits = g->cost;
    return true;
}

void gfx_sync(struct gfx *g)
{
    uint64_t now = g->now ? *g->now : UINT64_MAX;
    while (pending(g) && g->busy_until <= now) {
        uint32_t w[GFX_MAX_WORDS] = { 0 };
        unsigned n = 0;
        uint64_t waits = 0;
        if (g->fifo_count > 0) {
            n = gfx_cmd_len(g->fifo[g->fifo_head]);
            if (g->fifo_count < n)
                break; /* the rest of the command is still to come */
            for (unsigned i = 0; i < n; i++) {
                w[i] = g->fifo[g->fifo_head];
                g->fifo_head = (g->fifo_head + 1) % GFX_FIFO_DEPTH;
            }
            g->fifo_count -= n;
        } else if (!ring_fetch(g, w, &n, &waits)) {
            g->cycles += g->cost;
            g->busy_until += g->cost;
            break;
        }
        g->busy_until += run(g, w, n, waits);
    }
}

uint64_t gfx_next_event(const struct gfx *g)
{
    if (!pending(g))
        return UINT64_MAX;
    if (g->fifo_count > 0 && g->fifo_count < gfx_cmd_len(g->fifo[g->fifo_head]))
        return UINT64_MAX; /* waits for the guest */
    return g->busy_until;
}

bool gfx_irq(const struct gfx *g)
{
    return g->irq_status & g->irq_enable;
}

/* ---- registers ---- */

/* Before new work arrives at an idle unit, its clock catches up with now,
 * so the work starts at once instead of in the past. */
static void wake(struct gfx *g)
{
    gfx_sync(g);
    uint64_t now = g->now ? *g->now : 0;
    if (!pending(g) && g->busy_until < now)
        g->busy_until = now;
}

static void abort_all(struct gfx *g)
{
    g->fifo_count = g->fifo_head = 0;
    g->ring_head = g->ring_tail;
    g->error = g->error_word = 0;
    g->irq_status &= ~GFX_IRQ_ERROR;
}

static uint32_t status(const struct gfx *g)
{
    uint64_t now = g->now ? *g->now : 0;
    uint32_t s = 0;
    if (pending(g) || g->busy_until > now)
        s |= GFX_STATUS_BUSY;
    if (g->error)
        s |= GFX_STATUS_ERROR;
    if (g->fifo_count > 0 && g->fifo_count < gfx_cmd_len(g->fifo[g->fifo_head]))
        s |= GFX_STATUS_PARTIAL;
    return s;
}

static bool reg64(uint64_t off, unsigned size, uint64_t reg_off)
{
    return off == reg_off || (size == 4 && off == reg_off + 4);
}

static uint64_t half(uint64_t v, uint64_t off, uint64_t reg_off)
{
    return off == reg_off ? v : v >> 32;
}

static bool gfx_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct gfx *g = dev;
    if (size != 4 && size != 8)
        return false;
    gfx_sync(g);
    uint64_t v = 0;
    if (reg64(off, size, GFX_RING_BASE))
        v = half(g->ring_base, off, GFX_RING_BASE);
    else if (reg64(off, size, GFX_CYCLES))
        v = half(g->cycles, off, GFX_CYCLES);
    else if (reg64(off, size, GFX_PIXELS))
        v = half(g->pixels, off, GFX_PIXELS);
    else if (size != 4)
        return false;
    else switch (off) {
    case DEV_ID: v = DEVID_GFX; break;
    case DEV_VERSION: v = 1; break;
    case GFX_CTRL: v = g->ctrl; break;
    case GFX_STATUS: v = status(g); break;
    case GFX_IRQ_STATUS: v = g->irq_status; break;
    case GFX_IRQ_ENABLE: v = g->irq_enable; break;
    case GFX_FIFO_FREE: v = GFX_FIFO_DEPTH - g->fifo_count; break;
    case GFX_RING_SIZE: v = g->ring_size; break;
    case GFX_RING_HEAD: v = g->ring_head; break;
    case GFX_RING_TAIL: v = g->ring_tail; break;
    case GFX_FENCE: v = g->fence; break;
    case GFX_ERROR: v = g->error; break;
    case GFX_ERROR_WORD: v = g->error_word; break;
    default: break; /* unassigned: reads as zero */
    }
    *val = size == 4 ? (uint32_t)v : v;
    return true;
}

static void set_half(uint64_t *reg, uint64_t off, uint64_t reg_off, unsigned size, uint64_t v)
{
    if (size == 8)
        *reg = v;
    else if (off == reg_off)
        *reg = (*reg & ~0xFFFFFFFFull) | (uint32_t)v;
    else
        *reg = (*reg & 0xFFFFFFFFull) | v << 32;
}

static bool gfx_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct gfx *g = dev;
    if (size != 4 && size != 8)
        return false;
    wake(g);
    uint32_t v = (uint32_t)val;
    if (reg64(off, size, GFX_RING_BASE)) {
        set_half(&g->ring_base, off, GFX_RING_BASE, size, val);
        g->ring_head = g->ring_tail = 0;
        return true;
    }
    if (size != 4)
        return false;
    switch (off) {
    case GFX_CTRL:
        if (v & GFX_CTRL_ABORT)
            abort_all(g);
        g->ctrl = v & GFX_CTRL_RING;
        if ((g->ctrl & GFX_CTRL_RING) && !ring_valid(g))
            fail(g, GFX_ERR_RING, 0);
        break;
    case GFX_IRQ_STATUS: g->irq_status &= ~v; break;
    case GFX_IRQ_ENABLE: g->irq_enable = v & (GFX_IRQ_FENCE | GFX_IRQ_ERROR); break;
    case GFX_FIFO:
        if (g->error)
            break; /* dropped, like everything after an error */
        if (g->fifo_count == GFX_FIFO_DEPTH) {
            fail(g, GFX_ERR_OVERFLOW, v);
            break;
        }
        g->fifo[(g->fifo_head + g->fifo_count) % GFX_FIFO_DEPTH] = v;
        g->fifo_count++;
        break;
    case GFX_RING_SIZE:
        g->ring_size = v;
        g->ring_head = g->ring_tail = 0;
        break;
    case GFX_RING_TAIL:
        if (!ring_valid(g) || v >= g->ring_size || (v & 3)) {
            fail(g, GFX_ERR_RING, v);
            break;
        }
        g->ring_tail = v;
        break;
    default: break; /* read-only or unassigned: ignored */
    }
    gfx_sync(g);
    return true;
}

const struct mmio_ops gfx_mmio = {
    .read = gfx_read,
    .write = gfx_write,
};
