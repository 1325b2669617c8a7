/* The software collector on the emulated CPU against the GC core, on the
 * same heaps: each heap is built, collected by os/gc (timed with mcycle),
 * saved, built again and collected by the device. Heap, roots and side
 * tables (offsets and mark bitmap), statistics and errors must be equal.
 * Prints the cycles of both, for docs/performance.md. Runs in M mode,
 * where tagged stores of references are allowed. */
#include "amber/hw.h"
#include "gc.h"
#include "gc_port.h"
#include "rt.h"
#include "xamber.h"

#define ROOTS 0x84000000ull
#define HEAP  0x84100000ull
#define LIMIT 0x84900000ull /* 8 MiB of heap address space */
#define SIDE  0x84900000ull
#define SIDE_SIZE 0x00400000ull
#define SAVE_DATA 0x85000000ull
#define SAVE_TAG  0x86000000ull
#define PMEM_EXT  0x1000000000ull
#define MAX_ROOTS 64

#define REG32(off) (*(volatile uint32_t *)(uintptr_t)(AMBER_GC_BASE + (off)))
#define REG64(off) (*(volatile uint64_t *)(uintptr_t)(AMBER_GC_BASE + (off)))

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t below(uint64_t n)
{
    return rnd() % n;
}

static void put(uint64_t a, uint64_t v)
{
    am_sd(v, a, 0);
}

static void put_raw(uint64_t a, uint64_t d)
{
    *(uint64_t *)(uintptr_t)a = d;
}

/* ---- heap shapes ---- */

struct builder {
    uint64_t top;              /* allocation pointer */
    unsigned nroots;
};

static uint64_t cons(struct builder *b, uint64_t car, uint64_t cdr)
{
    uint64_t p = b->top;
    put(p, car);
    put(p + 8, cdr);
    b->top += 16;
    return AM_MAKE(AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W), p);
}

/* A vector of n words, all nil: the caller fills it. */
static uint64_t vector(struct builder *b, uint64_t n)
{
    uint64_t p = b->top;
    put(p, AM_MAKE(AM_T_HEADER, 1ull << 48 | n));
    for (uint64_t i = 1; i <= n; i++)
        put(p + 8 * i, AM_NIL);
    b->top += 8 * (n + 1);
    return AM_MAKE(AM_T_OBJECT, p);
}

static uint64_t string(struct builder *b, uint64_t n)
{
    uint64_t p = b->top;
    put(p, AM_MAKE(AM_T_HEADER, 2ull << 48 | n));
    for (uint64_t i = 1; i <= n; i++)
        put_raw(p + 8 * i, rnd());
    b->top += 8 * (n + 1);
    return AM_MAKE(AM_T_OBJECT, p);
}

static void root(struct builder *b, uint64_t v)
{
    put(ROOTS + 8 * b->nroots++, v);
}

/* One list of n fixnums, allocated in order: everything live. */
static void shape_list(struct builder *b, unsigned n)
{
    uint64_t l = AM_NIL;
    for (unsigned i = 0; i < n; i++)
        l = cons(b, AM_FIXNUM(i), l);
    root(b, l);
}

/* The same, with a garbage pair after every live one. */
static void shape_list_half(struct builder *b, unsigned n)
{
    uint64_t l = AM_NIL;
    for (unsigned i = 0; i < n; i++) {
        l = cons(b, AM_FIXNUM(i), l);
        cons(b, AM_FIXNUM(-1), l);
    }
    root(b, l);
}

/* A complete binary tree of pairs; every third subtree is dropped. */
static uint64_t tree(struct builder *b, unsigned depth, unsigned *count)
{
    if (depth == 0)
        return AM_FIXNUM(depth);
    uint64_t l = tree(b, depth - 1, count), r = tree(b, depth - 1, count);
    if (++*count % 3 == 0)
        r = AM_NIL;
    return cons(b, l, r);
}

static void shape_tree(struct builder *b, unsigned depth)
{
    unsigned count = 0;
    root(b, tree(b, depth, &count));
}

/* Vectors of 8 references to random earlier objects (sharing, and cycles
 * through a vector that refers to itself); a quarter of them are roots. */
