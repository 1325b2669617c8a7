/* Address translation (Sv39 with hardware A/D updates), PMP, and the slow
 * paths of loads and stores. The fast paths live in cpu_exec.c and only see
 * what this file put in the software TLB. */
#include <string.h>

#include "bus.h"
#include "cpu.h"
#include "csr.h"
#include "pmem.h"

#define PAGE_SIZE 4096ull
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define PTE_V 0x01u
#define PTE_R 0x02u
#define PTE_W 0x04u
#define PTE_X 0x08u
#define PTE_U 0x10u
#define PTE_A 0x40u
#define PTE_D 0x80u
#define PTE_RESERVED 0xFFC0000000000000ull /* N, PBMT and reserved: unsupported */

static unsigned ctx_priv(unsigned ctx)
{
    return ctx == 2 ? PRIV_M : ctx;
}

void mmu_flush(struct cpu *c)
{
    memset(c->tlb, 0xff, sizeof c->tlb);
}

/* ---- PMP ---- */

enum { PMP_OFF = 0 };

/* Range [lo, hi) of entry i in bytes; false if the entry is off or empty. */
static bool pmp_range(const struct pmp *p, unsigned i, uint64_t *lo, uint64_t *hi)
{
    uint64_t a = p->addr[i];
    switch (p->cfg[i] & PMP_A) {
    case PMP_TOR:
        *lo = i ? p->addr[i - 1] << 2 : 0;
        *hi = a << 2;
        return *lo < *hi;
    case PMP_NA4:
        *lo = a << 2;
        *hi = *lo + 4;
        return true;
    case PMP_NAPOT: {
        unsigned ones = (unsigned)__builtin_ctzll(~a); /* trailing ones */
        if (ones >= 54) {
            *lo = 0;
            *hi = UINT64_MAX;
            return true;
        }
        uint64_t size = 8ull << ones;
        *lo = (a & ~((1ull << ones) - 1)) << 2;
        *hi = *lo + size;
        return true;
    }
    default:
        return false;
    }
}

/* Does [pa, pa+size) pass PMP for priv? The lowest-numbered entry that
 * matches any byte decides; it must cover all bytes. */
bool pmp_check(const struct cpu *c, uint64_t pa, unsigned size, enum access acc, unsigned priv)
{
    const struct pmp *p = &c->pmp;
    bool any = false;
    for (unsigned i = 0; i < 16; i++) {
        uint8_t cfg = p->cfg[i];
        uint64_t lo, hi;
        if (!(cfg & PMP_A))
            continue;
        any = true;
        if (!pmp_range(p, i, &lo, &hi))
            continue;
        uint64_t last = pa + size - 1;
        if (last < lo || pa >= hi)
            continue;
        if (pa < lo || last >= hi)
            return false; /* partial match fails */
        if (priv == PRIV_M && !(cfg & PMP_L))
            return true;
        unsigned need = acc == ACC_READ ? PMP_R : acc == ACC_WRITE ? PMP_W : PMP_X;
        return (cfg & need) != 0;
    }
    (void)any;
    return priv == PRIV_M;
}

/* ---- Sv39 ---- */

static uint64_t fault_cause(enum access acc, bool page)
{
    switch (acc) {
    case ACC_READ: return page ? EXC_LOAD_PAGE : EXC_LOAD_ACCESS;
    case ACC_WRITE: return page ? EXC_STORE_PAGE : EXC_STORE_ACCESS;
    default: return page ? EXC_INSN_PAGE : EXC_INSN_ACCESS;
    }
}

static bool fail(struct cpu *c, enum access acc, bool page, uint64_t va)
{
    c->exc_cause = fault_cause(acc, page);
    c->exc_tval = va;
    return false;
}

