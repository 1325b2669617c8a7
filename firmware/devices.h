/* Device discovery: the read-only device table the boot ROM points at
 * (docs/devices.md), searched by id; ids the firmware does not know are
 * skipped. */
#ifndef FW_DEVICES_H
#define FW_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

struct device {
    uint32_t id;
    uint16_t version, irq;
    uint64_t base, size;
};

/* Is there a device table at pa? */
bool devtable_valid(uint64_t pa);
/* The first entry with this id, or false. */
bool devtable_find(uint64_t table, uint32_t id, struct device *out);

#endif
