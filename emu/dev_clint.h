/* CLINT (SiFive core-local interruptor) for one hart: msip, mtimecmp and
 * mtime. mtime is not a counter of its own: it is derived from the CPU's
 * simulated cycle count, so it follows the timing model exactly. */
#ifndef EMU_DEV_CLINT_H
#define EMU_DEV_CLINT_H

#include <stdbool.h>
#include <stdint.h>

#include "mmio.h"

struct clint {
    const uint64_t *cycles;   /* the CPU's cycle counter, read only */
    uint64_t cycles_per_tick; /* core clock / timebase, e.g. 1 GHz / 10 MHz */
    uint64_t offset;          /* mtime = *cycles / cycles_per_tick + offset */
    uint64_t mtimecmp;
    uint32_t msip;
};

void clint_init(struct clint *c, const uint64_t *cycles, uint64_t cycles_per_tick);
uint64_t clint_mtime(const struct clint *c);
bool clint_mtip(const struct clint *c); /* mtime >= mtimecmp */
bool clint_msip(const struct clint *c);
/* The cycle count at which mtip next rises: UINT64_MAX if it is already
 * raised or the cycle counter cannot reach mtimecmp. Only register writes
 * change the answer, so the machine recomputes it after those. */
uint64_t clint_next_event(const struct clint *c);
extern const struct mmio_ops clint_mmio;

#endif
