/* The software collector. docs/gc-core.md is the specification; the phase
 * numbers below are its. The order of checks, and so the error reported for
 * a bad heap, is exactly the GC core's; the order of memory accesses is not
 * (this code keeps the whole mark stack in memory and lets the CPU's caches
 * do the rest). */
#include "amber/hw.h"
#include "gc.h"
#include "gc_bits.h"
#include "gc_port.h"

#define T_CONS    8u
#define T_OBJECT 10u
#define T_HEADER 11u
#define SIZE_MASK ((1ull << 48) - 1)
#define DATUM_MASK ((1ull << 56) - 1)

struct gc {
    struct gc_port *m;
    struct gc_config c;     /* copies, so that the compiler may keep them in registers */
    struct gc_result r;
    uint64_t nbw;           /* bitmap words, B */
    uint64_t start, mark;   /* side tables: start bitmap (later offsets), mark bitmap */
    uint64_t stack, cap, sp;
    bool cached;            /* the one-entry forwarding cache of phases 5 and 6 */
    uint64_t cache_b, cache_off, cache_mark;
};

static unsigned type_of(uint64_t v)
{
    return (unsigned)(v >> 56) & 0xF;
}

static uint64_t datum(uint64_t v)
{
    return (uint64_t)((int64_t)(v << 8) >> 8);
}

static bool fail(struct gc *g, uint32_t code, uint64_t addr, uint64_t value)
{
    g->r.error = code;
    g->r.error_addr = addr;
    g->r.error_value = value;
    return false;
}

static bool overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    return a0 < b1 && b0 < a1;
}

/* Phase 0. */
static bool config_ok(const struct gc_config *c, uint64_t *nbw)
{
    if ((c->heap_base | c->heap_top | c->heap_limit | c->side_base | c->side_size | c->root_base) & 7)
        return false;
    if (c->heap_base > c->heap_top || c->heap_top > c->heap_limit)
        return false;
    uint64_t b = (((c->heap_top - c->heap_base) >> 3) + 63) >> 6;
    if (c->side_size / 16 < b || c->side_size > UINT64_MAX - c->side_base ||
        c->root_count > (UINT64_MAX - c->root_base) / 8)
        return false;
    uint64_t side_end = c->side_base + c->side_size, root_end = c->root_base + 8 * c->root_count;
    if (overlap(c->heap_base, c->heap_limit, c->side_base, side_end) ||
        overlap(c->heap_base, c->heap_limit, c->root_base, root_end) ||
        overlap(c->side_base, side_end, c->root_base, root_end))
        return false;
    *nbw = b;
    return true;
}

/* Phase 2: object boundaries into the start bitmap, headers checked. */
static bool parse(struct gc *g)
{
    const struct gc_config *c = &g->c;
    uint64_t acc = 0, cur = 0;
    for (uint64_t p = c->heap_base; p < c->heap_top;) {
        uint64_t w = (p - c->heap_base) >> 3;
        for (; cur < w >> 6; cur++) {
            gc_put_raw(g->m, g->start + 8 * cur, acc);
            acc = 0;
        }
        uint64_t v = gc_word(g->m, p);
        uint64_t n = type_of(v) == T_HEADER ? 1 + (v & SIZE_MASK) : 2;
        if (n > (c->heap_top - p) >> 3)
            return fail(g, GC_ERR_HEADER, p, v);
        acc |= 1ull << (w & 63);
        p += 8 * n;
    }
    for (; cur < g->nbw; cur++) {
        gc_put_raw(g->m, g->start + 8 * cur, acc);
        acc = 0;
    }
    return true;
}

/* Mark the n words from heap word w; mk0 is the mark word holding w. */
static void set_marks(struct gc *g, uint64_t w, uint64_t n, uint64_t mk0)
{
    uint64_t last = w + n - 1, b0 = w >> 6, b1 = last >> 6;
    uint64_t lo = ~0ull << (w & 63), hi = ~0ull >> (63 - (last & 63));
    if (b0 == b1) {
        gc_put_raw(g->m, g->mark + 8 * b0, mk0 | (lo & hi));
        return;
    }
    gc_put_raw(g->m, g->mark + 8 * b0, mk0 | lo);
    for (uint64_t b = b0 + 1; b < b1; b++)
        gc_put_raw(g->m, g->mark + 8 * b, ~0ull);
    gc_put_raw(g->m, g->mark + 8 * b1, gc_raw(g->m, g->mark + 8 * b1) | hi);
}

/* The value v read from address a: follow it if it is an unmarked
 * reference into the heap. */
static bool visit(struct gc *g, uint64_t a, uint64_t v)
{
    const struct gc_config *c = &g->c;
    unsigned t = type_of(v);
    if (t >= T_HEADER)
        return fail(g, GC_ERR_FIELD, a, v);
    if (t < T_CONS)
        return true;
    uint64_t r = datum(v);
    if (r < c->heap_base || r >= c->heap_limit)
        return true; /* external */
    if (r >= c->heap_top || (r & 7))
        return fail(g, GC_ERR_POINTER, a, v);
    uint64_t w = (r - c->heap_base) >> 3, b = w >> 6, bit = 1ull << (w & 63);
    if (!(gc_raw(g->m, g->start + 8 * b) & bit))
        return fail(g, GC_ERR_POINTER, a, v);
    uint64_t mk = gc_raw(g->m, g->mark + 8 * b);
    if (mk & bit)
        return true;
    uint64_t h = gc_word(g->m, r);
    bool headed = type_of(h) == T_HEADER;
    if ((t == T_CONS) == headed)
        return fail(g, GC_ERR_TYPE, a, v);
    uint64_t n = headed ? 1 + (h & SIZE_MASK) : 2;
    set_marks(g, w, n, mk);
    g->r.live_objects++;
    g->r.live_words += n;
    if (n > 1) {
        if (g->sp == g->cap)
            return fail(g, GC_ERR_STACK, a, v);
        gc_put_raw(g->m, g->stack + 8 * g->sp++, r);
    }
    return true;
}

