#include "plic.h"

#include "amber/hw.h"
#include "riscv.h"

#define PLIC_S_CONTEXT 1u

void plic_enable(uint32_t source)
{
    uint64_t en = AMBER_PLIC_BASE + PLIC_ENABLE + PLIC_ENABLE_STRIDE * PLIC_S_CONTEXT + 4 * (source / 32);
    mmio_w32(AMBER_PLIC_BASE + PLIC_PRIORITY + 4 * source, 1);
    mmio_w32(en, mmio_r32(en) | 1u << (source % 32));
    mmio_w32(AMBER_PLIC_BASE + PLIC_THRESHOLD + PLIC_CONTEXT_STRIDE * PLIC_S_CONTEXT, 0);
}

uint32_t plic_claim(void)
{
    return mmio_r32(AMBER_PLIC_BASE + PLIC_CLAIM + PLIC_CONTEXT_STRIDE * PLIC_S_CONTEXT);
}

void plic_complete(uint32_t source)
{
    mmio_w32(AMBER_PLIC_BASE + PLIC_CLAIM + PLIC_CONTEXT_STRIDE * PLIC_S_CONTEXT, source);
}
