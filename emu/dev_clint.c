/* CLINT model. Registers are 32 or 64 bits wide and take naturally aligned
 * 4- and 8-byte accesses (msip: 4 only); byte and halfword accesses fault,
 * as on SiFive parts. Unused offsets in the window read 0, ignore writes. */
#include <assert.h>

#include "amber/hw.h"
#include "dev_clint.h"

void clint_init(struct clint *c, const uint64_t *cycles, uint64_t cycles_per_tick)
{
    assert(cycles_per_tick > 0);
    *c = (struct clint){
        .cycles = cycles,
        .cycles_per_tick = cycles_per_tick,
        .mtimecmp = UINT64_MAX, /* no timer interrupt until programmed */
    };
}

static uint64_t ticks(const struct clint *c)
{
    return *c->cycles / c->cycles_per_tick;
}

uint64_t clint_mtime(const struct clint *c)
{
    return ticks(c) + c->offset;
}

bool clint_mtip(const struct clint *c)
{
    return clint_mtime(c) >= c->mtimecmp;
}

bool clint_msip(const struct clint *c)
{
    return c->msip & 1;
}

/* mtime only moves forward with the cycle count, so while mtime < mtimecmp
 * the compare first holds once mtime has advanced by the difference. */
uint64_t clint_next_event(const struct clint *c)
{
    if (clint_mtip(c))
        return UINT64_MAX; /* already raised: only a register write lowers it */
    uint64_t delta = c->mtimecmp - clint_mtime(c);
    uint64_t t = ticks(c);
    if (delta > UINT64_MAX - t || t + delta > UINT64_MAX / c->cycles_per_tick)
        return UINT64_MAX; /* beyond the range of the cycle counter */
    return (t + delta) * c->cycles_per_tick;
}

/* Replace the bytes [off, off+size) of a 64-bit register with val. */
static uint64_t merge(uint64_t reg, uint64_t off, unsigned size, uint64_t val)
{
    if (size == 8)
        return val;
    unsigned shift = (off & 4) * 8;
    return (reg & ~(0xFFFFFFFFull << shift)) | ((val & 0xFFFFFFFFull) << shift);
}

static bool clint_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    const struct clint *c = dev;
    uint64_t reg;

    if (size != 4 && size != 8)
        return false;
    if (off == CLINT_MSIP) {
        if (size != 4)
            return false;
        *val = c->msip;
        return true;
    }
    if ((off & ~7ull) == CLINT_MTIMECMP)
        reg = c->mtimecmp;
    else if ((off & ~7ull) == CLINT_MTIME)
        reg = clint_mtime(c);
    else
        reg = 0;
    *val = size == 8 ? reg : (uint32_t)(reg >> (off & 4) * 8);
    return true;
}

static bool clint_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct clint *c = dev;

    if (size != 4 && size != 8)
        return false;
    if (off == CLINT_MSIP) {
        if (size != 4)
            return false;
        c->msip = val & 1; /* the other bits are hardwired to 0 */
    } else if ((off & ~7ull) == CLINT_MTIMECMP) {
        c->mtimecmp = merge(c->mtimecmp, off, size, val);
    } else if ((off & ~7ull) == CLINT_MTIME) {
        /* Writing mtime moves the epoch; the cycle counter is untouched. */
        c->offset = merge(clint_mtime(c), off, size, val) - ticks(c);
    }
    return true;
}

const struct mmio_ops clint_mmio = {
    .read = clint_read,
    .write = clint_write,
};
