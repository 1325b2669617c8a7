/* The firmware's services (include/amber/boot.h). */
#ifndef OS_SBI_H
#define OS_SBI_H

#include <stdint.h>

#include "amber/boot.h"

/* Arm the S-mode timer for absolute mtime `when`; clears a pending one. */
static inline int64_t sbi_set_timer(uint64_t when)
{
    register uint64_t a0 __asm__("a0") = when;
    register uint64_t a6 __asm__("a6") = 0;
    register uint64_t a7 __asm__("a7") = SBI_EXT_TIME;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a6), "r"(a7) : "memory");
    return (int64_t)a0;
}

#endif
