/* GC core model. docs/gc-core.md is the specification (the phase numbers
 * are its); the comments here only say how the code maps onto it.
 *
 * Timing: a collection runs whole at the cycle it starts (its memory
 * accesses are made then, in the documented order) and keeps the core busy
 * for its cost; the guest may only look at the result once BUSY is 0. */
#include <string.h>

#include "dev_gccore.h"

#define T_CONS    8u
#define T_OBJECT 10u
#define T_HEADER 11u
#define SIZE_MASK ((1ull << 48) - 1)
#define DATUM_MASK ((1ull << 56) - 1)

/* One collection in progress. */
struct run {
    struct gccore *g;
    uint64_t nbw;                      /* bitmap words, B */
    uint64_t start, mark, stack, cap;  /* side-table addresses; stack entries allowed */
    uint64_t chip[GC_STACK_ONCHIP];    /* the top of the mark stack, a ring */
    unsigned chip_lo, chip_n;
    uint64_t mem_n;                    /* entries spilled to memory */
    bool cached;                       /* the one-entry forwarding cache */
    uint64_t cache_b, cache_off, cache_mark;
    uint64_t waits;
};

static unsigned type_of(uint8_t tag)
{
    return tag & 0xF;
}

static uint64_t sext56(uint64_t d)
{
    return (uint64_t)((int64_t)(d << 8) >> 8);
}

/* The register form of a word, for ERROR_VALUE. */
static uint64_t reg_form(uint64_t data, uint8_t tag)
{
    return (uint64_t)tag << 56 | (data & DATUM_MASK);
}

static bool fail(struct run *r, uint32_t code, uint64_t addr, uint64_t value)
{
    r->g->error = code;
    r->g->error_addr = addr;
    r->g->error_value = value;
    return false;
}

/* ---- memory port: every access is a cycle plus its wait states ---- */

static bool rd(struct run *r, uint64_t addr, uint64_t *data, uint8_t *tag)
{
    int w = r->g->mem.read(r->g->mem.ctx, addr, data, tag);
    if (w < 0)
        return fail(r, GC_ERR_BUS, addr, 0);
    r->g->accesses++;
    r->waits += (unsigned)w;
    return true;
}

static bool rd_side(struct run *r, uint64_t addr, uint64_t *data)
{
    uint8_t tag;
    return rd(r, addr, data, &tag);
}

static bool wr(struct run *r, uint64_t addr, uint64_t data, uint8_t tag)
{
    int w = r->g->mem.write(r->g->mem.ctx, addr, data, tag);
    if (w < 0)
        return fail(r, GC_ERR_BUS, addr, 0);
    r->g->accesses++;
    r->waits += (unsigned)w;
    return true;
}

/* ---- phase 0 ---- */

static bool overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    return a0 < b1 && b0 < a1;
}

static bool config_ok(const struct gccore *g, uint64_t *nbw)
{
    if ((g->heap_base | g->heap_top | g->heap_limit | g->side_base | g->side_size | g->root_base) & 7)
        return false;
    if (g->heap_base > g->heap_top || g->heap_top > g->heap_limit)
        return false;
    uint64_t b = (((g->heap_top - g->heap_base) >> 3) + 63) >> 6;
    if (g->side_size / 16 < b || g->side_size > UINT64_MAX - g->side_base ||
        g->root_count > (UINT64_MAX - g->root_base) / 8)
        return false;
    uint64_t side_end = g->side_base + g->side_size, root_end = g->root_base + 8 * g->root_count;
    if (overlap(g->heap_base, g->heap_limit, g->side_base, side_end) ||
        overlap(g->heap_base, g->heap_limit, g->root_base, root_end) ||
        overlap(g->side_base, side_end, g->root_base, root_end))
        return false;
    *nbw = b;
    return true;
}

/* ---- phases 1 and 2 ---- */

static bool clear_marks(struct run *r)
{
    for (uint64_t b = 0; b < r->nbw; b++)
        if (!wr(r, r->mark + 8 * b, 0, 0))
            return false;
    return true;
}

static bool parse(struct run *r)
{
    const struct gccore *g = r->g;
    uint64_t acc = 0, cur = 0;
    for (uint64_t p = g->heap_base; p < g->heap_top;) {
        uint64_t w = (p - g->heap_base) >> 3;
        for (; cur < w >> 6; cur++, acc = 0)
            if (!wr(r, r->start + 8 * cur, acc, 0))
                return false;
        uint64_t d;
        uint8_t t;
        if (!rd(r, p, &d, &t))
            return false;
        uint64_t n = type_of(t) == T_HEADER ? 1 + (d & SIZE_MASK) : 2;
        if (n > (g->heap_top - p) >> 3)
            return fail(r, GC_ERR_HEADER, p, reg_form(d, t));
        acc |= 1ull << (w & 63);
        p += 8 * n;
    }
    for (; cur < r->nbw; cur++, acc = 0)
        if (!wr(r, r->start + 8 * cur, acc, 0))
            return false;
    return true;
}

