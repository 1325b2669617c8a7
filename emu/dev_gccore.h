/* The GC core: marks a heap of tagged words from a root table and slides
 * the live words down in order (docs/gc-core.md is the specification, the
 * registers are in docs/devices.md). This is the golden model for the RTL:
 * it reaches memory only through struct gc_mem, one tagged 64-bit word per
 * access, in the documented order, and counts cycles as documented. It
 * knows nothing of the bus or the CPU, so a testbench can link it alone. */
#ifndef EMU_DEV_GCCORE_H
#define EMU_DEV_GCCORE_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

/* The core's memory port: one aligned 64-bit word and its tag byte per
 * access. The core is a trusted master: a write stores the tag it is given
 * (not RAW). Each call returns the wait states the memory added (>= 0), or
 * -1 for a bus error. */
struct gc_mem {
    void *ctx;
    int (*read)(void *ctx, uint64_t addr, uint64_t *data, uint8_t *tag);
    int (*write)(void *ctx, uint64_t addr, uint64_t data, uint8_t tag);
};

struct gccore {
    struct gc_mem mem;
    const uint64_t *now;   /* the machine's clock, in core cycles */
    /* registers */
    uint32_t irq_status, irq_enable, error;
    uint64_t error_addr, error_value;
    uint64_t heap_base, heap_top, heap_limit, side_base, side_size, root_base, root_count;
    uint64_t live_words, live_objects, moved_bytes, cycles, mark_cycles, accesses, total_cycles;
    uint64_t busy_until;   /* the running collection ends at this cycle */
    uint32_t irq_at_end;   /* IRQ_STATUS bit the running collection sets when it ends */
};

/* now may be NULL for a model driven only through gccore_collect. */
void gccore_init(struct gccore *g, const struct gc_mem *mem, const uint64_t *now);

/* Run one whole collection with the current registers at once and set the
 * result registers: the co-simulation and test entry. Returns its cycles. */
uint64_t gccore_collect(struct gccore *g);

/* Raise the end-of-collection interrupt when its time has come. */
void gccore_sync(struct gccore *g);
uint64_t gccore_next_event(const struct gccore *g); /* UINT64_MAX when idle */
bool gccore_irq(const struct gccore *g);

extern const struct mmio_ops gccore_mmio;

#endif
