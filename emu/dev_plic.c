/* PLIC model, written from the RISC-V PLIC specification.
 *
 * The gateway of a level-triggered source forwards its request while the
 * level is high and the source is not in service; a source is pending
 * exactly then. (The spec's gateway latches the request, so a level that
 * drops before the claim still yields a claim; here such a claim returns 0,
 * as on QEMU virt, which drivers handle either way.)
 *
 * Only 32-bit accesses are accepted; others fault. Registers of sources and
 * contexts that do not exist, and the rest of the window, read 0 and ignore
 * writes. Priority and threshold are 3-bit WARL fields. */
#include <string.h>

#include "dev_plic.h"

#define SRC_MASK (~1u) /* source 0 does not exist */
#define PRIO_MASK 7u

void plic_init(struct plic *p)
{
    memset(p, 0, sizeof *p);
}

void plic_set_level(struct plic *p, unsigned src, bool level)
{
    if (src == 0 || src >= PLIC_NSOURCES)
        return;
    if (level)
        p->level |= 1u << src;
    else
        p->level &= ~(1u << src);
}

uint32_t plic_pending(const struct plic *p)
{
    return p->level & ~p->claimed & SRC_MASK;
}

/* The source a claim by ctx would return: the pending, enabled source with
 * the highest priority above the threshold, the lowest id among equals;
 * 0 if there is none. */
static unsigned best(const struct plic *p, unsigned ctx)
{
    uint32_t cand = plic_pending(p) & p->enable[ctx];
    unsigned id = 0, prio = p->threshold[ctx];
    for (unsigned s = 1; s < PLIC_NSOURCES; s++)
        if ((cand >> s & 1) && p->priority[s] > prio) {
            id = s;
            prio = p->priority[s];
        }
    return id;
}

bool plic_irq(const struct plic *p, unsigned ctx)
{
    return ctx < PLIC_NCONTEXTS && best(p, ctx) != 0;
}

static unsigned claim(struct plic *p, unsigned ctx)
{
    unsigned id = best(p, ctx);
    if (id)
        p->claimed |= 1u << id;
    return id;
}

/* A completion for a source not enabled in this context is ignored (spec).
 * If the level is still high the source is pending again at once. */
static void complete(struct plic *p, unsigned ctx, uint32_t id)
{
    if (id < PLIC_NSOURCES && (p->enable[ctx] >> id & 1))
        p->claimed &= ~(1u << id);
}

/* Decode a context register offset; false if it names none we have. */
static bool ctx_reg(uint64_t off, uint64_t base, uint64_t stride, unsigned *ctx)
{
    if (off < base || (off - base) % stride != 0)
        return false;
    uint64_t n = (off - base) / stride;
    if (n >= PLIC_NCONTEXTS)
        return false;
    *ctx = (unsigned)n;
    return true;
}

static bool plic_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct plic *p = dev;
    unsigned ctx;

    if (size != 4)
        return false;
    *val = 0;
    if (off < PLIC_PRIORITY + 4 * PLIC_NSOURCES)
        *val = p->priority[(off - PLIC_PRIORITY) / 4];
    else if (off == PLIC_PENDING)
        *val = plic_pending(p);
    else if (ctx_reg(off, PLIC_ENABLE, PLIC_ENABLE_STRIDE, &ctx))
        *val = p->enable[ctx];
    else if (ctx_reg(off, PLIC_THRESHOLD, PLIC_CONTEXT_STRIDE, &ctx))
        *val = p->threshold[ctx];
    else if (ctx_reg(off, PLIC_CLAIM, PLIC_CONTEXT_STRIDE, &ctx))
        *val = claim(p, ctx);
    return true;
}

static bool plic_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct plic *p = dev;
    unsigned ctx;

    if (size != 4)
        return false;
    if (off < PLIC_PRIORITY + 4 * PLIC_NSOURCES) {
        if (off != 0)
            p->priority[(off - PLIC_PRIORITY) / 4] = val & PRIO_MASK;
    } else if (ctx_reg(off, PLIC_ENABLE, PLIC_ENABLE_STRIDE, &ctx)) {
        p->enable[ctx] = (uint32_t)val & SRC_MASK;
    } else if (ctx_reg(off, PLIC_THRESHOLD, PLIC_CONTEXT_STRIDE, &ctx)) {
        p->threshold[ctx] = val & PRIO_MASK;
    } else if (ctx_reg(off, PLIC_CLAIM, PLIC_CONTEXT_STRIDE, &ctx)) {
        complete(p, ctx, (uint32_t)val);
    }
    /* The pending bits are read-only. */
    return true;
}

const struct mmio_ops plic_mmio = {
    .read = plic_read,
    .write = plic_write,
};