/* ---- phase 3 ---- */

static bool push(struct run *r, uint64_t v)
{
    if (r->chip_n == GC_STACK_ONCHIP) { /* spill the oldest on-chip entry */
        if (!wr(r, r->stack + 8 * r->mem_n, r->chip[r->chip_lo], 0))
            return false;
        r->mem_n++;
        r->chip_lo = (r->chip_lo + 1) % GC_STACK_ONCHIP;
        r->chip_n--;
    }
    r->chip[(r->chip_lo + r->chip_n) % GC_STACK_ONCHIP] = v;
    r->chip_n++;
    return true;
}

static bool pop(struct run *r, uint64_t *v)
{
    if (r->chip_n > 0) {
        r->chip_n--;
        *v = r->chip[(r->chip_lo + r->chip_n) % GC_STACK_ONCHIP];
        return true;
    }
    r->mem_n--;
    return rd_side(r, r->stack + 8 * r->mem_n, v);
}

static bool set_marks(struct run *r, uint64_t w, uint64_t n, uint64_t mk0)
{
    uint64_t last = w + n - 1, b0 = w >> 6, b1 = last >> 6;
    uint64_t lo = ~0ull << (w & 63), hi = ~0ull >> (63 - (last & 63));
    if (b0 == b1)
        return wr(r, r->mark + 8 * b0, mk0 | (lo & hi), 0);
    if (!wr(r, r->mark + 8 * b0, mk0 | lo, 0))
        return false;
    for (uint64_t b = b0 + 1; b < b1; b++)
        if (!wr(r, r->mark + 8 * b, ~0ull, 0))
            return false;
    uint64_t mk1;
    return rd_side(r, r->mark + 8 * b1, &mk1) && wr(r, r->mark + 8 * b1, mk1 | hi, 0);
}

/* The word (d, t) read from address a. */
static bool visit(struct run *r, uint64_t a, uint64_t d, uint8_t t)
{
    struct gccore *g = r->g;
    unsigned ty = type_of(t);
    if (ty >= T_HEADER)
        return fail(r, GC_ERR_FIELD, a, reg_form(d, t));
    if (ty < T_CONS)
        return true;
    uint64_t v = sext56(d);
    if (v < g->heap_base || v >= g->heap_limit)
        return true; /* external */
    if (v >= g->heap_top || (v & 7))
        return fail(r, GC_ERR_POINTER, a, reg_form(d, t));
    uint64_t w = (v - g->heap_base) >> 3, b = w >> 6, bit = 1ull << (w & 63);
    uint64_t st, mk, hd;
    uint8_t ht;
    if (!rd_side(r, r->start + 8 * b, &st))
        return false;
    if (!(st & bit))
        return fail(r, GC_ERR_POINTER, a, reg_form(d, t));
    if (!rd_side(r, r->mark + 8 * b, &mk))
        return false;
    if (mk & bit)
        return true;
    if (!rd(r, v, &hd, &ht))
        return false;
    bool headed = type_of(ht) == T_HEADER;
    if ((ty == T_CONS) == headed)
        return fail(r, GC_ERR_TYPE, a, reg_form(d, t));
    uint64_t n = headed ? 1 + (hd & SIZE_MASK) : 2;
    if (!set_marks(r, w, n, mk))
        return false;
    g->live_objects++;
    g->live_words += n;
    if (n == 1)
        return true;
    if (r->chip_n + r->mem_n == r->cap)
        return fail(r, GC_ERR_STACK, a, reg_form(d, t));
    return push(r, v);
}

static bool visit_at(struct run *r, uint64_t a)
{
    uint64_t d;
    uint8_t t;
    return rd(r, a, &d, &t) && visit(r, a, d, t);
}

