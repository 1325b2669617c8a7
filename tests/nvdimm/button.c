/* A stand-in for the OS in `amber run` tests (run_power.py): it records an
 * OS identity (NVDIMM_OS_ID), reports a consistency check (PWR_CHECK),
 * echoes the console's input and counts the power-ons in PMEM. When the
 * power button is pressed it persists the count and switches off through
 * the test finisher, as the OS snapshots and switches off. Input 'f' makes
 * it fail with the firmware's "damaged image" code instead.
 *
 * -DIGNORE_BUTTON: it never answers the button, so the host must force it
 * off; it idles in WFI on the timer, as an OS does. */
#include <stdint.h>

#include "amber/boot.h"
#include "amber/hw.h"
#include "rt.h"

#define REG8(a)  (*(volatile uint8_t *)(uintptr_t)(a))
#define PWR(off) (*(volatile uint64_t *)(uintptr_t)(AMBER_POWER_BASE + (off)))
#define NVDIMM_OS (AMBER_NVDIMM_BASE + NVDIMM_OS_ID)

static const char os_id[] = "button-os 1";

struct state {
    uint64_t power_ons, shutdowns;
};

static volatile struct state *const st = (volatile struct state *)AMBER_PMEM_BASE;

static void persist(void)
{
    __asm__ volatile("cbo.clean (%0)\n\tfence rw, rw" :: "r"(st) : "memory");
}

int main(void)
{
    for (unsigned i = 0; i < sizeof os_id; i++)
        REG8(NVDIMM_OS + i) = (uint8_t)os_id[i];
    st->power_ons++;
    persist();
    PWR(PWR_CHECK) = st->power_ons << 8 | PWR_CHECK_PASS;
    rt_puts("power-on ");
    rt_putdec((int64_t)st->power_ons);
    rt_puts(", shutdowns ");
    rt_putdec((int64_t)st->shutdowns);
    rt_putc('\n');
    for (;;) {
#ifndef IGNORE_BUTTON
        if (PWR(PWR_STATUS) & PWR_EV_BUTTON) {
            st->shutdowns++;
            persist();
            rt_puts("button: switching off\n");
            rt_exit(0);
        }
#endif
        if (REG8(AMBER_UART0_BASE + UART_LSR) & UART_LSR_DR) {
            char c = (char)REG8(AMBER_UART0_BASE + UART_RBR);
            if (c == 'f')
                rt_exit(FW_EXIT_DAMAGED);
            rt_putc(c);
        }
#ifdef IGNORE_BUTTON
        /* Sleep until the next millisecond's timer tick. */
        volatile uint64_t *mtime = (volatile uint64_t *)(AMBER_CLINT_BASE + CLINT_MTIME);
        volatile uint64_t *mtimecmp = (volatile uint64_t *)(AMBER_CLINT_BASE + CLINT_MTIMECMP);
        *mtimecmp = *mtime + CLINT_TIMEBASE_HZ / 1000;
        csr_set(mie, 1u << 7);
        __asm__ volatile("wfi");
        csr_clear(mie, 1u << 7);
#endif
    }
}
