/* The benchmark workload (os-bench): one thread writes one word in each of
 * BENCH_PAGES pages of the region, waits until a checkpoint has made that
 * durable, and repeats; the checkpoint lines give the pause, the pages and
 * media lines written, and the total time (docs/performance.md). */
#include <stdint.h>

#include "console.h"
#include "layout.h"
#include "sched.h"
#include "store.h"

#ifndef BENCH_PAGES
#define BENCH_PAGES 10000u
#endif
#define BENCH_AREA (STORE_VA + 0x800000u)
_Static_assert(BENCH_PAGES + 0x800u <= STORE_PAGES, "the bench pages fit the region");

#define STACK_TOP (STORE_VA + 0x14000u)

static void toucher(uint64_t arg)
{
    (void)arg;
    for (uint64_t round = 1;; round++) {
        for (uint64_t i = 0; i < BENCH_PAGES; i++)
            *(volatile uint64_t *)(BENCH_AREA + i * 4096u) = round;
        kprintf("bench: round %lu wrote %u pages\n", round, BENCH_PAGES);
        /* Wait for a checkpoint that froze after these writes. */
        uint64_t seen = ckpt_seq();
        while (ckpt_seq() < seen + 2)
            sched_yield();
    }
}

void workload_start(void)
{
    thread_create(toucher, 0, STACK_TOP, 1);
    kputs("workload: bench toucher started\n");
}
