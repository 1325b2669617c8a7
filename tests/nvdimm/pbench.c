/* The cost of persistence: append 256-byte records to a ring, making each
 * durable (4 x cbo.clean + fence), in PMEM; built with -DIN_DRAM the same
 * loop runs on DRAM, where the model charges cbo but no media. pbench.py
 * reports host MIPS and simulated cycles per record for both. */
#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#ifndef RECORDS
#define RECORDS 200000u
#endif
#define RING    4096u /* records: 1 MiB */

#ifdef IN_DRAM
static uint64_t ring[RING][32] __attribute__((aligned(256)));
#define BASE ((volatile uint64_t (*)[32])ring)
#else
#define BASE ((volatile uint64_t (*)[32])(uintptr_t)AMBER_PMEM_BASE)
#endif

int main(void)
{
    uint64_t t0 = csr_read(mcycle), sum = 0;
    for (uint64_t r = 0; r < RECORDS; r++) {
        volatile uint64_t *rec = BASE[r % RING];
        for (unsigned i = 0; i < 32; i++)
            rec[i] = r * 32 + i;
        for (unsigned l = 0; l < 4; l++)
            __asm__ volatile("cbo.clean (%0)" :: "r"(rec + 8 * l) : "memory");
        __asm__ volatile("fence rw, rw" ::: "memory");
        sum += rec[r % 32];
    }
    uint64_t cycles = csr_read(mcycle) - t0;
    rt_puts("cycles-per-record: ");
    rt_putdec((int64_t)(cycles / RECORDS));
    rt_putc('\n');
    CHECK(sum != 0);
    return 0;
}
