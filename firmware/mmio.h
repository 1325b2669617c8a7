/* Device register access for the firmware: volatile loads and stores at
 * physical addresses (the firmware runs with paging off). */
#ifndef FW_MMIO_H
#define FW_MMIO_H

#include <stdint.h>

static inline uint8_t mmio_read8(uint64_t pa)
{
    return *(volatile uint8_t *)(uintptr_t)pa;
}

static inline void mmio_write8(uint64_t pa, uint8_t v)
{
    *(volatile uint8_t *)(uintptr_t)pa = v;
}

static inline uint32_t mmio_read32(uint64_t pa)
{
    return *(volatile uint32_t *)(uintptr_t)pa;
}

static inline void mmio_write32(uint64_t pa, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)pa = v;
}

static inline uint64_t mmio_read64(uint64_t pa)
{
    return *(volatile uint64_t *)(uintptr_t)pa;
}

static inline void mmio_write64(uint64_t pa, uint64_t v)
{
    *(volatile uint64_t *)(uintptr_t)pa = v;
}

#endif
