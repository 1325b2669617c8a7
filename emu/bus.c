#include <string.h>

#include "bus.h"
#include "pmem.h"

static bool add(struct bus *b, struct bus_region r)
{
    if (b->n == BUS_MAX_REGIONS || r.size == 0 || r.base + r.size < r.base)
        return false;
    for (unsigned i = 0; i < b->n; i++)
        if (r.base < b->r[i].base + b->r[i].size && b->r[i].base < r.base + r.size)
            return false; /* overlap */
    b->r[b->n++] = r;
    return true;
}

bool bus_add_ram(struct bus *b, const char *name, uint64_t base, uint64_t size,
                 uint8_t *host, bool writable)
{
    return add(b, (struct bus_region){ .name = name, .base = base, .size = size,
                                       .host = host, .writable = writable });
}

bool bus_add_flash(struct bus *b, uint64_t base, uint64_t size, uint8_t *host)
{
    return add(b, (struct bus_region){ .name = "flash", .base = base, .size = size,
                                       .host = host, .loadable = true });
}

bool bus_add_tagged_ram(struct bus *b, const char *name, uint64_t base, uint64_t size,
                        uint8_t *host, const struct tagmem *tags)
{
    if (!tags->word || tags->size != size || base % (1u << TAG_PAGE_SHIFT))
        return false; /* tag pages line up with guest pages */
    return add(b, (struct bus_region){ .name = name, .base = base, .size = size,
                                       .host = host, .writable = true, .tags = *tags });
}

bool bus_add_pmem(struct bus *b, uint64_t base, struct pmem *p)
{
    if (!bus_add_tagged_ram(b, "pmem", base, p->size, p->data, &p->tags))
        return false;
    b->r[b->n - 1].pmem = p;
    b->pmem = p;
    return true;
}

bool bus_add_device(struct bus *b, const char *name, uint64_t base, uint64_t size,
                    const struct mmio_ops *ops, void *dev)
{
    return add(b, (struct bus_region){ .name = name, .base = base, .size = size,
                                       .ops = ops, .dev = dev });
}

const struct bus_region *bus_find(const struct bus *b, uint64_t pa, uint64_t len)
{
    for (unsigned i = 0; i < b->n; i++) {
        const struct bus_region *r = &b->r[i];
        if (pa >= r->base && pa - r->base < r->size && len <= r->size - (pa - r->base))
            return r;
    }
    return NULL;
}

bool bus_read(const struct bus *b, uint64_t pa, unsigned size, uint64_t *val)
{
    const struct bus_region *r = bus_find(b, pa, size);
    if (!r)
        return false;
    if (r->host) {
        uint64_t v = 0;
        memcpy(&v, r->host + (pa - r->base), size); /* little-endian host */
        *val = v;
        return true;
    }
    if (pa & (size - 1))
        return false; /* devices take naturally aligned accesses only */
    return r->ops->read(r->dev, pa - r->base, size, val);
}

bool bus_write(const struct bus *b, uint64_t pa, unsigned size, uint64_t val)
{
    const struct bus_region *r = bus_find(b, pa, size);
    if (!r)
        return false;
    if (r->host) {
        if (!r->writable)
            return false;
        memcpy(r->host + (pa - r->base), &val, size);
        tagmem_clear(&r->tags, pa - r->base, size);
        if (r->pmem)
            pmem_write(r->pmem, pa - r->base, size);
        return true;
    }
    if (pa & (size - 1))
        return false;
    return r->ops->write(r->dev, pa - r->base, size, val);
}

static uint8_t *host_pointer(const struct bus *b, uint64_t pa, uint64_t len, bool write,
                             bool loader)
{
    const struct bus_region *r = bus_find(b, pa, len);
    if (!r || !r->host || (write && !r->writable && !(loader && r->loadable)))
        return NULL;
    if (write) {
        tagmem_clear(&r->tags, pa - r->base, len);
        if (r->pmem && len)
            pmem_write(r->pmem, pa - r->base, len);
    }
    return r->host + (pa - r->base);
}

uint8_t *bus_host(const struct bus *b, uint64_t pa, uint64_t len, bool write)
{
    return host_pointer(b, pa, len, write, false);
}

uint8_t *bus_host_load(const struct bus *b, uint64_t pa, uint64_t len)
{
    return host_pointer(b, pa, len, true, true);
}

void bus_clear_tags(const struct bus *b, uint64_t pa, uint64_t len)
{
    const struct bus_region *r = bus_find(b, pa, len);
    if (r)
        tagmem_clear(&r->tags, pa - r->base, len);
    if (r && r->pmem && len)
        pmem_write(r->pmem, pa - r->base, len);
}

bool bus_get_tag(const struct bus *b, uint64_t pa, uint8_t *tag)
{
    const struct bus_region *r = bus_find(b, pa, 1);
    if (!r || !r->host)
        return false;
    uint8_t *page = tagmem_page(&r->tags, pa - r->base);
    *tag = page ? page[((pa - r->base) & 0xfff) >> TAG_WORD_SHIFT] : 0;
    return true;
}
