#include <string.h>
#include <sys/mman.h>

#include "tagmem.h"

/* Tags are sparse: untouched pages of the mapping cost the host nothing. */
static uint8_t *map(uint64_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

bool tagmem_alloc(struct tagmem *t, uint64_t size)
{
    *t = (struct tagmem){ .size = size };
    if (size == 0 || size % (1u << TAG_PAGE_SHIFT))
        return false;
    t->word = map(size >> TAG_WORD_SHIFT);
    t->page = map(size >> TAG_PAGE_SHIFT);
    if (!t->word || !t->page) {
        tagmem_free(t);
        return false;
    }
    return true;
}

void tagmem_free(struct tagmem *t)
{
    if (t->word)
        munmap(t->word, t->size >> TAG_WORD_SHIFT);
    if (t->page)
        munmap(t->page, t->size >> TAG_PAGE_SHIFT);
    *t = (struct tagmem){ 0 };
}

void tagmem_clear(const struct tagmem *t, uint64_t off, uint64_t len)
{
    if (!t->word || len == 0)
        return;
    uint64_t first = off >> TAG_WORD_SHIFT, end = ((off + len - 1) >> TAG_WORD_SHIFT) + 1;
    const uint64_t per_page = 1u << (TAG_PAGE_SHIFT - TAG_WORD_SHIFT);
    /* Only pages whose summary is set can hold a tag; skipping the others
     * keeps the tag array unallocated for memory that never saw one. */
    for (uint64_t w = first; w < end; w = (w / per_page + 1) * per_page) {
        uint64_t stop = (w / per_page + 1) * per_page;
        if (stop > end)
            stop = end;
        if (t->page[w / per_page])
            memset(t->word + w, 0, stop - w);
    }
}
