#include "power.h"

#include "amber/hw.h"
#include "console.h"
#include "kernel.h"
#include "plic.h"
#include "riscv.h"
#include "sched.h"
#include "store.h"

#define PWR(r) (AMBER_POWER_BASE + (r))

/* Cost model for the warning's decision, in cycles (docs/performance.md):
 * the commit (table, flip) and the write-back of one page, with margin. */
#define CKPT_FIXED_CYCLES 600000u
#define CKPT_PAGE_CYCLES  60000u

void power_init(void)
{
    mmio_w32(PWR(PWR_IRQ_ENABLE), PWR_EV_BUTTON | PWR_EV_WARN);
    plic_enable(PLIC_SRC_POWER);
}

void power_button(void)
{
    kputs("power: button: checkpointing\n");
    sched_hold(1);
    ckpt_now();
    kprintf("power: checkpoint %lu durable; switching off\n", ckpt_seq());
    power_off();
}

static void power_warn(void)
{
    uint64_t window = mmio_r64(PWR(PWR_WINDOW));
    uint64_t pages = ckpt_pending_pages();
    uint64_t need = CKPT_FIXED_CYCLES + pages * CKPT_PAGE_CYCLES;
    if (window < need) {
        kprintf("power: failing in %lu cycles, too soon for %lu pages; checkpoint %lu stands\n",
                window, pages, ckpt_seq());
        return;
    }
    ckpt_now();
    sched_hold(1); /* nothing more would survive the cut */
    ckpt_enable(0);
    kprintf("power: failing; checkpoint %lu durable before the cut\n", ckpt_seq());
}

void power_irq(void)
{
    uint32_t ev = mmio_r32(PWR(PWR_IRQ_STATUS));
    mmio_w32(PWR(PWR_IRQ_STATUS), ev);
    if (ev & PWR_EV_WARN)
        power_warn();
    if (ev & PWR_EV_BUTTON)
        power_button();
}

void power_report_check(uint64_t id, int pass)
{
    mmio_w64(PWR(PWR_CHECK), id << 8 | (pass ? PWR_CHECK_PASS : PWR_CHECK_FAIL));
}
