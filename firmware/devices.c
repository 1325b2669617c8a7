#include "amber/hw.h"
#include "devices.h"
#include "mmio.h"

static uint64_t read64(uint64_t pa)
{
    return mmio_read32(pa) | (uint64_t)mmio_read32(pa + 4) << 32;
}

bool devtable_valid(uint64_t pa)
{
    uint32_t n = mmio_read32(pa + DEVTABLE_COUNT), esize = mmio_read32(pa + DEVTABLE_ENTRY_SIZE);
    return mmio_read32(pa + DEVTABLE_MAGIC) == DEVID_TABLE &&
           mmio_read32(pa + DEVTABLE_VERSION) == 1 && esize >= 32 && n <= DEVTABLE_MAX &&
           DEVTABLE_ENTRIES + (uint64_t)n * esize <= AMBER_DEV_STRIDE; /* one page */
}

bool devtable_find(uint64_t table, uint32_t id, struct device *out)
{
    uint32_t n = mmio_read32(table + DEVTABLE_COUNT);
    uint32_t esize = mmio_read32(table + DEVTABLE_ENTRY_SIZE);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t e = table + DEVTABLE_ENTRIES + (uint64_t)i * esize;
        if (mmio_read32(e + DTE_ID) != id)
            continue;
        uint32_t vi = mmio_read32(e + DTE_VERSION);
        out->id = id;
        out->version = (uint16_t)vi;
        out->irq = (uint16_t)(vi >> 16);
        out->base = read64(e + DTE_BASE);
        out->size = read64(e + DTE_SIZE);
        return true;
    }
    return false;
}
