/* sort: quicksort and mergesort of pseudo-random 64-bit keys.
 *
 * Measures data-dependent branches (comparisons), loads and stores over an
 * array larger than a typical L1 cache, and recursion. Each round generates
 * NKEYS keys (one in eight a duplicate of an earlier key), sorts one copy with
 * an in-place quicksort (median of three, insertion sort for short ranges,
 * recursion on the smaller side) and another with a top-down mergesort, then
 * checks that both are ordered, that they agree element by element, and that
 * sorting preserved the multiset (sum and xor of the keys). */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 50
#define NKEYS 16384
#define SMALL 16

static uint64_t keys_q[NKEYS], keys_m[NKEYS], tmp[NKEYS];

static void insertion_sort(uint64_t *a, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        uint64_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static inline void swap(uint64_t *a, long i, long j)
{
    uint64_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(uint64_t *a, long lo, long hi)
{
    while (hi - lo >= SMALL) {
        long mid = lo + (hi - lo) / 2;
        /* median of three into a[mid] */
        if (a[mid] < a[lo])
            swap(a, mid, lo);
        if (a[hi] < a[lo])
            swap(a, hi, lo);
        if (a[hi] < a[mid])
            swap(a, hi, mid);
        uint64_t pivot = a[mid];
        long i = lo - 1, j = hi + 1;
        for (;;) { /* Hoare partition */
            do
                i++;
            while (a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            swap(a, i, j);
        }
        /* a[lo..j] <= pivot <= a[j+1..hi]; recurse on the smaller part */
        if (j - lo < hi - j) {
            quicksort(a, lo, j);
            lo = j + 1;
        } else {
            quicksort(a, j + 1, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static void merge_sort(uint64_t *a, uint64_t *t, long lo, long hi)
{
    if (hi - lo < 8) {
        insertion_sort(a, lo, hi);
        return;
    }
    long mid = lo + (hi - lo) / 2;
    merge_sort(a, t, lo, mid);
    merge_sort(a, t, mid + 1, hi);
    if (a[mid] <= a[mid + 1])
        return; /* already in order */
    long i = lo, j = mid + 1, k = lo;
    while (i <= mid && j <= hi)
        t[k++] = a[j] < a[i] ? a[j++] : a[i++]; /* stable */
    while (i <= mid)
        t[k++] = a[i++];
    while (j <= hi)
        t[k++] = a[j++];
    for (k = lo; k <= hi; k++)
        a[k] = t[k];
}

static uint64_t sort_round(void)
{
    uint64_t seed = opaque(0x5eed0001);
    uint64_t sum = 0, xr = 0;
    for (long i = 0; i < NKEYS; i++) {
        uint64_t r = rng_next(&seed);
        uint64_t k = (i >= 8 && (r & 7) == 0) ? keys_q[(r >> 8) % i] : r;
        keys_q[i] = k;
        keys_m[i] = k;
        sum += k;
        xr ^= k;
    }

    quicksort(keys_q, 0, NKEYS - 1);
    merge_sort(keys_m, tmp, 0, NKEYS - 1);

    uint64_t h = MIX_INIT, sum2 = 0, xr2 = 0;
    for (long i = 0; i < NKEYS; i++) {
        uint64_t k = keys_q[i];
        BENCH_CHECK(k == keys_m[i]);
        BENCH_CHECK(i == 0 || keys_q[i - 1] <= k);
        sum2 += k;
        xr2 ^= k;
        h = mix(h, k);
    }
    BENCH_CHECK(sum2 == sum && xr2 == xr);
    return h;
}

BENCH_MAIN("sort", sort_round, 0x9a76b6e100f33e6aULL)