static bool mark(struct run *r)
{
    const struct gccore *g = r->g;
    for (uint64_t i = 0; i < g->root_count; i++) {
        if (!visit_at(r, g->root_base + 8 * i))
            return false;
        while (r->chip_n + r->mem_n > 0) {
            uint64_t p, d;
            uint8_t t;
            if (!pop(r, &p) || !rd(r, p, &d, &t))
                return false;
            if (type_of(t) == T_HEADER) {
                uint64_t end = p + 8 * (d & SIZE_MASK);
                for (uint64_t f = p + 8; f <= end; f += 8)
                    if (!visit_at(r, f))
                        return false;
            } else if (!visit(r, p, d, t) || !visit_at(r, p + 8)) {
                return false;
            }
        }
    }
    return true;
}

/* ---- phases 4 to 7 ---- */

static bool offsets(struct run *r)
{
    uint64_t total = 0;
    for (uint64_t b = 0; b < r->nbw; b++) {
        uint64_t m;
        if (!rd_side(r, r->mark + 8 * b, &m) || !wr(r, r->start + 8 * b, total, 0))
            return false;
        total += (uint64_t)__builtin_popcountll(m);
    }
    return true;
}

static bool internal(const struct gccore *g, uint64_t d, uint8_t t)
{
    unsigned ty = type_of(t);
    uint64_t v = sext56(d);
    return ty >= T_CONS && ty <= T_OBJECT && v >= g->heap_base && v < g->heap_limit;
}

/* The new address of the internal reference d. */
static bool forward(struct run *r, uint64_t d, uint64_t *nd)
{
    const struct gccore *g = r->g;
    uint64_t w = (sext56(d) - g->heap_base) >> 3, b = w >> 6;
    if (!r->cached || r->cache_b != b) {
        if (!rd_side(r, r->start + 8 * b, &r->cache_off) ||
            !rd_side(r, r->mark + 8 * b, &r->cache_mark))
            return false;
        r->cache_b = b;
        r->cached = true;
    }
    uint64_t below = r->cache_off + (uint64_t)__builtin_popcountll(r->cache_mark & ((1ull << (w & 63)) - 1));
    *nd = sext56(g->heap_base + 8 * below);
    return true;
}

static bool compact(struct run *r, uint64_t *top)
{
    struct gccore *g = r->g;
    uint64_t dst = g->heap_base;
    for (uint64_t b = 0; b < r->nbw; b++) {
        uint64_t m;
        if (!rd_side(r, r->mark + 8 * b, &m))
            return false;
        for (; m; m &= m - 1) {
            uint64_t src = g->heap_base + 8 * (64 * b + (uint64_t)__builtin_ctzll(m));
            uint64_t d, nd;
            uint8_t t;
            if (!rd(r, src, &d, &t))
                return false;
            nd = d;
            if (internal(g, d, t) && !forward(r, d, &nd))
                return false;
            if ((dst != src || nd != d) && !wr(r, dst, nd, t))
                return false;
            if (dst != src)
                g->moved_bytes += 8;
            dst += 8;
        }
    }
    *top = dst;
    return true;
}

static bool fix_roots(struct run *r)
{
    const struct gccore *g = r->g;
    for (uint64_t i = 0; i < g->root_count; i++) {
        uint64_t a = g->root_base + 8 * i, d, nd;
        uint8_t t;
        if (!rd(r, a, &d, &t))
            return false;
        if (internal(g, d, t) && (!forward(r, d, &nd) || (nd != d && !wr(r, a, nd, t))))
            return false;
    }
    return true;
}

static bool release(struct run *r, uint64_t top)
{
    for (uint64_t a = top; a < r->g->heap_top; a += 8)
        if (!wr(r, a, 0, 0))
            return false;
    return true;
}

uint64_t gccore_collect(struct gccore *g)
{
    g->error = GC_ERR_NONE;
    g->error_addr = g->error_value = 0;
    g->live_words = g->live_objects = g->moved_bytes = g->accesses = 0;
    struct run r = { .g = g };
    if (!config_ok(g, &r.nbw)) {
        g->error = GC_ERR_CONFIG;
        g->cycles = g->mark_cycles = 1;
        g->total_cycles += 1;
        return 1;
    }
    r.start = g->side_base;
    r.mark = g->side_base + 8 * r.nbw;
    r.stack = g->side_base + 16 * r.nbw;
    r.cap = g->side_size / 8 - 2 * r.nbw;
    uint64_t top = 0;
    bool marked = clear_marks(&r) && parse(&r) && mark(&r);
    g->mark_cycles = 1 + g->accesses + r.waits;
    if (marked && offsets(&r) && compact(&r, &top) && fix_roots(&r) && release(&r, top))
        g->heap_top = top;
    g->cycles = 2 + g->accesses + r.waits;
    g->total_cycles += g->cycles;
    return g->cycles;
}

/* ---- the device in the machine ---- */

