/* The physical address space: RAM-like regions backed by host memory and
 * device regions reached through struct mmio_ops. The CPU calls the bus, the
 * bus calls devices; nothing calls back. */
#ifndef EMU_BUS_H
#define EMU_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "mmio.h"
#include "tagmem.h"

#define BUS_MAX_REGIONS 32

struct pmem;

struct bus_region {
    const char *name;
    uint64_t base, size;
    uint8_t *host;              /* RAM or ROM: host memory; NULL for a device */
    bool writable;              /* for host-backed regions */
    bool loadable;              /* read-only to the guest, written by loaders (flash) */
    struct tagmem tags;         /* tagged RAM (DRAM, PMEM); tags.word NULL otherwise */
    const struct mmio_ops *ops; /* for devices */
    void *dev;
    struct pmem *pmem;          /* persistent RAM: every write is told to the model */
};

struct bus {
    struct bus_region r[BUS_MAX_REGIONS];
    unsigned n;
    struct pmem *pmem;          /* the PMEM region's model, for fences; NULL without one */
};

bool bus_add_ram(struct bus *b, const char *name, uint64_t base, uint64_t size,
                 uint8_t *host, bool writable);
/* Flash: read-only to the guest; a loader (bus_host_load) may program it. */
bool bus_add_flash(struct bus *b, uint64_t base, uint64_t size, uint8_t *host);
/* RAM with out-of-band tags (docs/isa.md); the caller owns the storage. */
bool bus_add_tagged_ram(struct bus *b, const char *name, uint64_t base, uint64_t size,
                        uint8_t *host, const struct tagmem *tags);
/* PMEM: tagged RAM whose writes go through the persistence model (emu/pmem.h). */
bool bus_add_pmem(struct bus *b, uint64_t base, struct pmem *p);
bool bus_add_device(struct bus *b, const char *name, uint64_t base, uint64_t size,
                    const struct mmio_ops *ops, void *dev);
const struct bus_region *bus_find(const struct bus *b, uint64_t pa, uint64_t len);

/* Uncached access of 1, 2, 4 or 8 bytes; false on an access fault. Every
 * write to RAM sets the tags of the words it touches to RAW. */
bool bus_read(const struct bus *b, uint64_t pa, unsigned size, uint64_t *val);
bool bus_write(const struct bus *b, uint64_t pa, unsigned size, uint64_t val);

/* Host pointer for [pa, pa+len) if it lies in one RAM region (writable if
 * asked), else NULL. Used by loaders and page-table walks. Asking for a
 * writable pointer sets the tags of the range to RAW: the caller is about
 * to overwrite it with plain data. */
uint8_t *bus_host(const struct bus *b, uint64_t pa, uint64_t len, bool write);
/* A writable pointer for a loader: like bus_host, but flash too, as a
 * programmer writes a ROM the guest cannot. */
uint8_t *bus_host_load(const struct bus *b, uint64_t pa, uint64_t len);

/* The tag of the word holding pa: false if pa is not in RAM. RAM without
 * tag storage reads as RAW. */
bool bus_get_tag(const struct bus *b, uint64_t pa, uint8_t *tag);
/* Set the tags of the words [pa, pa+len) touches to RAW, for writers that
 * reach RAM through a host pointer. */
void bus_clear_tags(const struct bus *b, uint64_t pa, uint64_t len);

#endif
