/* The NVDIMM controller (docs/nvdimm.md): it is in the device table with
 * PMEM, reports the PMEM size, counts the write-pending queue, drains it on
 * a barrier write, and counts media writes and wear per 256-byte line. */
#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#define REG(off) (*(volatile uint64_t *)(uintptr_t)(AMBER_NVDIMM_BASE + (off)))

static int listed(uint32_t id, uint64_t base)
{
    const volatile uint8_t *t = (const volatile uint8_t *)(uintptr_t)AMBER_DEVTABLE_BASE;
    uint32_t n = *(const volatile uint32_t *)(t + DEVTABLE_COUNT);
    for (uint32_t i = 0; i < n; i++) {
        const volatile uint8_t *e = t + DEVTABLE_ENTRIES + 32 * i;
        if (*(const volatile uint32_t *)(e + DTE_ID) == id &&
            *(const volatile uint64_t *)(e + DTE_BASE) == base)
            return 1;
    }
    return 0;
}

int main(void)
{
    CHECK(listed(DEVID_NVDIMM, AMBER_NVDIMM_BASE));
    CHECK(listed(DEVID_PMEM, AMBER_PMEM_BASE));
    CHECK((uint32_t)REG(DEV_ID) == DEVID_NVDIMM);
    CHECK(REG(NVDIMM_SIZE) == 4u << 20);
    CHECK(REG(NVDIMM_STATUS) == 0);

    volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)(AMBER_PMEM_BASE + 0x1000);
    uint64_t writes = REG(NVDIMM_MEDIA_WRITES);
    REG(NVDIMM_WEAR_SEL) = 0x1000 / 256;
    uint64_t wear = REG(NVDIMM_WEAR);
    p[0] = 42;
    __asm__ volatile("cbo.clean (%0)" :: "r"(p) : "memory");
    CHECK(REG(NVDIMM_BARRIER) == 1);         /* queued, not yet on the media */
    CHECK(REG(NVDIMM_MEDIA_WRITES) == writes);
    REG(NVDIMM_BARRIER) = 1;
    CHECK(REG(NVDIMM_BARRIER) == 0);
    CHECK(REG(NVDIMM_MEDIA_WRITES) == writes + 1);
    CHECK(REG(NVDIMM_WEAR) == wear + 1);
    CHECK(REG(NVDIMM_WEAR_MAX) >= wear + 1);
    rt_puts("nvctl: ok\n");
    return 0;
}
