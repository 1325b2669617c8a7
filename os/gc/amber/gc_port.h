/* The collector's memory on the Amber-1: physical (or identity-mapped)
 * tagged RAM, reached with Xamber's tagged loads and stores (S or M mode)
 * and plain loads and stores for RAW data and the side tables. */
#ifndef OS_GC_PORT_H
#define OS_GC_PORT_H

#include <stdint.h>

#include "xamber.h"

struct gc_port {
    uint8_t unused; /* all of memory: nothing to say */
};

static inline uint64_t gc_word(const struct gc_port *p, uint64_t a)
{
    (void)p;
    return am_ld(a, 0);
}

static inline uint64_t gc_raw(const struct gc_port *p, uint64_t a)
{
    (void)p;
    return *(const uint64_t *)(uintptr_t)a;
}

static inline void gc_put(struct gc_port *p, uint64_t a, uint64_t v)
{
    (void)p;
    am_sd(v, a, 0);
}

static inline void gc_put_raw(struct gc_port *p, uint64_t a, uint64_t d)
{
    (void)p;
    *(uint64_t *)(uintptr_t)a = d;
}

/* The cycle counter (readable in S mode when the OS enables it). */
static inline uint64_t gc_now(const struct gc_port *p)
{
    (void)p;
    uint64_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

#endif