/* Is the leaf pte usable for acc at priv, given SUM and MXR? */
static bool pte_allows(const struct cpu *c, uint64_t pte, enum access acc, unsigned priv)
{
    uint64_t ms = c->csr.mstatus;
    if (priv == PRIV_U && !(pte & PTE_U))
        return false;
    if (priv == PRIV_S && (pte & PTE_U) && (acc == ACC_EXEC || !(ms & MSTATUS_SUM)))
        return false;
    switch (acc) {
    case ACC_READ: return (pte & PTE_R) || ((ms & MSTATUS_MXR) && (pte & PTE_X));
    case ACC_WRITE: return (pte & PTE_W) != 0;
    default: return (pte & PTE_X) != 0;
    }
}

/* Walk the page table for va. On success *pa is the physical address and
 * *pte_out the (updated) leaf, so the caller can derive other permissions. */
static bool walk(struct cpu *c, uint64_t va, enum access acc, unsigned priv,
                 uint64_t *pa, uint64_t *pte_out)
{
    if ((uint64_t)((int64_t)(va << 25) >> 25) != va)
        return fail(c, acc, true, va);
    uint64_t table = (c->csr.satp & SATP_PPN) << 12;
    for (int level = 2; level >= 0; level--) {
        uint64_t pte_pa = table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;
        uint64_t pte;
        c->cycle += timing_access(&c->timing, &c->timing.l1d, pte_pa);
        if (!pmp_check(c, pte_pa, 8, ACC_READ, PRIV_S) || !bus_read(c->bus, pte_pa, 8, &pte))
            return fail(c, acc, false, va);
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED))
            return fail(c, acc, true, va);
        if (!(pte & (PTE_R | PTE_X))) {
            if (level == 0)
                return fail(c, acc, true, va);
            table = ((pte >> 10) & 0xFFFFFFFFFFFull) << 12;
            continue;
        }
        if (!pte_allows(c, pte, acc, priv))
            return fail(c, acc, true, va);
        uint64_t ppn = (pte >> 10) & 0xFFFFFFFFFFFull;
        uint64_t low = (1ull << (9 * level)) - 1; /* ppn bits a superpage takes from va */
        if (ppn & low)
            return fail(c, acc, true, va); /* misaligned superpage */
        uint64_t want = PTE_A | (acc == ACC_WRITE ? PTE_D : 0);
        if ((pte & want) != want) {
            pte |= want;
            if (!pmp_check(c, pte_pa, 8, ACC_WRITE, PRIV_S) || !bus_write(c->bus, pte_pa, 8, pte))
                return fail(c, acc, false, va);
        }
        *pa = ((ppn | ((va >> 12) & low)) << 12) | (va & 0xfff);
        *pte_out = pte;
        return true;
    }
    return fail(c, acc, true, va); /* not reached */
}

static bool translates(const struct cpu *c, unsigned priv)
{
    return priv != PRIV_M && (c->csr.satp >> 60) == SATP_MODE_SV39;
}

bool mmu_translate(struct cpu *c, uint64_t va, enum access acc, unsigned ctx, uint64_t *pa)
{
    uint64_t pte;
    unsigned priv = ctx_priv(ctx);
    if (!translates(c, priv)) {
        *pa = va;
        return true;
    }
    return walk(c, va, acc, priv, pa, &pte);
}

/* Translate va and, if the whole page is RAM that PMP grants to this
 * context, enter it in the TLB for every access kind the pte allows now. */
static bool translate_fill(struct cpu *c, uint64_t va, enum access acc, unsigned ctx, uint64_t *pa)
{
    unsigned priv = ctx_priv(ctx);
    uint64_t pte = PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | (priv == PRIV_U ? PTE_U : 0);
    if (translates(c, priv)) {
        if (!walk(c, va, acc, priv, pa, &pte))
            return false;
    } else {
        *pa = va;
    }
    uint64_t page = *pa & PAGE_MASK;
    const struct bus_region *r = bus_find(c->bus, page, PAGE_SIZE);
    if (!r || !r->host)
        return true;
    struct tlb_entry *e = &c->tlb[ctx][(va >> 12) % TLB_SIZE];
    for (unsigned k = 0; k < 3; k++) {
        bool ok = pmp_check(c, page, PAGE_SIZE, (enum access)k, priv) &&
                  (!translates(c, priv) || pte_allows(c, pte, (enum access)k, priv));
        /* PMEM stores take the slow path, which tells the persistence model. */
        if (k == ACC_WRITE)
            ok = ok && r->writable && !r->pmem && (pte & PTE_D);
        if (k != ACC_EXEC && c->hooks && c->hooks->ram)
            ok = false; /* the debugger watches every data access */
        e->tag[k] = ok ? (va & PAGE_MASK) : TLB_INVALID;
    }
    e->host = r->host + (page - r->base);
    e->pa = page;
    e->tags = tagmem_page(&r->tags, page - r->base);
    return true;
}

