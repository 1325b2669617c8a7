/* Sv39 page-table helpers for the guest tests (header-only; each program
 * gets its own pool of page-table pages). */
#ifndef GUEST_VM_H
#define GUEST_VM_H

#include "guest.h"

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_AD (PTE_A | PTE_D)
#define SATP_SV39 (8ull << 60)

#ifndef VM_POOL_PAGES
#define VM_POOL_PAGES 16
#endif

static uint64_t vm_pool[VM_POOL_PAGES][512] __attribute__((aligned(4096)));
static int vm_npool;

static inline uint64_t *pt_new(void)
{
    if (vm_npool >= VM_POOL_PAGES) {
        rt_puts("page-table pool exhausted\n");
        rt_exit(4);
    }
    uint64_t *p = vm_pool[vm_npool++];
    memset(p, 0, 4096);
    return p;
}

/* Address of the PTE for va at `level` (0: 4 KiB, 1: 2 MiB, 2: 1 GiB);
 * creates the intermediate tables when `create`, else returns 0 if absent. */
static inline uint64_t *pt_walk(uint64_t *root, uint64_t va, int level, int create)
{
    uint64_t *t = root;
    for (int l = 2; l > level; l--) {
        uint64_t *e = &t[(va >> (12 + 9 * l)) & 511];
        if (!(*e & PTE_V)) {
            if (!create)
                return 0;
            *e = (((uint64_t)pt_new() >> 12) << 10) | PTE_V;
        }
        t = (uint64_t *)((*e >> 10) << 12);
    }
    return &t[(va >> (12 + 9 * level)) & 511];
}

static inline void pt_map(uint64_t *root, uint64_t va, uint64_t pa, int level, uint64_t flags)
{
    *pt_walk(root, va, level, 1) = ((pa >> 12) << 10) | flags;
}

/* The standard map: VA = PA for the devices (one 1 GiB page at 0, S only)
 * and for the first 8 MiB of DRAM (4 KiB pages for the first 2 MiB, S
 * RWX, except the U code and data pages of guest_asm.S, then 2 MiB pages). */
static inline uint64_t *vm_identity(void)
{
    uint64_t *root = pt_new();
    pt_map(root, 0, 0, 2, PTE_V | PTE_R | PTE_W | PTE_AD);
    for (uint64_t off = 0; off < (2ull << 20); off += 4096) {
        uint64_t pa = AMBER_DRAM_BASE + off;
        uint64_t fl = PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD;
        if (pa >= (uint64_t)ucode_start && pa < (uint64_t)ucode_end)
            fl = PTE_V | PTE_R | PTE_X | PTE_U | PTE_A;
        if (pa >= (uint64_t)udata_start && pa < (uint64_t)udata_end)
            fl = PTE_V | PTE_R | PTE_W | PTE_U | PTE_AD;
        pt_map(root, pa, pa, 0, fl);
    }
    for (uint64_t off = 2ull << 20; off < (8ull << 20); off += 2ull << 20)
        pt_map(root, AMBER_DRAM_BASE + off, AMBER_DRAM_BASE + off, 1,
               PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD);
    return root;
}

static inline void vm_enable(uint64_t *root)
{
    csr_write(satp, SATP_SV39 | ((uint64_t)root >> 12));
    sfence_vma();
}

#endif