/* Phase 3. */
static bool mark(struct gc *g)
{
    const struct gc_config *c = &g->c;
    for (uint64_t i = 0; i < c->root_count; i++) {
        uint64_t a = c->root_base + 8 * i;
        if (!visit(g, a, gc_word(g->m, a)))
            return false;
        while (g->sp > 0) {
            uint64_t p = gc_raw(g->m, g->stack + 8 * --g->sp);
            uint64_t v = gc_word(g->m, p);
            if (type_of(v) == T_HEADER) {
                uint64_t end = p + 8 * (v & SIZE_MASK);
                for (uint64_t f = p + 8; f <= end; f += 8)
                    if (!visit(g, f, gc_word(g->m, f)))
                        return false;
            } else if (!visit(g, p, v) || !visit(g, p + 8, gc_word(g->m, p + 8))) {
                return false;
            }
        }
    }
    return true;
}

/* Phase 4: the offset table replaces the start bitmap. */
static void offsets(struct gc *g)
{
    uint64_t total = 0;
    for (uint64_t b = 0; b < g->nbw; b++) {
        uint64_t m = gc_raw(g->m, g->mark + 8 * b);
        gc_put_raw(g->m, g->start + 8 * b, total);
        total += gc_popcount(m);
    }
}

static bool internal(const struct gc *g, uint64_t v)
{
    unsigned t = type_of(v);
    uint64_t r = datum(v);
    return t >= T_CONS && t <= T_OBJECT && r >= g->c.heap_base && r < g->c.heap_limit;
}

/* The reference v with its target's new address. */
static uint64_t forward(struct gc *g, uint64_t v)
{
    uint64_t w = (datum(v) - g->c.heap_base) >> 3, b = w >> 6;
    if (!g->cached || g->cache_b != b) {
        g->cache_off = gc_raw(g->m, g->start + 8 * b);
        g->cache_mark = gc_raw(g->m, g->mark + 8 * b);
        g->cache_b = b;
        g->cached = true;
    }
    uint64_t below = g->cache_off + gc_popcount(g->cache_mark & ((1ull << (w & 63)) - 1));
    return (v & ~DATUM_MASK) | ((g->c.heap_base + 8 * below) & DATUM_MASK);
}

/* Phase 5: slide every live word down, in order, fixing references. */
static uint64_t compact(struct gc *g)
{
    uint64_t base = g->c.heap_base, dst = base;
    for (uint64_t b = 0; b < g->nbw; b++) {
        uint64_t m = gc_raw(g->m, g->mark + 8 * b);
        while (m) {
            uint64_t src = base + 8 * (64 * b + gc_ctz(m));
            m &= m - 1;
            uint64_t v = gc_word(g->m, src);
            if (internal(g, v)) {
                uint64_t nv = forward(g, v);
                if (dst != src || nv != v)
                    gc_put(g->m, dst, nv);
            } else if (dst != src) {
                if (v >> 56 == 0) /* RAW: all 64 bits, which a tagged load cuts to 56 */
                    gc_put_raw(g->m, dst, gc_raw(g->m, src));
                else
                    gc_put(g->m, dst, v);
            }
            if (dst != src)
                g->r.moved_bytes += 8;
            dst += 8;
        }
    }
    return dst;
}

/* Phase 6. */
static void fix_roots(struct gc *g)
{
    for (uint64_t i = 0; i < g->c.root_count; i++) {
        uint64_t a = g->c.root_base + 8 * i, v = gc_word(g->m, a);
        if (internal(g, v)) {
            uint64_t nv = forward(g, v);
            if (nv != v)
                gc_put(g->m, a, nv);
        }
    }
}

static bool collect(struct gc *g, uint64_t t0)
{
    const struct gc_config *c = &g->c;
    if (!config_ok(c, &g->nbw))
        return fail(g, GC_ERR_CONFIG, 0, 0);
    g->start = c->side_base;
    g->mark = c->side_base + 8 * g->nbw;
    g->stack = c->side_base + 16 * g->nbw;
    g->cap = c->side_size / 8 - 2 * g->nbw;
    for (uint64_t b = 0; b < g->nbw; b++) /* phase 1 */
        gc_put_raw(g->m, g->mark + 8 * b, 0);
    bool marked = parse(g) && mark(g);
    g->r.mark_ticks = gc_now(g->m) - t0;
    if (!marked)
        return false;
    offsets(g);
    uint64_t top = compact(g);
    fix_roots(g);
    for (uint64_t a = top; a < c->heap_top; a += 8) /* phase 7 */
        gc_put_raw(g->m, a, 0);
    g->r.new_top = top;
    return true;
}

bool gc_collect(struct gc_port *m, const struct gc_config *cfg, struct gc_result *res)
{
    uint64_t t0 = gc_now(m);
    struct gc g = { .m = m, .c = *cfg, .r = { .new_top = cfg->heap_top } };
    bool ok = collect(&g, t0);
    *res = g.r;
    return ok;
}
