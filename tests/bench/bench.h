/* Common scaffolding for the bare-metal guest benchmarks.
 *
 * Every benchmark is a function that does one "round" of work on inputs it
 * generates itself from fixed seeds and returns a 64-bit checksum. A round is
 * identical every time, so its checksum is a single known constant whatever
 * the number of rounds: BENCH_ROUNDS (set with -DBENCH_ROUNDS=N, default per
 * program) only scales the run time, and a build with any round count is still
 * self-checking. Each round also checks itself against independently known
 * facts where there are any (prime counts, CRC check values, ...).
 *
 * The program prints one line on the UART,
 *     NAME: rounds=R check=0x... PASS
 * and exits through the test finisher with 0 only if every round produced the
 * expected checksum.
 *
 * -DBENCH_SHOW_COUNTERS additionally prints minstret/mcycle deltas over the
 * rounds (under QEMU meaningful only with -icount shift=0).
 */
#ifndef BENCH_H
#define BENCH_H

#include "rt.h"

/* Hide a value from the optimizer so that work repeated across rounds cannot
 * be hoisted or folded away. */
static inline uint64_t opaque(uint64_t x)
{
    __asm__ volatile("" : "+r"(x));
    return x;
}

/* splitmix64: the pseudo-random generator every benchmark draws from. */
static inline uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Fold one word into a running checksum (order-dependent). */
static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ULL;
    return h ^ (h >> 32);
}

#define MIX_INIT 0xcbf29ce484222325ULL

/* Report a failed self-check inside a round and stop with exit code 2. */
#define BENCH_CHECK(cond) do { if (!(cond)) { \
    rt_puts("bench self-check failed: " #cond " line "); \
    rt_putdec(__LINE__); rt_putc('\n'); rt_exit(2); } } while (0)

static int bench_main(const char *name, uint64_t (*round)(void),
                      uint64_t expected, long rounds)
{
    uint64_t check = 0;
    long bad = 0;
#ifdef BENCH_SHOW_COUNTERS
    uint64_t i0 = csr_read(minstret), c0 = csr_read(mcycle);
#endif
    for (long r = 0; r < rounds; r++) {
        check = round();
        if (check != expected)
            bad++;
    }
#ifdef BENCH_SHOW_COUNTERS
    uint64_t i1 = csr_read(minstret), c1 = csr_read(mcycle);
#endif
    rt_puts(name);
    rt_puts(": rounds=");
    rt_putdec(rounds);
    rt_puts(" check=");
    rt_puthex(check);
    if (bad) {
        rt_puts(" FAIL (expected ");
        rt_puthex(expected);
        rt_puts(", ");
        rt_putdec(bad);
        rt_puts(" bad rounds)\n");
    } else {
        rt_puts(" PASS\n");
    }
#ifdef BENCH_SHOW_COUNTERS
    rt_puts("minstret-delta: ");
    rt_putdec((int64_t)(i1 - i0));
    rt_puts(" mcycle-delta: ");
    rt_putdec((int64_t)(c1 - c0));
    rt_putc('\n');
#endif
    return bad ? 1 : 0;
}

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS BENCH_DEFAULT_ROUNDS
#endif

/* Define main() for a benchmark: its name, its round function and the
 * checksum one round must produce. */
#define BENCH_MAIN(name, round, expected) \
    int main(void) { return bench_main(name, round, expected, BENCH_ROUNDS); }

#endif
