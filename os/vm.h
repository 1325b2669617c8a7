/* The kernel's Sv39 page table: identity gigapages for devices, DRAM and
 * PMEM, the DRAM alias of kernel.ld, and the store's region. */
#ifndef OS_VM_H
#define OS_VM_H

#include <stdint.h>

void vm_init(uint64_t dram_base, uint64_t dram_size, uint64_t pmem_size);
/* Point the 1 GiB slot holding `va` at a level-1 table (PA). */
void vm_map_l1(uint64_t va, uint64_t l1_pa);

#endif
