/* The resume check: after power-on, the region must hold exactly the state
 * the checkpoint recorded, data and tags (its hash_total, the sum of
 * page_hash over the pages). It reads the current slots directly, a page
 * at a time in a thread of its own, while the resumed threads already run:
 * they cannot change those slots, and no checkpoint starts before the
 * check is done.
 * The result goes to PWR_CHECK (id = checkpoint sequence) and the console. */
#include "console.h"
#include "hash.h"
#include "kernel.h"
#include "power.h"
#include "riscv.h"
#include "store.h"
#include "store_media.h"
#include "store_state.h"

static struct {
    uint32_t next;
    int active;
    uint64_t seq, expect, total, t0;
} K;

void check_start(uint64_t seq, uint64_t expect)
{
    K.next = 0;
    K.seq = seq;
    K.expect = expect;
    K.total = 0;
    K.t0 = rdtime();
    K.active = 1;
}

static void conclude(void)
{
    K.active = 0;
    int ok = K.total == K.expect;
    power_report_check(K.seq, ok);
    kprintf("resume: checkpoint %lu %s (hash %lx, recorded %lx) in %lu us\n", K.seq,
            ok ? "verified" : "MISMATCH", K.total, K.expect, (rdtime() - K.t0) / ticks_per_us);
    if (!ok)
        refuse(OS_EXIT_WORKLOAD, "resume: the store does not hold the checkpoint's state");
    ckpt_enable(1);
}

int check_step(void)
{
    if (!K.active)
        return 0;
    while (K.next < STORE_PAGES && S.slot_cur[K.next] == SLOT_NONE)
        K.next++;
    if (K.next == STORE_PAGES) {
        conclude();
        return 1;
    }
    uint32_t p = K.next++;
    S.hash[p] = page_hash(p, (const uint64_t *)SLOT_PA(p, S.slot_cur[p]));
    K.total += S.hash[p];
    return 1;
}

void check_finish(void)
{
    while (check_step())
        ;
}

void check_thread(uint64_t arg)
{
    (void)arg;
    for (;;) {
        uint64_t f = irq_save();
        int busy = check_step();
        irq_restore(f);
        if (!busy)
            return;
    }
}
