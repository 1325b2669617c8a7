/* The porting layer between the Lisp core and tagged memory: every heap
 * access goes through these four functions, so the same core runs on the
 * host (a word array with a side array of tag bytes, for unit tests and
 * fuzzing) and on Amber-1 (Xamber tagged loads and stores). Addresses are
 * byte addresses, as in a value's datum; values are in register form
 * (docs/isa.md). */
#ifndef LISP_MEM_H
#define LISP_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "xamber.h"

/* The heap handed to the core: nwords aligned words starting at base. On
 * the host, tags points to one tag byte per word; on the guest the tags
 * are the hardware's and tags is unused. */
struct lisp_mem {
    uint64_t *words;
    uint8_t *tags;
    size_t nwords;
};

#if defined(__riscv) && __riscv_xlen == 64

static inline uint64_t mem_load(const struct lisp_mem *m, uint64_t addr)
{
    (void)m;
    return am_ld(addr, 0);
}

static inline void mem_store(struct lisp_mem *m, uint64_t addr, uint64_t v)
{
    (void)m;
    am_sd(v, addr, 0);
}

#else

static inline size_t mem_index(const struct lisp_mem *m, uint64_t addr)
{
    return (size_t)((addr - (uint64_t)(uintptr_t)m->words) >> 3);
}

static inline uint64_t mem_load(const struct lisp_mem *m, uint64_t addr)
{
    size_t i = mem_index(m, addr);
    return AM_MAKE(m->tags[i], m->words[i]);
}

static inline void mem_store(struct lisp_mem *m, uint64_t addr, uint64_t v)
{
    size_t i = mem_index(m, addr);
    m->words[i] = (uint64_t)AM_DATUM(v);
    m->tags[i] = (uint8_t)AM_TAGOF(v);
}

#endif

/* The tag byte of a word (the GC's view of memory). */
static inline unsigned mem_tag(const struct lisp_mem *m, uint64_t addr)
{
    return AM_TAGOF(mem_load(m, addr));
}

/* Raw data (string and bytevector bytes, bignum digits) is read and
 * written with ordinary loads and stores, which keep its tags RAW. */
static inline uint8_t *mem_raw(const struct lisp_mem *m, uint64_t addr)
{
    (void)m;
    return (uint8_t *)(uintptr_t)addr;
}

#endif
