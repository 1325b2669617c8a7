/* matrix: integer matrix multiplication.
 *
 * Measures the multiplier (mul) and regular strided loads: the naive i-j-k
 * product walks B down its columns (stride N*8 bytes), the i-k-j product
 * streams rows. Each round fills two N x N matrices of 64-bit integers with
 * small pseudo-random values, multiplies them both ways, checks that the two
 * products are identical, and checks the product independently with
 * Freivalds' test for several vectors: C*x must equal A*(B*x). */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 70
#define N 64

static int64_t A[N][N], B[N][N], C1[N][N], C2[N][N];

static void mul_ijk(int64_t c[N][N], int64_t a[N][N], int64_t b[N][N])
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int64_t s = 0;
            for (int k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

static void mul_ikj(int64_t c[N][N], int64_t a[N][N], int64_t b[N][N])
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            c[i][j] = 0;
        for (int k = 0; k < N; k++) {
            int64_t aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
    }
}

static void mat_vec(int64_t *y, int64_t m[N][N], const int64_t *x)
{
    for (int i = 0; i < N; i++) {
        int64_t s = 0;
        for (int j = 0; j < N; j++)
            s += m[i][j] * x[j];
        y[i] = s;
    }
}

static uint64_t matrix_round(void)
{
    uint64_t rs = opaque(0x3a7001);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint64_t r = rng_next(&rs);
            A[i][j] = (int64_t)(r & 0x3ff) - 512;
            B[i][j] = (int64_t)((r >> 20) & 0xfff) - 2048;
        }

    mul_ijk(C1, A, B);
    mul_ikj(C2, A, B);

    uint64_t h = MIX_INIT;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            BENCH_CHECK(C1[i][j] == C2[i][j]);
            h = mix(h, (uint64_t)C1[i][j]);
        }

    for (int t = 0; t < 4; t++) {
        int64_t x[N], bx[N], abx[N], cx[N];
        for (int j = 0; j < N; j++)
            x[j] = (int64_t)(rng_next(&rs) & 0xffff) - 0x8000;
        mat_vec(bx, B, x);
        mat_vec(abx, A, bx);
        mat_vec(cx, C1, x);
        for (int i = 0; i < N; i++)
            BENCH_CHECK(abx[i] == cx[i]);
    }
    return h;
}

BENCH_MAIN("matrix", matrix_round, 0x02c0cb591410d21cULL)
