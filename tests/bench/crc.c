/* crc: CRC-32 computed bit by bit and with lookup tables.
 *
 * Measures shift/xor/and chains with a loop-carried dependency (the bitwise
 * loop) and table lookups with byte loads (the table-driven loops). Each round
 * fills a BUFSZ-byte buffer with pseudo-random bytes, builds the 256-entry
 * tables for CRC-32 (IEEE, reflected polynomial 0xEDB88320) and CRC-32C
 * (Castagnoli, 0x82F63B78), and computes the buffer's CRC-32 bitwise and with
 * the table, and its CRC-32C with the table. Checks: both CRC-32 methods
 * agree; the standard check values CRC-32("123456789") = 0xCBF43926 and
 * CRC-32C("123456789") = 0xE3069283; and the CRC-32 of the buffer followed by
 * its own CRC (little-endian) is the residue 0x2144DF1C. */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 90
#define BUFSZ 32768

static uint8_t buf[BUFSZ + 4] __attribute__((aligned(8)));
static uint32_t tab32[256], tab32c[256];

static void make_table(uint32_t *t, uint32_t poly)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (poly & (0u - (c & 1)));
        t[i] = c;
    }
}

static uint32_t crc_bitwise(const uint8_t *p, long n, uint32_t poly)
{
    uint32_t c = 0xffffffffu;
    for (long i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (poly & (0u - (c & 1)));
    }
    return ~c;
}

static uint32_t crc_table(const uint8_t *p, long n, const uint32_t *t)
{
    uint32_t c = 0xffffffffu;
    for (long i = 0; i < n; i++)
        c = t[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

static uint64_t crc_round(void)
{
    uint64_t rs = opaque(0xc4c0001);
    uint64_t *w = (uint64_t *)buf;
    for (long i = 0; i < BUFSZ / 8; i++)
        w[i] = rng_next(&rs);

    make_table(tab32, 0xedb88320u);
    make_table(tab32c, 0x82f63b78u);

    static const uint8_t check[] = "123456789";
    BENCH_CHECK(crc_bitwise(check, 9, 0xedb88320u) == 0xcbf43926u);
    BENCH_CHECK(crc_table(check, 9, tab32) == 0xcbf43926u);
    BENCH_CHECK(crc_table(check, 9, tab32c) == 0xe3069283u);

    uint32_t a = crc_bitwise(buf, BUFSZ, 0xedb88320u);
    uint32_t b = crc_table(buf, BUFSZ, tab32);
    uint32_t c = crc_table(buf, BUFSZ, tab32c);
    BENCH_CHECK(a == b);

    for (int i = 0; i < 4; i++)
        buf[BUFSZ + i] = (uint8_t)(b >> (8 * i));
    BENCH_CHECK(crc_table(buf, BUFSZ + 4, tab32) == 0x2144df1cu);

    uint64_t h = MIX_INIT;
    h = mix(h, a);
    h = mix(h, c);
    for (int i = 0; i < 256; i += 17)
        h = mix(h, tab32[i] ^ ((uint64_t)tab32c[i] << 32));
    return h;
}

BENCH_MAIN("crc", crc_round, 0xa769c12536fb179cULL)
