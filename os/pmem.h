/* Making PMEM stores durable (docs/nvdimm.md): write back every line
 * written with cbo.flush, then a fence, the platform's persistence point. */
#ifndef OS_PMEM_H
#define OS_PMEM_H

#include <stdint.h>

#include "riscv.h"

static inline void pmem_flush(uint64_t pa, uint64_t len)
{
    for (uint64_t a = pa & ~(uint64_t)(LINE_SIZE - 1); a < pa + len; a += LINE_SIZE)
        __asm__ volatile("cbo.flush (%0)" :: "r"(a) : "memory");
}

static inline void pmem_fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }

/* Make [pa, pa + len) equal to src (8-byte aligned, len a multiple of 8)
 * storing only the words that differ, then write the range back: lines that
 * already held the data stay clean, and a clean line's cbo.flush costs the
 * media nothing. Not fenced. */
static inline void pmem_update(uint64_t pa, const void *src, uint64_t len)
{
    uint64_t *d = (uint64_t *)pa;
    const uint64_t *s = src;
    for (uint64_t k = 0; k < len / 8; k++)
        if (d[k] != s[k])
            d[k] = s[k];
    pmem_flush(pa, len);
}

/* One aligned 8-byte store, written back and fenced: atomic on the media. */
static inline void pmem_store_word(uint64_t pa, uint64_t v)
{
    *(volatile uint64_t *)pa = v;
    pmem_flush(pa, 8);
    pmem_fence();
}

#endif
