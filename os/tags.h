/* Copies of store pages that keep the Xamber tags (docs/isa.md, docs/os.md
 * "Tags in the store"). An ordinary store makes the word it writes RAW, so
 * a tagged word is moved with am.ld/am.sd; a RAW word is moved with ld/sd,
 * since a tagged load returns only the low 56 bits of a RAW word. */
#ifndef OS_TAGS_H
#define OS_TAGS_H

#include <stdint.h>

#include "pmem.h"
#include "xamber.h"

/* tests/os: STORE_BROKEN_TAGS 1 makes the write-fault copies drop the tags,
 * 2 the checkpoint write-back (plain copies, as memcpy did): a store the
 * power-cut torture must catch. */
#ifndef STORE_BROKEN_TAGS
#define STORE_BROKEN_TAGS 0
#endif

/* The word's register form (tag << 56 | datum); its tag is 0 for RAW, and
 * for every word when `drop` (a broken test store). */
static inline uint64_t word_tagged(const uint64_t *p, int drop)
{
    return drop ? 0 : am_ld(p, 0);
}

/* Store a word read as `plain` (ld) and `tagged` (am.ld). */
static inline void word_put(uint64_t *d, uint64_t plain, uint64_t tagged)
{
    if (tagged >> AM_TAG_SHIFT)
        am_sd(tagged, d, 0);
    else
        *d = plain;
}

/* Copy a 4 KiB page, data and tags. */
static inline void page_copy(void *dst, const void *src)
{
    uint64_t *d = dst;
    const uint64_t *s = src;
    for (uint32_t k = 0; k < 512; k++)
        word_put(&d[k], s[k], word_tagged(&s[k], STORE_BROKEN_TAGS == 1));
}

/* pmem_update for a store page: store only the words whose data or tag
 * differ, then write the page back. Not fenced. */
static inline void pmem_update_page(uint64_t pa, const void *src)
{
    uint64_t *d = (uint64_t *)pa;
    const uint64_t *s = src;
    for (uint32_t k = 0; k < 512; k++) {
        uint64_t v = s[k], t = word_tagged(&s[k], STORE_BROKEN_TAGS == 2);
        /* equal data: the tagged forms differ exactly when the tags do */
        if (d[k] != v || word_tagged(&d[k], STORE_BROKEN_TAGS == 2) != t)
            word_put(&d[k], v, t);
    }
    pmem_flush(pa, 4096);
}

#endif
