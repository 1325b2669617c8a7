#include <string.h>

#include "amber/hw.h"
#include "dev_nvdimm.h"

/* NVDIMM_OS_ID is a window on the image header's OS identity: the DIMM's
 * own label area, which the emulator writes to the header when it closes
 * the image. Its last bytes beyond the register stay zero, so the header's
 * field is always NUL-terminated. */
_Static_assert(NVDIMM_OS_ID_BYTES < IMAGE_OS_ID_BYTES, "the header keeps a terminating NUL");

static bool in_os_id(uint64_t off, unsigned size)
{
    return off >= NVDIMM_OS_ID && off + size <= NVDIMM_OS_ID + NVDIMM_OS_ID_BYTES;
}

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
    if (in_os_id(off, size)) {
        uint8_t b[8] = { 0 };
        memcpy(b, p->im->h.os_id + (off - NVDIMM_OS_ID), size);
        *val = 0;
        for (unsigned i = 0; i < size; i++)
            *val |= (uint64_t)b[i] << (8 * i);
        return true;
    }
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
    if (in_os_id(off, size)) {
        for (unsigned i = 0; i < size; i++)
            d->pmem->im->h.os_id[off - NVDIMM_OS_ID + i] = (char)(val >> (8 * i));
        return true;
    }
    if (size < 4)
        return false;
    switch (off) {
    case NVDIMM_BARRIER:
        /* The register's own access cost stands for the drain: devices
         * cannot charge the CPU; the fence instruction is the timed path. */
        pmem_fence(d->pmem);
        pmem_host_flush(d->pmem); /* the OS's explicit barrier: start the host's write-out too */
        return true;
    case NVDIMM_WEAR_SEL:
        d->sel = val;
        return true;
    default:
        return false;
    }
}

const struct mmio_ops nvdimm_mmio = { nv_read, nv_write };
