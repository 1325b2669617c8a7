/* The physical address space: RAM-like regions backed by host memory and
 * device regions reached through struct mmio_ops. The CPU calls the bus, the
 * bus calls devices; nothing calls back. */
#ifndef EMU_BUS_H
#define EMU_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "mmio.h"

#define BUS_MAX_REGIONS 16

struct bus_region {
    const char *name;
    uint64_t base, size;
    uint8_t *host;              /* RAM or ROM: host memory; NULL for a device */
    bool writable;              /* for host-backed regions */
    const struct mmio_ops *ops; /* for devices */
    void *dev;
};

struct bus {
    struct bus_region r[BUS_MAX_REGIONS];
    unsigned n;
};

bool bus_add_ram(struct bus *b, const char *name, uint64_t base, uint64_t size,
                 uint8_t *host, bool writable);
bool bus_add_device(struct bus *b, const char *name, uint64_t base, uint64_t size,
                    const struct mmio_ops *ops, void *dev);
const struct bus_region *bus_find(const struct bus *b, uint64_t pa, uint64_t len);

/* Uncached access of 1, 2, 4 or 8 bytes; false on an access fault. */
bool bus_read(const struct bus *b, uint64_t pa, unsigned size, uint64_t *val);
bool bus_write(const struct bus *b, uint64_t pa, unsigned size, uint64_t val);

/* Host pointer for [pa, pa+len) if it lies in one RAM region (writable if
 * asked), else NULL. Used by loaders and page-table walks. */
uint8_t *bus_host(const struct bus *b, uint64_t pa, uint64_t len, bool write);

#endif
