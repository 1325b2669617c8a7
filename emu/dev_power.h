/* The power controller: the power button (a press is an interrupt; a long
 * press forces the power off) and the power-fail warning, an interrupt
 * that leaves the guest a window of residual energy before the cut.
 * Layout in include/amber/hw.h, behaviour in docs/nvdimm.md. */
#ifndef EMU_DEV_POWER_H
#define EMU_DEV_POWER_H

#include <stdbool.h>
#include <stdint.h>

#include "mmio.h"

struct powerctl {
    const uint64_t *now;  /* machine cycles */
    uint64_t window;      /* residual energy, in cycles; survives resets */
    uint64_t warn_at;     /* cycle of the warning; UINT64_MAX: none */
    uint32_t status, irq_status, irq_enable;
};

void powerctl_init(struct powerctl *p, const uint64_t *now, uint64_t window);
/* Power-on: no events; the window is a property of the supply. */
void powerctl_reset(struct powerctl *p);
/* The power will be cut at cycle cut (UINT64_MAX: never): warn window
 * cycles before it. */
void powerctl_schedule(struct powerctl *p, uint64_t cut);
void powerctl_press(struct powerctl *p);
/* Catch up with the clock; true while the interrupt line is raised. */
bool powerctl_irq(struct powerctl *p);
uint64_t powerctl_next_event(const struct powerctl *p);
extern const struct mmio_ops powerctl_mmio;

#endif
