/* The collector's memory on the host (tests): one arena of tagged words
 * that holds the heap, the side tables and the roots. References outside
 * it are external and never dereferenced; an access outside it is a bug in
 * the collector, so it aborts. */
#ifndef OS_GC_PORT_H
#define OS_GC_PORT_H

#include <stdint.h>
#include <stdlib.h>

struct gc_port {
    uint64_t base;  /* address of data[0] */
    uint64_t words;
    uint64_t *data; /* memory form: references hold the datum sign-extended */
    uint8_t *tag;
};

static inline uint64_t gc_index(const struct gc_port *p, uint64_t a)
{
    uint64_t i = (a - p->base) >> 3;
    if (a < p->base || (a & 7) || i >= p->words)
        abort();
    return i;
}

/* The tagged word at a in register form: tag << 56 | low 56 bits. */
static inline uint64_t gc_word(const struct gc_port *p, uint64_t a)
{
    uint64_t i = gc_index(p, a);
    return (uint64_t)p->tag[i] << 56 | (p->data[i] & ((1ull << 56) - 1));
}

/* The whole 64-bit data of the word at a (what a plain load reads). */
static inline uint64_t gc_raw(const struct gc_port *p, uint64_t a)
{
    return p->data[gc_index(p, a)];
}

/* A tagged store of register form v (its tag not RAW). */
static inline void gc_put(struct gc_port *p, uint64_t a, uint64_t v)
{
    uint64_t i = gc_index(p, a);
    p->data[i] = (uint64_t)((int64_t)(v << 8) >> 8);
    p->tag[i] = (uint8_t)(v >> 56);
}

/* A plain store: the word becomes RAW. */
static inline void gc_put_raw(struct gc_port *p, uint64_t a, uint64_t d)
{
    uint64_t i = gc_index(p, a);
    p->data[i] = d;
    p->tag[i] = 0;
}

/* No clock on the host: the tests count nothing in time. */
static inline uint64_t gc_now(const struct gc_port *p)
{
    (void)p;
    return 0;
}

#endif