/* Should the debugger stop the hart before this access (struct cpu_hooks)? */
static bool watched(struct cpu *c, uint64_t va, unsigned size, unsigned kinds)
{
    if (c->hooks && c->hooks->watch && c->hooks->watch(c->hooks, va, size, kinds)) {
        c->exc_cause = EXC_DEBUG;
        c->exc_tval = va;
        return true;
    }
    return false;
}

/* Tell the debugger about a data access that succeeded (struct cpu_hooks). */
static void report(struct cpu *c, uint64_t va, uint64_t pa, unsigned size, enum access acc,
                   const uint64_t *val, bool device)
{
    if (c->hooks && c->hooks->access) {
        struct mem_event e = { .va = va, .pa = pa, .val = val ? *val : 0, .size = size,
                               .acc = acc, .has_val = val != NULL, .device = device };
        c->hooks->access(c->hooks, &e);
    }
}

/* One naturally contained access (does not cross a page). */
static bool access_one(struct cpu *c, uint64_t va, unsigned size, enum access acc, uint64_t *val)
{
    uint64_t pa;
    unsigned ctx = c->dctx;
    if (!translate_fill(c, va, acc, ctx, &pa))
        return false;
    if (!pmp_check(c, pa, size, acc, ctx_priv(ctx)))
        return fail(c, acc, false, va);
    if (c->hooks && watched(c, va, size, acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ))
        return false;
    const struct bus_region *r = bus_find(c->bus, pa, size);
    if (r && r->host) {
        c->cycle += timing_access(&c->timing, &c->timing.l1d, pa);
    } else {
        c->cycle += LAT_MMIO;
        c->next_event = 0; /* the device may have changed an interrupt line */
    }
    bool ok = acc == ACC_WRITE ? bus_write(c->bus, pa, size, *val) : bus_read(c->bus, pa, size, val);
    if (!ok)
        return fail(c, acc, false, va);
    if (c->hooks)
        report(c, va, pa, size, acc, val, !(r && r->host));
    return true;
}

/* Misaligned accesses are carried out byte by byte, so a fault reports the
 * address of the byte that faulted. */
bool mmu_load(struct cpu *c, uint64_t va, unsigned size, uint64_t *val)
{
    if ((va & (size - 1)) == 0)
        return access_one(c, va, size, ACC_READ, val);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b;
        if (!access_one(c, va + i, 1, ACC_READ, &b))
            return false;
        v |= b << (8 * i);
    }
    *val = v;
    return true;
}

bool mmu_store(struct cpu *c, uint64_t va, unsigned size, uint64_t val)
{
    if ((va & (size - 1)) == 0)
        return access_one(c, va, size, ACC_WRITE, &val);
    /* Check every byte first so that a faulting store writes nothing. */
    for (unsigned i = 0; i < size; i++) {
        uint64_t pa;
        if (!translate_fill(c, va + i, ACC_WRITE, c->dctx, &pa))
            return false;
        if (!pmp_check(c, pa, 1, ACC_WRITE, ctx_priv(c->dctx)) || !bus_find(c->bus, pa, 1))
            return fail(c, ACC_WRITE, false, va + i);
    }
    if (c->hooks && watched(c, va, size, WATCH_WRITE))
        return false;
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = (val >> (8 * i)) & 0xff;
        if (!access_one(c, va + i, 1, ACC_WRITE, &b))
            return false;
    }
    return true;
}

