/* sieve: the sieve of Eratosthenes, twice.
 *
 * Measures tight loops of byte stores with large strides, sequential scans and
 * bit manipulation. Each round sieves the integers up to LIMIT with one byte
 * per number, then again with one bit per odd number, and checks both against
 * each other and against known facts: pi(10^6) = 78498, the primes below 10^6
 * sum to 37550402023, there are 8169 twin-prime pairs below 10^6, and the
 * largest gap between consecutive primes below 10^6 is 114. */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 10
#define LIMIT 1000000

static uint8_t flags[LIMIT + 8] __attribute__((aligned(8)));
static uint64_t odd_bits[(LIMIT / 2) / 64 + 2];

static uint64_t sieve_round(void)
{
    long limit = (long)opaque(LIMIT);

    /* --- byte sieve --- */
    uint64_t *w = (uint64_t *)flags;
    for (long i = 0; i < (limit + 8) / 8; i++)
        w[i] = 0x0101010101010101ULL;
    flags[0] = flags[1] = 0;
    for (long p = 2; p * p <= limit; p++)
        if (flags[p])
            for (long m = p * p; m <= limit; m += p)
                flags[m] = 0;

    uint64_t count = 0, sum = 0, twins = 0, maxgap = 0, h = MIX_INIT;
    long prev = 0;
    for (long n = 2; n <= limit; n++) {
        if (!flags[n])
            continue;
        count++;
        sum += (uint64_t)n;
        if (prev) {
            uint64_t gap = (uint64_t)(n - prev);
            if (gap == 2)
                twins++;
            if (gap > maxgap)
                maxgap = gap;
        }
        if ((count & 1023) == 0)
            h = mix(h, (uint64_t)n);
        prev = n;
    }

    /* --- bit sieve over odd numbers: bit i stands for 2i+1 --- */
    long nodd = limit / 2 + 1; /* 1, 3, ..., up to limit (+1 spare) */
    long nwords = (nodd + 63) / 64;
    for (long i = 0; i < nwords; i++)
        odd_bits[i] = ~0ULL;
    odd_bits[0] &= ~1ULL; /* 1 is not prime */
    for (long i = 1; (2 * i + 1) * (2 * i + 1) <= limit; i++) {
        if (!(odd_bits[i >> 6] >> (i & 63) & 1))
            continue;
        long p = 2 * i + 1;
        for (long j = (p * p) >> 1; j < nodd; j += p)
            odd_bits[j >> 6] &= ~(1ULL << (j & 63));
    }
    uint64_t count2 = 1; /* the prime 2 */
    for (long i = 0; i < nodd; i++) {
        uint64_t word = odd_bits[i >> 6];
        int isprime = (int)(word >> (i & 63) & 1);
        if (2 * i + 1 > limit)
            break;
        count2 += (uint64_t)isprime;
        BENCH_CHECK(isprime == flags[2 * i + 1]);
    }

    BENCH_CHECK(count == count2);
    if (limit == 1000000) {
        BENCH_CHECK(count == 78498);
        BENCH_CHECK(sum == 37550402023ULL);
        BENCH_CHECK(twins == 8169);
        BENCH_CHECK(maxgap == 114);
    }
    h = mix(h, count);
    h = mix(h, sum);
    h = mix(h, twins);
    h = mix(h, maxgap);
    return h;
}

BENCH_MAIN("sieve", sieve_round, 0x4bf7c1c8194db376ULL)
