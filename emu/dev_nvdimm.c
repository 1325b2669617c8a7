#include "amber/hw.h"
#include "dev_nvdimm.h"

void nvdimm_init(struct nvdimm *d, struct pmem *p)
{
    d->pmem = p;
    d->sel = 0;
}

static bool nv_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct nvdimm *d = dev;
    const struct pmem *p = d->pmem;
    uint64_t lines = p->size / IMAGE_MEDIA_LINE;
    if (size < 4)
        return false;
    switch (off) {
    case DEV_ID: *val = DEVID_NVDIMM; break;
    case DEV_VERSION: *val = 1; break;
    case NVDIMM_SIZE: *val = p->size; break;
    case NVDIMM_STATUS: *val = p->cfg.eadr ? NVDIMM_STATUS_EADR : 0; break;
    case NVDIMM_BARRIER: *val = p->npending; break;
    case NVDIMM_WEAR_SEL: *val = d->sel; break;
    case NVDIMM_WEAR: *val = d->sel < lines ? p->wear[d->sel] : 0; break;
    case NVDIMM_WEAR_MAX: *val = p->wear_max; break;
    case NVDIMM_MEDIA_WRITES: *val = p->st.media_writes; break;
    case NVDIMM_POWER_CYCLES: *val = p->im->h.power_cycles; break;
    default: return false;
    }
    if (size == 4)
        *val &= 0xffffffffu;
    return true;
}

static bool nv_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct nvdimm *d = dev;
    if (size < 4)
        return false;
    switch (off) {
    case NVDIMM_BARRIER:
        /* The register's own access cost stands for the drain: devices
         * cannot charge the CPU; the fence instruction is the timed path. */
        pmem_fence(d->pmem);
        return true;
    case NVDIMM_WEAR_SEL:
        d->sel = val;
        return true;
    default:
        return false;
    }
}

const struct mmio_ops nvdimm_mmio = { nv_read, nv_write };
