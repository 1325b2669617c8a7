/* The power-fail warning (docs/nvdimm.md): the guest works until the power
 * controller warns, then persists a marker within the residual-energy
 * window. warning.py checks the marker in the image after the cut. */
#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#define PWR(off) (*(volatile uint32_t *)(uintptr_t)(AMBER_POWER_BASE + (off)))
#define MARKER 0x6e696172756f6e65ull /* "enourain", arbitrary */

int main(void)
{
    CHECK(PWR(DEV_ID) == DEVID_POWER);
    volatile uint64_t *pm = (volatile uint64_t *)(uintptr_t)AMBER_PMEM_BASE;
    uint64_t work = 0;
    while (!(PWR(PWR_STATUS) & PWR_EV_WARN))
        work++;
    pm[0] = MARKER;
    pm[1] = work;
    __asm__ volatile("cbo.clean (%0)\n\tfence rw, rw" :: "r"(pm) : "memory");
    rt_puts("warned\n");
    for (;;)
        __asm__ volatile("wfi");
}
