/* Device table: built once by the machine, then mapped read-only. */
#include <string.h>

#include "devtable.h"

static void put(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

void devtable_init(struct devtable *t)
{
    memset(t, 0, sizeof *t);
    put(t->page + DEVTABLE_MAGIC, DEVID_TABLE, 4);
    put(t->page + DEVTABLE_VERSION, 1, 4);
    put(t->page + DEVTABLE_ENTRY_SIZE, 32, 4);
}

bool devtable_add(struct devtable *t, uint32_t id, uint16_t version, uint16_t irq,
                  uint64_t base, uint64_t size)
{
    if (t->count == DEVTABLE_MAX)
        return false;
    uint8_t *e = t->page + DEVTABLE_ENTRIES + 32 * t->count;
    put(e + DTE_ID, id, 4);
    put(e + DTE_VERSION, version, 2);
    put(e + DTE_IRQ, irq, 2);
    put(e + DTE_BASE, base, 8);
    put(e + DTE_SIZE, size, 8);
    t->count++;
    put(t->page + DEVTABLE_COUNT, t->count, 4);
    return true;
}
