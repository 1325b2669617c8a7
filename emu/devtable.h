/* The device table: a read-only page at AMBER_DEVTABLE_BASE listing every
 * device (id, version, PLIC source, base, size) so firmware can find the
 * hardware without knowing the memory map. The boot ROM passes its address
 * in a1. Layout in include/amber/hw.h and docs/devices.md. */
#ifndef EMU_DEVTABLE_H
#define EMU_DEVTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"

struct devtable {
    uint8_t page[AMBER_DEV_STRIDE];
    unsigned count;
};

void devtable_init(struct devtable *t);
/* False when the table is full. */
bool devtable_add(struct devtable *t, uint32_t id, uint16_t version, uint16_t irq,
                  uint64_t base, uint64_t size);

#endif
