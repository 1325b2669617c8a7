/* The NVDIMM controller: the guest's view of the persistence model (PMEM
 * size, eADR, an explicit barrier) and of the media's wear. Layout in
 * include/amber/hw.h, behaviour in docs/nvdimm.md. */
#ifndef EMU_DEV_NVDIMM_H
#define EMU_DEV_NVDIMM_H

#include <stdint.h>

#include "mmio.h"
#include "pmem.h"

struct nvdimm {
    struct pmem *pmem;
    uint64_t sel;    /* NVDIMM_WEAR_SEL */
};

void nvdimm_init(struct nvdimm *d, struct pmem *p);
extern const struct mmio_ops nvdimm_mmio;

#endif