static void shape_graph(struct builder *b, unsigned n)
{
    static uint64_t objs[8192];
    for (unsigned i = 0; i < n; i++) {
        uint64_t v = vector(b, 8);
        uint64_t p = (uint64_t)AM_DATUM(v);
        objs[i] = v;
        for (unsigned k = 1; k <= 8; k++) {
            uint64_t r = rnd() % 4;
            uint64_t f = r == 0 ? AM_FIXNUM(k) : r == 1 ? AM_MAKE(AM_T_CONS, PMEM_EXT + 16 * k)
                                                        : objs[below(i + 1)];
            put(p + 8 * k, f);
        }
        if (below(4) == 0 && b->nroots < MAX_ROOTS)
            root(b, v);
    }
}

/* Strings of 64 raw words between lists: copying dominates. */
static void shape_strings(struct builder *b, unsigned n)
{
    uint64_t l = AM_NIL;
    for (unsigned i = 0; i < n; i++) {
        uint64_t s = string(b, 64);
        if (i % 2)
            l = cons(b, s, l);
        else
            string(b, 16); /* garbage */
    }
    root(b, l);
}

struct shape {
    const char *name;
    void (*build)(struct builder *, unsigned);
    unsigned arg;
};

static const struct shape shapes[] = {
    { "list, all live", shape_list, 8000 },
    { "list, half garbage", shape_list_half, 8000 },
    { "binary tree", shape_tree, 13 },
    { "random graph of vectors", shape_graph, 2000 },
    { "raw strings", shape_strings, 400 },
};

static struct gc_config build(const struct shape *s, uint64_t seed)
{
    rng_state = seed;
    struct builder b = { HEAP, 0 };
    s->build(&b, s->arg);
    for (unsigned i = b.nroots; i < 4; i++)
        root(&b, AM_MAKE(AM_T_CONS, PMEM_EXT)); /* external roots: never followed */
    if (b.nroots < 4)
        b.nroots = 4;
    for (uint64_t a = b.top; a < LIMIT && a < b.top + 4096; a += 8)
        put_raw(a, 0);
    return (struct gc_config){ HEAP, b.top, LIMIT, SIDE, SIDE_SIZE, ROOTS, b.nroots };
}

/* ---- saving and comparing what a collection leaves ---- */

static uint64_t side_words(const struct gc_config *c)
{
    return 2 * ((((c->heap_top - c->heap_base) >> 3) + 63) >> 6);
}

/* The words a collection defines: roots, the old heap extent, side tables. */
static uint64_t walk(const struct gc_config *c, bool save)
{
    uint64_t n = 0, bad = 0;
    const uint64_t ranges[3][2] = {
        { c->root_base, c->root_base + 8 * c->root_count },
        { c->heap_base, c->heap_top },
        { c->side_base, c->side_base + 8 * side_words(c) },
    };
    for (unsigned r = 0; r < 3; r++)
        for (uint64_t a = ranges[r][0]; a < ranges[r][1]; a += 8, n++) {
            uint64_t d = *(uint64_t *)(uintptr_t)a;
            uint8_t t = (uint8_t)(am_ld(a, 0) >> 56);
            uint64_t *sd = (uint64_t *)(uintptr_t)(SAVE_DATA + 8 * n);
            uint8_t *st = (uint8_t *)(uintptr_t)(SAVE_TAG + n);
            if (save) {
                *sd = d;
                *st = t;
            } else if (*sd != d || *st != t) {
                if (bad++ < 4) {
                    rt_puts("  differs at ");
                    rt_puthex(a);
                    rt_puts(": software ");
                    rt_puthex(*sd);
                    rt_puts(" device ");
                    rt_puthex(d);
                    rt_putc('\n');
                }
            }
        }
    return bad;
}

