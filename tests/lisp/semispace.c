/* The test collector (semispace.h). */
#include "semispace.h"

static uint64_t space_base(const struct semispace *s, int space)
{
    return (uint64_t)(uintptr_t)(s->words + (size_t)space * s->half);
}

static bool is_ref(uint64_t v)
{
    unsigned t = AM_TYPEOF(v);
    return t == AM_T_CONS || t == AM_T_SYMBOL || t == AM_T_OBJECT;
}

static uint64_t forward(struct semispace *s, struct lisp *l, uint64_t v, uint64_t *free)
{
    if (!is_ref(v))
        return v;
    uint64_t a = (uint64_t)AM_DATUM(v), from = space_base(s, s->current);
    if (a < from || a >= from + 8 * s->half)
        return v;
    uint64_t first = mem_load(&l->mem, a);
    if (AM_TYPEOF(first) == AM_T_FORWARD)
        return AM_MAKE(AM_TAGOF(v), AM_DATUM(first));
    uint64_t size = AM_TYPEOF(v) == AM_T_CONS ? 2 : 1 + ((uint64_t)AM_DATUM(first) & ((UINT64_C(1) << 48) - 1));
    /* Word and tag as they are: a tagged load drops the top byte of raw
     * data (docs/isa.md), so raw words are copied plainly. */
    size_t src = (size_t)((a - space_base(s, 0)) / 8), dst = (size_t)((*free - space_base(s, 0)) / 8);
    for (uint64_t i = 0; i < size; i++) {
        s->words[dst + i] = s->words[src + i];
        s->tags[dst + i] = s->tags[src + i];
    }
    mem_store(&l->mem, a, AM_MAKE(AM_TAG(AM_T_FORWARD, 0), *free));
    uint64_t moved = AM_MAKE(AM_TAGOF(v), *free);
    *free += 8 * size;
    return moved;
}

static void collect(struct lisp *l, void *ctx, uint64_t words)
{
    struct semispace *s = ctx;
    bool full = words > (l->hlim - l->hp) / 8;
    if (!full && --s->countdown > 0)
        return;
    s->countdown = s->every;
    int to = 1 - s->current;
    uint64_t free = space_base(s, to);
    for (unsigned i = 0; i < R_NREGS; i++)
        l->reg[i] = forward(s, l, l->reg[i], &free);
    for (size_t i = 0; i < l->nroots; i++)
        l->roots[i] = forward(s, l, l->roots[i], &free);
    for (uint64_t scan = space_base(s, to); scan < free; scan += 8) {
        uint64_t w = mem_load(&l->mem, scan);
        if (is_ref(w))
            mem_store(&l->mem, scan, forward(s, l, w, &free));
    }
    size_t used = (size_t)((l->hp - space_base(s, s->current)) / 8);
    for (size_t i = 0; i < used; i++) {
        s->words[(size_t)s->current * s->half + i] = UINT64_C(0xdeadbeefdeadbeef);
        s->tags[(size_t)s->current * s->half + i] = AM_T_RAW;
    }
    s->current = to;
    s->collections++;
    l->hp = free;
    l->hend = space_base(s, to) + 8 * s->half;
}

int semispace_init(struct semispace *s, struct lisp *l, uint64_t *words, uint8_t *tags, size_t half,
                   unsigned every, struct lisp_port out)
{
    *s = (struct semispace){words, tags, half, 0, every ? every : 1, every ? every : 1, 0};
    struct lisp_mem mem = {words, tags, half};
    struct lisp_channels chan = {0};
    if (lisp_init(l, &mem, out, chan) < 0)
        return -1;
    l->gc = (struct lisp_gc){collect, s, true};
    return 0;
}
