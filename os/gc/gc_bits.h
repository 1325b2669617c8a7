/* Bit counting without libgcc or Zbb: the collector's bitmap arithmetic. */
#ifndef OS_GC_BITS_H
#define OS_GC_BITS_H

#include <stdint.h>

static inline unsigned gc_popcount(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (unsigned)((x * 0x0101010101010101ull) >> 56);
}

/* Index of the lowest set bit of x != 0 (de Bruijn multiplication). */
static inline unsigned gc_ctz(uint64_t x)
{
    static const uint8_t pos[64] = {
        0, 1, 2, 53, 3, 7, 54, 27, 4, 38, 41, 8, 34, 55, 48, 28,
        62, 5, 39, 46, 44, 42, 22, 9, 24, 35, 59, 56, 49, 18, 29, 11,
        63, 52, 6, 26, 37, 40, 33, 47, 61, 45, 43, 21, 23, 58, 17, 10,
        51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12,
    };
    return pos[((x & -x) * 0x022FDD63CC95386Dull) >> 58];
}

#endif
