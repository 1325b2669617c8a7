/* The trap handler: timer ticks (preemption, checkpoints), external
 * interrupts through the PLIC, yields, and the store's page faults. */
#include "trap.h"

#include "amber/hw.h"
#include "console.h"
#include "kernel.h"
#include "plic.h"
#include "power.h"
#include "riscv.h"
#include "sbi.h"
#include "sched.h"
#include "store.h"

#ifndef QUANTUM_US
#define QUANTUM_US 500u
#endif

void timer_arm(void) { sbi_set_timer(rdtime() + QUANTUM_US * ticks_per_us); }

static void external(void)
{
    uint32_t src;
    while ((src = plic_claim()) != 0) {
        if (src == PLIC_SRC_UART0) {
            if (console_irq() == 'p')
                power_button(); /* the console's stand-in for the button */
        } else if (src == PLIC_SRC_POWER) {
            power_irq();
        }
        plic_complete(src);
    }
}

struct thread_ctx *trap_handle(struct thread_ctx *ctx)
{
    uint64_t cause = csr_read(scause);
    if (cause & MCAUSE_INTERRUPT) {
        switch (cause & ~MCAUSE_INTERRUPT) {
        case IRQ_S_TIMER:
            timer_arm();
            ckpt_tick();
            return sched_next();
        case IRQ_S_SOFT:
            csr_clear(sip, MIP_SSIP);
            return sched_next();
        case IRQ_S_EXT:
            external();
            return ctx;
        default:
            break;
        }
    } else if ((cause == EXC_LOAD_PAGE || cause == EXC_STORE_PAGE) &&
               store_fault(csr_read(stval), cause == EXC_STORE_PAGE)) {
        return ctx;
    }
    kprintf("trap: cause %lx at %lx, tval %lx\n", cause, ctx->x[0], csr_read(stval));
    panic("unexpected trap");
}
