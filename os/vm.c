#include "vm.h"

#include "amber/hw.h"
#include "layout.h"
#include "riscv.h"

static uint64_t root[512] __attribute__((aligned(4096)));

#define GIGA (1ull << 30)
#define RW   (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define RWX  (RW | PTE_X)

static uint64_t giga(uint64_t pa, uint64_t perm) { return (pa >> 12) << PTE_PPN_SHIFT | perm; }

void vm_init(uint64_t dram_base, uint64_t dram_size, uint64_t pmem_size)
{
    root[0] = giga(0, RW);
    for (uint64_t a = dram_base & ~(GIGA - 1); a < dram_base + dram_size && a < KDRAM_VA; a += GIGA)
        root[a / GIGA] = giga(a, RWX);
    root[KDRAM_VA / GIGA] = giga(KDRAM_PA, RW);
    /* PMEM up to the store's region: the kernel uses its first 201 MiB. */
    for (uint64_t a = AMBER_PMEM_BASE; a < AMBER_PMEM_BASE + pmem_size && a < STORE_VA; a += GIGA)
        root[a / GIGA] = giga(a, RWX);
    csr_write(satp, SATP_SV39 | kva2pa(root) >> 12);
    __asm__ volatile("sfence.vma" ::: "memory");
}

void vm_map_l1(uint64_t va, uint64_t l1_pa)
{
    root[(va / GIGA) & 511] = (l1_pa >> 12) << PTE_PPN_SHIFT | PTE_V;
    __asm__ volatile("sfence.vma" ::: "memory");
}
