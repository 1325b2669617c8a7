/* PLIC in the SiFive layout QEMU's virt machine uses: sources 1..31 with
 * level-triggered gateways, priorities 0..7, and two contexts (hart 0 M-mode
 * and S-mode). Devices drive source levels with plic_set_level; the machine
 * reads plic_irq for each context to set mip.MEIP and mip.SEIP. */
#ifndef EMU_DEV_PLIC_H
#define EMU_DEV_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

struct plic {
    uint8_t priority[PLIC_NSOURCES];    /* 0 = never interrupts */
    uint32_t level;                     /* gateway inputs, bit per source */
    uint32_t claimed;                   /* in service: claimed, not completed */
    uint32_t enable[PLIC_NCONTEXTS];
    uint8_t threshold[PLIC_NCONTEXTS];
};

void plic_init(struct plic *p);
void plic_set_level(struct plic *p, unsigned src, bool level);
uint32_t plic_pending(const struct plic *p);       /* the pending register */
bool plic_irq(const struct plic *p, unsigned ctx); /* line to the hart */
extern const struct mmio_ops plic_mmio;

#endif