void gccore_init(struct gccore *g, const struct gc_mem *mem, const uint64_t *now)
{
    memset(g, 0, sizeof *g);
    g->mem = *mem;
    g->now = now;
}

static uint64_t now_of(const struct gccore *g)
{
    return g->now ? *g->now : 0;
}

void gccore_sync(struct gccore *g)
{
    if (g->irq_at_end && now_of(g) >= g->busy_until) {
        g->irq_status |= g->irq_at_end;
        g->irq_at_end = 0;
    }
}

uint64_t gccore_next_event(const struct gccore *g)
{
    return g->irq_at_end ? g->busy_until : UINT64_MAX;
}

bool gccore_irq(const struct gccore *g)
{
    return g->irq_status & g->irq_enable;
}

static bool busy(const struct gccore *g)
{
    return g->irq_at_end != 0;
}

static void start(struct gccore *g)
{
    gccore_collect(g);
    g->busy_until = now_of(g) + g->cycles;
    g->irq_at_end = g->error ? GC_IRQ_ERROR : GC_IRQ_DONE;
}

/* The u64 registers, by offset. */
static uint64_t *reg64(struct gccore *g, uint64_t off)
{
    switch (off & ~7ull) {
    case GC_ERROR_ADDR: return &g->error_addr;
    case GC_ERROR_VALUE: return &g->error_value;
    case GC_HEAP_BASE: return &g->heap_base;
    case GC_HEAP_TOP: return &g->heap_top;
    case GC_HEAP_LIMIT: return &g->heap_limit;
    case GC_SIDE_BASE: return &g->side_base;
    case GC_SIDE_SIZE: return &g->side_size;
    case GC_ROOT_BASE: return &g->root_base;
    case GC_ROOT_COUNT: return &g->root_count;
    case GC_LIVE_WORDS: return &g->live_words;
    case GC_LIVE_OBJECTS: return &g->live_objects;
    case GC_MOVED_BYTES: return &g->moved_bytes;
    case GC_CYCLES: return &g->cycles;
    case GC_MARK_CYCLES: return &g->mark_cycles;
    case GC_ACCESSES: return &g->accesses;
    case GC_TOTAL_CYCLES: return &g->total_cycles;
    default: return NULL;
    }
}

static bool writable64(uint64_t off)
{
    return off >= GC_HEAP_BASE && off < GC_LIVE_WORDS;
}

static bool gccore_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct gccore *g = dev;
    if (size != 4 && size != 8)
        return false;
    gccore_sync(g);
    uint64_t *r = reg64(g, off);
    uint64_t v = 0;
    if (r)
        v = (off & 4) ? *r >> 32 : *r;
    if (size == 8 && (!r || (off & 4)))
        return false;
    if (size == 4 && !r) {
        switch (off) {
        case DEV_ID: v = DEVID_GC; break;
        case DEV_VERSION: v = 1; break;
        case GC_STATUS:
            v = (busy(g) ? GC_STATUS_BUSY : 0) | (!busy(g) && g->error ? GC_STATUS_ERROR : 0);
            break;
        case GC_IRQ_STATUS: v = g->irq_status; break;
        case GC_IRQ_ENABLE: v = g->irq_enable; break;
        case GC_ERROR: v = g->error; break;
        default: break; /* CTRL and unassigned offsets read as zero */
        }
    }
    *val = size == 4 ? (uint32_t)v : v;
    return true;
}

static bool gccore_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct gccore *g = dev;
    if (size != 4 && size != 8)
        return false;
    gccore_sync(g);
    uint64_t *r = reg64(g, off);
    if (size == 8 && (!r || (off & 4)))
        return false;
    if (r) {
        if (!writable64(off) || busy(g))
            return true;
        if (size == 8)
            *r = val;
        else if (off & 4)
            *r = (*r & 0xFFFFFFFFull) | val << 32;
        else
            *r = (*r & ~0xFFFFFFFFull) | (uint32_t)val;
        return true;
    }
    uint32_t v = (uint32_t)val;
    switch (off) {
    case GC_CTRL:
        if ((v & GC_CTRL_START) && !busy(g))
            start(g);
        break;
    case GC_IRQ_STATUS: g->irq_status &= ~v; break;
    case GC_IRQ_ENABLE: g->irq_enable = v & (GC_IRQ_DONE | GC_IRQ_ERROR); break;
    default: break; /* read-only or unassigned: ignored */
    }
    return true;
}

const struct mmio_ops gccore_mmio = {
    .read = gccore_read,
    .write = gccore_write,
};
