/* Tag storage of a RAM region (docs/isa.md, "Tag storage"): the out-of-band
 * tag byte of every naturally aligned 8-byte word, and a summary byte per
 * 4 KiB page that is nonzero once any tag of the page may be nonzero. The
 * summary lets the software TLB hand the store fast path a NULL tag pointer
 * for pages that never held a tag, so untagged code pays one test. */
#ifndef EMU_TAGMEM_H
#define EMU_TAGMEM_H

#include <stdbool.h>
#include <stdint.h>

#define TAG_WORD_SHIFT 3   /* one tag per 8 bytes */
#define TAG_PAGE_SHIFT 12  /* one summary byte per 4 KiB */

struct tagmem {
    uint8_t *word; /* size >> 3 bytes; NULL: the region has no tags */
    uint8_t *page; /* size >> 12 bytes */
    uint64_t size; /* bytes of RAM covered */
};

/* Anonymous, lazily committed storage for size bytes of RAM (a multiple of
 * 4 KiB); all tags RAW. Another owner (the persistent image) may fill a
 * struct tagmem from its own mapping instead. */
bool tagmem_alloc(struct tagmem *t, uint64_t size);
void tagmem_free(struct tagmem *t);

/* Set the tags of every word [off, off+len) touches to RAW. */
void tagmem_clear(const struct tagmem *t, uint64_t off, uint64_t len);

/* Pointer to the word tags of the page holding off, or NULL while the
 * page's summary says all its tags are RAW. */
static inline uint8_t *tagmem_page(const struct tagmem *t, uint64_t off)
{
    if (!t->word || !t->page[off >> TAG_PAGE_SHIFT])
        return NULL;
    return t->word + ((off >> TAG_PAGE_SHIFT) << (TAG_PAGE_SHIFT - TAG_WORD_SHIFT));
}

#endif
