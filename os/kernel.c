#include "kernel.h"

#include "amber/hw.h"
#include "console.h"
#include "riscv.h"

uint64_t ticks_per_us; /* set from the handoff before any use */

static __attribute__((noreturn)) void finish(uint32_t v)
{
    mmio_w32(AMBER_FINISHER_BASE, v);
    for (;;)
        __asm__ volatile("wfi");
}

void panic(const char *why)
{
    kprintf("panic: %s\n", why);
    finish(FINISHER_FAIL | OS_EXIT_PANIC << 16);
}

void refuse(uint32_t code, const char *why)
{
    kprintf("%s\n", why);
    finish(FINISHER_FAIL | code << 16);
}

void power_off(void) { finish(FINISHER_PASS); }
