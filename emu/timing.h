/* The cycle-approximate timing model (docs/emulator.md): an in-order core at
 * 1 GHz with split L1 caches, a unified L2 and DRAM behind it. Only the
 * cache state and the miss counters live here; per-instruction costs are
 * assigned when a block is translated (timing_insn_cost). */
#ifndef EMU_TIMING_H
#define EMU_TIMING_H

#include <stdint.h>

#include "insn.h"

#define CORE_HZ          1000000000ull
#define CYCLES_PER_TICK  100u   /* CORE_HZ / the 10 MHz timebase */

#define LINE_SHIFT 6
#define L1_SETS    256   /* 32 KiB, 2-way, 64-byte lines */
#define L2_SETS    1024  /* 512 KiB, 8-way */
#define L2_WAYS    8

#define LAT_L2        12u   /* L1 miss that hits in L2 */
#define LAT_DRAM      100u  /* L2 miss to DRAM: ~100 ns at 1 GHz */
#define LAT_MMIO      20u   /* uncached device register access */
#define LAT_BRANCH_MISS 3u  /* static BTFN prediction got it wrong */
#define LAT_JALR      3u    /* indirect jump: target known in execute */
#define LAT_JAL       1u    /* direct jump: target known in decode */
#define LAT_TRAP      5u    /* pipeline flush on trap entry or xRET */

struct l1_cache {
    uint64_t tag[L1_SETS][2]; /* [0] is most recently used; line number + 1, 0 = empty */
};

struct l2_cache {
    uint64_t tag[L2_SETS][L2_WAYS]; /* most recently used first */
};

struct timing {
    struct l1_cache l1i, l1d;
    struct l2_cache l2;
    uint64_t l1i_miss, l1d_miss, l2_miss;
};

void timing_reset(struct timing *t);
uint32_t timing_miss(struct timing *t, struct l1_cache *c, uint64_t line);
void timing_evict(struct timing *t, uint64_t pa);
void timing_insn_cost(struct insn *in, const struct insn *next);

/* Cycles beyond the base cost for a cached access to physical address pa. */
static inline uint32_t timing_access(struct timing *t, struct l1_cache *c, uint64_t pa)
{
    uint64_t line = (pa >> LINE_SHIFT) + 1;
    if (c->tag[line & (L1_SETS - 1)][0] == line)
        return 0;
    return timing_miss(t, c, line);
}

#endif
