/* Paging the persistent region: clean pages map their PMEM slot (or the
 * zero page) read-only; the first write moves a page to a DRAM frame
 * (version 2); a write to a frozen page copies it to a fresh frame. Page
 * copies keep the Xamber tags (tags.h). */

#include "frames.h"
#include "kernel.h"
#include "riscv.h"
#include "store.h"
#include "store_media.h"
#include "store_state.h"
#include "tags.h"
#include "vm.h"

struct store_state S;

static uint64_t region_l1[512] __attribute__((aligned(4096)));
static uint64_t region_l0[(STORE_PAGES + 511) / 512][512] __attribute__((aligned(4096)));
static uint8_t zero_page[4096] __attribute__((aligned(4096)));

static inline uint64_t *pte_of(uint32_t page) { return &region_l0[page / 512][page % 512]; }

static inline uint64_t leaf(uint64_t pa, uint64_t perm)
{
    return (pa >> 12) << PTE_PPN_SHIFT | PTE_V | PTE_A | perm;
}

void store_map_init(const uint8_t *cur_map, const uint8_t *prev_map)
{
    /* S starts zeroed (.bss, once per power-on) */
    for (uint32_t p = 0; p < STORE_PAGES; p++) {
        S.slot_cur[p] = (uint8_t)map_get(cur_map, p);
        S.slot_prev[p] = (uint8_t)map_get(prev_map, p);
    }
    for (uint32_t i = 0; i < (STORE_PAGES + 511) / 512; i++)
        region_l1[i] = kva2pa(region_l0[i]) >> 12 << PTE_PPN_SHIFT | PTE_V;
    vm_map_l1(STORE_VA, kva2pa(region_l1));
}

static uint64_t page_pa_clean(uint32_t p)
{
    if (S.pfn[p])
        return (uint64_t)S.pfn[p] << 12;
    return S.slot_cur[p] == SLOT_NONE ? kva2pa(zero_page) : SLOT_PA(p, S.slot_cur[p]);
}

/* DRAM is short: clean pages kept in DRAM go back to their PMEM slots. */
static void reclaim(void)
{
    uint32_t freed = 0;
    for (uint32_t p = 0; p < STORE_PAGES; p++)
        if (S.pfn[p] && !(S.flags[p] & (PG_DIRTY | PG_FROZEN))) {
            frame_free((uint64_t)S.pfn[p] << 12);
            S.pfn[p] = 0;
            *pte_of(p) = 0; /* the next access maps the slot */
            freed++;
        }
    __asm__ volatile("sfence.vma" ::: "memory");
    if (!freed)
        panic("out of DRAM frames");
}

static uint64_t alloc_frame(void)
{
    uint64_t f = frame_alloc();
    if (!f) {
        reclaim();
        f = frame_alloc();
    }
    return f;
}

int store_fault(uint64_t va, int write)
{
    if (va < STORE_VA || va >= STORE_VA + (uint64_t)STORE_PAGES * 4096)
        return 0;
    uint32_t p = (uint32_t)((va - STORE_VA) >> 12);
    uint64_t vpage = va & ~0xfffull;
    if (!write) {
        *pte_of(p) = leaf(page_pa_clean(p), PTE_R);
    } else if (!(S.flags[p] & PG_DIRTY)) {
        if (!S.pfn[p] || (S.flags[p] & PG_FROZEN)) {
            uint64_t f = alloc_frame();
            page_copy((void *)f, (const void *)page_pa_clean(p)); /* with its tags */
            S.pfn[p] = (uint32_t)(f >> 12);
            S.flags[p] &= (uint8_t)~PG_FROZEN; /* the checkpoint keeps the old frame */
        }
        S.flags[p] |= PG_DIRTY;
        S.dirty[S.ndirty++] = p;
        *pte_of(p) = leaf((uint64_t)S.pfn[p] << 12, PTE_R | PTE_W | PTE_D);
    } else {
        *pte_of(p) = leaf((uint64_t)S.pfn[p] << 12, PTE_R | PTE_W | PTE_D);
    }
    __asm__ volatile("sfence.vma %0, zero" :: "r"(vpage) : "memory");
    return 1;
}

void store_freeze_dirty(void)
{
    for (uint32_t i = 0; i < S.ndirty; i++) {
        uint32_t p = S.dirty[i];
        *pte_of(p) &= ~(PTE_W | PTE_D);
        S.flags[p] = PG_FROZEN;
        S.wb[S.nwb++] = (struct wb_entry){p, S.pfn[p]};
    }
    S.ndirty = 0;
    __asm__ volatile("sfence.vma" ::: "memory");
}

void store_release_frozen(void)
{
    for (uint32_t i = 0; i < S.nwb; i++) {
        struct wb_entry *w = &S.wb[i];
        if (S.pfn[w->page] == w->pfn)
            S.flags[w->page] &= (uint8_t)~PG_FROZEN; /* stays in DRAM, read-only, clean */
        else
            frame_free((uint64_t)w->pfn << 12);
    }
    S.nwb = S.wb_next = 0;
}
