/* A durable append-only log in PMEM, for crash-consistency testing
 * (docs/nvdimm.md, "Tests"). Each append writes its entry, makes it
 * persistent (cbo.clean + fence), then commits it by persisting the
 * header's count, and only then acknowledges it on the UART ("ack N").
 * On power-on the log is checked: every entry below count must be whole.
 * A torture run (torture.py) cuts the power at random cycles and verifies
 * that every acknowledged entry survived.
 *
 * Broken variants, which the tests must catch:
 *   -DNO_FLUSH       the entry is never written back before the commit;
 *   -DNO_ORDER_FENCE the entry is cleaned but not fenced before the commit,
 *                    so only an adversarial cut can reorder them. */
#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#define LOG_MAGIC 0x676f6c72626d61ull /* "amblog" */
#define PER_BOOT  40u                 /* appends per power-on, then pass */
#define CAPACITY  16000u

struct entry {
    uint64_t seq, value, check, pad[5];
};

struct log {
    uint64_t magic, count, pad[6];
    struct entry e[CAPACITY];
};

static volatile struct log *const plog = (volatile struct log *)AMBER_PMEM_BASE;

static uint64_t value_of(uint64_t seq)
{
    return seq * 0x9e3779b97f4a7c15ull + 1;
}

static void append(uint64_t n)
{
    volatile struct entry *e = &plog->e[n];
    e->seq = n;
    e->value = value_of(n);
    e->check = ~(n ^ value_of(n));
#ifndef NO_FLUSH
    rt_clean(e);
#endif
#ifndef NO_ORDER_FENCE
    rt_fence();
#endif
    plog->count = n + 1;
    rt_clean(&plog->count);
    rt_fence();
    rt_puts("ack ");
    rt_putdec((int64_t)n);
    rt_puts(" .\n");
}

int main(void)
{
    rt_putc('\n'); /* ends a line a power cut may have cut short */
    if (plog->magic != LOG_MAGIC) {
        plog->count = 0;
        plog->magic = LOG_MAGIC;
        rt_clean(plog);
        rt_fence();
    }
    uint64_t count = plog->count;
    if (count > CAPACITY) {
        rt_puts("corrupt: count out of range\n");
        rt_exit(3);
    }
    for (uint64_t i = 0; i < count; i++) {
        volatile struct entry *e = &plog->e[i];
        if (e->seq != i || e->value != value_of(i) || e->check != ~(i ^ value_of(i))) {
            rt_puts("corrupt: entry ");
            rt_putdec((int64_t)i);
            rt_puts(" of ");
            rt_putdec((int64_t)count);
            rt_putc('\n');
            rt_exit(3);
        }
    }
    rt_puts("recovered ");
    rt_putdec((int64_t)count);
    rt_puts(" .\n"); /* the dot: a line a cut cut short cannot match */
    for (uint64_t n = count; n < count + PER_BOOT && n < CAPACITY; n++)
        append(n);
    return 0;
}