static void device_collect(const struct gc_config *c)
{
    REG64(GC_HEAP_BASE) = c->heap_base;
    REG64(GC_HEAP_TOP) = c->heap_top;
    REG64(GC_HEAP_LIMIT) = c->heap_limit;
    REG64(GC_SIDE_BASE) = c->side_base;
    REG64(GC_SIDE_SIZE) = c->side_size;
    REG64(GC_ROOT_BASE) = c->root_base;
    REG64(GC_ROOT_COUNT) = c->root_count;
    REG32(GC_CTRL) = GC_CTRL_START;
    while (REG32(GC_STATUS) & GC_STATUS_BUSY)
        ;
}

static void put_ratio(uint64_t a, uint64_t b) /* a / b with one decimal */
{
    uint64_t x10 = (a * 10 + b / 2) / b;
    rt_putdec((int64_t)(x10 / 10));
    rt_putc('.');
    rt_putdec((int64_t)(x10 % 10));
    rt_putc('x');
}

static void field(const char *name, uint64_t v)
{
    rt_puts(name);
    rt_putdec((int64_t)v);
}

int main(void)
{
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        const struct shape *s = &shapes[i];
        uint64_t seed = 0x9E3779B97F4A7C15ull + i;

        /* Software collector on the CPU. */
        struct gc_config cfg = build(s, seed);
        struct gc_port port;
        struct gc_result res;
        uint64_t i0 = csr_read(minstret), t0 = csr_read(mcycle);
        gc_collect(&port, &cfg, &res);
        uint64_t sw_cycles = csr_read(mcycle) - t0, sw_insns = csr_read(minstret) - i0;
        CHECK(res.error == 0);
        walk(&cfg, true);

        /* The GC core on the same heap. */
        cfg = build(s, seed);
        device_collect(&cfg);
        CHECK(REG32(GC_ERROR) == 0);
        CHECK(REG32(GC_IRQ_STATUS) == GC_IRQ_DONE);
        REG32(GC_IRQ_STATUS) = GC_IRQ_DONE;
        CHECK(REG64(GC_HEAP_TOP) == res.new_top);
        CHECK(REG64(GC_LIVE_WORDS) == res.live_words);
        CHECK(REG64(GC_LIVE_OBJECTS) == res.live_objects);
        CHECK(REG64(GC_MOVED_BYTES) == res.moved_bytes);
        uint64_t bad = walk(&cfg, false);
        uint64_t hw_cycles = REG64(GC_CYCLES), hw_mark = REG64(GC_MARK_CYCLES);

        rt_puts(s->name);
        field(": heap words ", (cfg.heap_top - cfg.heap_base) / 8);
        field(", live words ", res.live_words);
        field(", objects ", res.live_objects);
        field(", moved bytes ", res.moved_bytes);
        field("\n  software: mark ", res.mark_ticks);
        field(", total ", sw_cycles);
        field(" (instructions ", sw_insns);
        field("); GC core: mark ", hw_mark);
        field(", total ", hw_cycles);
        field(", accesses ", REG64(GC_ACCESSES));
        rt_puts("\n  speed-up: mark ");
        put_ratio(res.mark_ticks, hw_mark);
        rt_puts(", compaction ");
        put_ratio(sw_cycles - res.mark_ticks, hw_cycles - hw_mark);
        rt_puts(", total ");
        put_ratio(sw_cycles, hw_cycles);
        rt_putc('\n');
        CHECK(bad == 0);
    }

    /* A bad heap: the device stops with the software's error, heap intact. */
    struct gc_config cfg = build(&shapes[0], 1);
    uint64_t bad = AM_MAKE(AM_T_CONS, HEAP + 8); /* the cdr of the first pair */
    put(ROOTS + 8, bad);
    struct gc_port port;
    struct gc_result res;
    gc_collect(&port, &cfg, &res);
    CHECK(res.error == GC_ERR_POINTER && res.error_addr == ROOTS + 8);
    device_collect(&cfg);
    CHECK(REG32(GC_STATUS) == GC_STATUS_ERROR);
    CHECK(REG32(GC_ERROR) == GC_ERR_POINTER);
    CHECK(REG64(GC_ERROR_ADDR) == ROOTS + 8);
    CHECK(REG64(GC_ERROR_VALUE) == bad);
    CHECK(REG64(GC_HEAP_TOP) == cfg.heap_top);
    rt_puts("gc_compare: device and software agree\n");
    return 0;
}