/* AMOs and LR/SC: aligned, need write permission (a store/AMO fault even
 * for LR, per the spec's AMO rules), and a host pointer when in RAM. */
bool mmu_amo_addr(struct cpu *c, uint64_t va, unsigned size, uint64_t *pa, uint8_t **host)
{
    if (va & (size - 1)) {
        c->exc_cause = EXC_STORE_MISALIGNED;
        c->exc_tval = va;
        return false;
    }
    if (!translate_fill(c, va, ACC_WRITE, c->dctx, pa))
        return false;
    if (!pmp_check(c, *pa, size, ACC_WRITE, ctx_priv(c->dctx)) ||
        !pmp_check(c, *pa, size, ACC_READ, ctx_priv(c->dctx)))
        return fail(c, ACC_WRITE, false, va);
    const struct bus_region *r = bus_find(c->bus, *pa, size);
    if (!r)
        return fail(c, ACC_WRITE, false, va);
    if (r->host && !r->writable)
        return fail(c, ACC_WRITE, false, va);
    if (c->hooks && watched(c, va, size, WATCH_READ | WATCH_WRITE))
        return false;
    *host = r->host ? r->host + (*pa - r->base) : NULL;
    if (*host)
        c->cycle += timing_access(&c->timing, &c->timing.l1d, *pa);
    else
        c->cycle += LAT_MMIO, c->next_event = 0;
    if (c->hooks)
        report(c, va, *pa, size, ACC_WRITE, NULL, !*host);
    return true;
}

void mmu_page_tagged(struct cpu *c, uint64_t page_pa, uint8_t *tags)
{
    for (unsigned k = 0; k < 3; k++)
        for (unsigned i = 0; i < TLB_SIZE; i++)
            if (c->tlb[k][i].pa == page_pa)
                c->tlb[k][i].tags = tags;
}

bool mmu_word_addr(struct cpu *c, uint64_t va, enum access acc, uint8_t **host, uint64_t *pa,
                   const struct bus_region **r)
{
    if (va & 7) {
        c->exc_cause = acc == ACC_READ ? EXC_LOAD_MISALIGNED : EXC_STORE_MISALIGNED;
        c->exc_tval = va;
        return false;
    }
    if (!translate_fill(c, va, acc, c->dctx, pa))
        return false;
    if (!pmp_check(c, *pa, 8, acc, ctx_priv(c->dctx)))
        return fail(c, acc, false, va);
    /* Tags live in RAM only; ROM reads as RAW, a device is an access fault. */
    *r = bus_find(c->bus, *pa, 8);
    if (!*r || !(*r)->host || (acc == ACC_WRITE && !(*r)->tags.word))
        return fail(c, acc, false, va);
    if (c->hooks && watched(c, va, 8, acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ))
        return false;
    *host = (*r)->host + (*pa - (*r)->base);
    c->cycle += timing_access(&c->timing, &c->timing.l1d, *pa);
    if (acc == ACC_WRITE && (*r)->pmem)
        pmem_write((*r)->pmem, *pa - (*r)->base, 8);
    if (c->hooks)
        report(c, va, *pa, 8, acc, NULL, false);
    return true;
}

/* Fetch: translate the page of va for execution; host is NULL when the page
 * is not plain RAM/ROM (fetching from devices is not supported). */
bool mmu_fetch_page(struct cpu *c, uint64_t va, uint64_t *pa, uint8_t **host)
{
    if (!translate_fill(c, va, ACC_EXEC, c->ictx, pa))
        return false;
    unsigned priv = c->priv;
    if (!pmp_check(c, *pa, 2, ACC_EXEC, priv))
        return fail(c, ACC_EXEC, false, va);
    *host = bus_host(c->bus, *pa, 2, false);
    if (!*host)
        return fail(c, ACC_EXEC, false, va);
    return true;
}
