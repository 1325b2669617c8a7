#include "amber/hw.h"
#include "halt.h"
#include "mmio.h"

void fw_fail(uint32_t code)
{
    mmio_write32(AMBER_FINISHER_BASE, FINISHER_FAIL | code << 16);
    for (;;)
        __asm__ volatile("wfi");
}
