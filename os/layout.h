/* The kernel's address map: the DRAM alias its .bss is linked at, the
 * persistent region's virtual addresses, and DRAM frame placement. */
#ifndef OS_LAYOUT_H
#define OS_LAYOUT_H

#include <stdint.h>

#include "amber/boot.h"

/* The gigabyte below PMEM aliases the first gigabyte of DRAM (kernel.ld). */
#define KDRAM_VA        0x0FC0000000ULL
#define KDRAM_PA        AMBER_DRAM_BASE
#define KDRAM_SPAN      0x0040000000ULL

/* The persistent region: the single-level store's virtual pages. */
#define STORE_VA        0x2000000000ULL
#ifndef STORE_PAGES
#define STORE_PAGES     16384u /* 64 MiB */
#endif

static inline uint64_t kva2pa(const void *p)
{
    uint64_t v = (uint64_t)p;
    return v - KDRAM_VA < KDRAM_SPAN ? v - KDRAM_VA + KDRAM_PA : v;
}

#endif
