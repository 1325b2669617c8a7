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
    bool forced_off;      /* a long press: the machine stops as at a power cut */
    /* PWR_CHECK reports since power-on; front ends (amber torture) read
     * and accumulate them, as nothing here survives a power cut. */
    uint64_t checks_passed, checks_failed;
    uint64_t last_check_id;
    uint32_t last_check;  /* PWR_CHECK_PASS or PWR_CHECK_FAIL; 0: none yet */
};

void powerctl_init(struct powerctl *p, const uint64_t *now, uint64_t window);
/* Power-on: no events; the window is a property of the supply. */
void powerctl_reset(struct powerctl *p);
/* The power will be cut at cycle cut (UINT64_MAX: never): warn window
 * cycles before it. */
void powerctl_schedule(struct powerctl *p, uint64_t cut);
void powerctl_press(struct powerctl *p);
/* Hold the button: the power goes off at once (machine_run stops with
 * STOP_POWER_CUT; volatile state is lost, as at a cut). */
void powerctl_long_press(struct powerctl *p);
/* Catch up with the clock; true while the interrupt line is raised. */
bool powerctl_irq(struct powerctl *p);
uint64_t powerctl_next_event(const struct powerctl *p);
extern const struct mmio_ops powerctl_mmio;

#endif
