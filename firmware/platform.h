/* What the power-on self test found: the devices the OS needs. */
#ifndef FW_PLATFORM_H
#define FW_PLATFORM_H

#include <stdint.h>

struct platform {
    uint64_t hartid;
    uint64_t devtable;
    uint64_t dram_base, dram_size;
    uint64_t pmem_base, pmem_size; /* size 0: no PMEM */
    uint64_t nvdimm_base;          /* 0: no NVDIMM controller */
    uint64_t rtc_base;             /* 0: no clock */
    uint64_t clint_base, plic_base, uart_base, power_base;
};

#endif
