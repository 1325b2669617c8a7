/* A workload for `amber torture` (docs/emulator.md): a durable log in PMEM
 * that checks itself at every power-on and reports the verdict through the
 * power controller's PWR_CHECK register, then appends until the power goes.
 *
 * Each append writes its entry, makes it persistent (cbo.clean + fence),
 * then commits it by persisting the header's count. The check at power-on:
 * every entry below count is whole. When the log is full it starts a new
 * generation (gen and count share a line, so they persist together), and
 * entries carry their generation, so an entry left over from an older one
 * never passes for a new one.
 *
 * Broken variant, which torture must catch: -DNO_FLUSH never writes the
 * entry back before the commit. */
#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#define LOG_MAGIC 0x676f6c7274726f74ull /* "tortrlog" */
#define CAPACITY  256u

struct entry {
    uint64_t seq, gen, value, check, pad[4];
};

struct log {
    uint64_t magic, gen, count, pad[5];
    struct entry e[CAPACITY];
};

static volatile struct log *const plog = (volatile struct log *)AMBER_PMEM_BASE;

static uint64_t value_of(uint64_t gen, uint64_t seq)
{
    return (gen << 32 ^ seq) * 0x9e3779b97f4a7c15ull + 1;
}

static void report(uint64_t id, uint64_t result)
{
    *(volatile uint64_t *)(AMBER_POWER_BASE + PWR_CHECK) = id << 8 | result;
}

static int whole(uint64_t gen, uint64_t i)
{
    volatile struct entry *e = &plog->e[i];
    return e->seq == i && e->gen == gen && e->value == value_of(gen, i) &&
           e->check == ~(i ^ value_of(gen, i));
}

static void append(uint64_t gen, uint64_t n)
{
    volatile struct entry *e = &plog->e[n];
    e->seq = n;
    e->gen = gen;
    e->value = value_of(gen, n);
    e->check = ~(n ^ value_of(gen, n));
#ifndef NO_FLUSH
    rt_clean(e);
#endif
    rt_fence();
    plog->count = n + 1;
    rt_clean(&plog->count);
    rt_fence();
}

int main(void)
{
    if (plog->magic != LOG_MAGIC) {
        plog->gen = 1;
        plog->count = 0;
        plog->magic = LOG_MAGIC;
        rt_clean(plog);
        rt_fence();
    }
    uint64_t gen = plog->gen, count = plog->count;
    int ok = count <= CAPACITY;
    for (uint64_t i = 0; ok && i < count; i++)
        ok = whole(gen, i);
    report(gen << 16 | count, ok ? PWR_CHECK_PASS : PWR_CHECK_FAIL);
    if (!ok)
        rt_exit(3);
    for (;;) {
        for (uint64_t n = count; n < CAPACITY; n++)
            append(gen, n);
        /* Full: a new generation, committed in one line. */
        plog->gen = ++gen;
        plog->count = count = 0;
        rt_clean(&plog->gen);
        rt_fence();
    }
}
