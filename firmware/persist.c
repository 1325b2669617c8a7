#include "persist.h"

#define LINE 64u

void persist(uint64_t pa, uint64_t len)
{
    for (uint64_t a = pa & ~(uint64_t)(LINE - 1); a < pa + len; a += LINE)
        __asm__ volatile("cbo.flush (%0)" :: "r"(a) : "memory");
    __asm__ volatile("fence rw, rw" ::: "memory");
}
