/* recursion: deep and bushy recursion.
 *
 * Measures calls and returns (jal/jalr, stack frames, return-address
 * prediction in a timing model) and short dependent integer chains. Each round
 * runs the classic recursive functions with known results and call counts:
 * fib(24) = 46368 in 150049 calls, ackermann(3, 6) = 509 in 172233 calls
 * (recursion up to about 500 frames deep), tak(18, 12, 6) = 7 in 63609 calls,
 * and a backtracking 9-queens solver that must find 352 solutions. */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 40

static uint64_t calls;

static __attribute__((noinline)) uint64_t fib(uint64_t n)
{
    calls++;
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

static __attribute__((noinline)) uint64_t ack(uint64_t m, uint64_t n)
{
    calls++;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static __attribute__((noinline)) int64_t tak(int64_t x, int64_t y, int64_t z)
{
    calls++;
    if (y < x)
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
    return z;
}

/* N-queens with column and diagonal occupancy arrays; counts solutions and
 * records a fingerprint of them. */
#define NQ 9
static uint8_t col_used[NQ], diag1[2 * NQ], diag2[2 * NQ];
static uint8_t placed[NQ];
static uint64_t qhash;

static __attribute__((noinline)) uint64_t queens(int row)
{
    calls++;
    if (row == NQ) {
        uint64_t f = 0;
        for (int r = 0; r < NQ; r++)
            f = f * NQ + placed[r];
        qhash = mix(qhash, f);
        return 1;
    }
    uint64_t n = 0;
    for (int c = 0; c < NQ; c++) {
        if (col_used[c] || diag1[row + c] || diag2[row - c + NQ])
            continue;
        col_used[c] = diag1[row + c] = diag2[row - c + NQ] = 1;
        placed[row] = (uint8_t)c;
        n += queens(row + 1);
        col_used[c] = diag1[row + c] = diag2[row - c + NQ] = 0;
    }
    return n;
}

static uint64_t recursion_round(void)
{
    uint64_t h = MIX_INIT;

    calls = 0;
    uint64_t f = fib(opaque(24));
    BENCH_CHECK(f == 46368 && calls == 150049);
    h = mix(h, f);

    calls = 0;
    uint64_t a = ack(opaque(3), opaque(6));
    BENCH_CHECK(a == 509 && calls == 172233);
    h = mix(h, a);

    calls = 0;
    int64_t t = tak((int64_t)opaque(18), (int64_t)opaque(12), (int64_t)opaque(6));
    BENCH_CHECK(t == 7 && calls == 63609);
    h = mix(h, (uint64_t)t);

    calls = 0;
    qhash = MIX_INIT;
    uint64_t q = queens((int)opaque(0));
    BENCH_CHECK(q == 352);
    h = mix(h, q);
    h = mix(h, calls);
    h = mix(h, qhash);
    return h;
}

BENCH_MAIN("recursion", recursion_round, 0x0b64f32da6cb0bcdULL)
