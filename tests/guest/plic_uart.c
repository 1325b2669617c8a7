/* External interrupts: the 16550 UART in loopback mode (MCR bit 4) raises
 * receive-data and THR-empty interrupts, routed through the PLIC (source
 * 10) to M mode (context 0) and, delegated, to S mode (context 1):
 * priority, threshold, pending bits, claim and complete. */
#include "guest.h"

#define UART(r)   MMIO8(AMBER_UART0_BASE + (r))
#define PLIC(off) MMIO32(AMBER_PLIC_BASE + (off))
#define SRC PLIC_SRC_UART0
/* Failures must be visible even while the UART is in loopback mode. */
#undef CHECK
#define CHECK(cond) do { if (!(cond)) { UART(UART_IER) = 0; UART(UART_MCR) = 0x08; \
    rt_puts("CHECK failed: " #cond " line "); rt_putdec(__LINE__); rt_putc('\n'); \
    rt_exit(1); } } while (0)

#define SPIN 1000000  /* bound for waits that must succeed */
#define SHORT 20000   /* waits that must time out */

static volatile int nirq;
static volatile uint32_t claimed[8];
static volatile uint8_t iir_seen[8], rx_seen[8];

static void hook(struct frame *f, uint64_t cause, int mode)
{
    (void)f;
    uint64_t c = cause & ~CAUSE_INTR;
    CHECK(c == (mode == PRV_M ? IRQ_MEI : IRQ_SEI));
    uint32_t ctx = mode == PRV_M ? 0 : 1;
    uint32_t id = PLIC(PLIC_CLAIM + ctx * PLIC_CONTEXT_STRIDE);
    int n = nirq;
    if (n < 8) {
        claimed[n] = id;
        if (id == SRC) {
            uint8_t iir = UART(UART_IIR) & 0x0f;
            iir_seen[n] = iir;
            if (iir == UART_IIR_RDI)
                rx_seen[n] = UART(UART_RBR);
            else if (iir == UART_IIR_THRI)
                UART(UART_IER) = UART(UART_IER) & ~UART_IER_THRI;
        }
    }
    PLIC(PLIC_CLAIM + ctx * PLIC_CONTEXT_STRIDE) = id; /* complete */
    nirq = n + 1;
}

static int wait_irq_max(int n, int spins)
{
    for (int i = 0; i < spins && nirq < n; i++)
        __asm__ volatile("nop");
    return nirq;
}

static int wait_irq(int n) { return wait_irq_max(n, SPIN); }

static void reset(void)
{
    nirq = 0;
    for (int i = 0; i < 8; i++) {
        claimed[i] = 0;
        iir_seen[i] = 0;
        rx_seen[i] = 0;
    }
}

static int uart_pending(void)
{
    return (PLIC(PLIC_PENDING + 4 * (SRC / 32)) >> (SRC % 32)) & 1;
}

static uint64_t s_wait(uint64_t n)
{
    csr_set(sstatus, MSTATUS_SIE);
    int got = wait_irq((int)n);
    csr_clear(sstatus, MSTATUS_SIE);
    return (uint64_t)got;
}

/* loopback on/off; printing only happens with loopback off */
static void loopback(int on)
{
    UART(UART_MCR) = on ? (UART_MCR_LOOP | 0x08 /* OUT2 */) : 0x08;
}

int main(void)
{
    say("plic_uart: start");
    guest_init();
    irq_hook = hook;

    UART(UART_IER) = 0;
    UART(UART_LCR) = 0x03;                   /* 8N1, DLAB = 0 */
    loopback(1);
    for (int i = 0; i < 64 && (UART(UART_LSR) & UART_LSR_DR); i++)
        (void)UART(UART_RBR);

    /* ---- polled loopback ---- */
    CHECK(!(UART(UART_LSR) & UART_LSR_DR));
    UART(UART_THR) = 'Z';
    int i;
    for (i = 0; i < SPIN && !(UART(UART_LSR) & UART_LSR_DR); i++)
        ;
    CHECK(UART(UART_LSR) & UART_LSR_DR);
    CHECK(UART(UART_RBR) == 'Z');
    CHECK(!(UART(UART_LSR) & UART_LSR_DR));
    CHECK((UART(UART_IIR) & 0x0f) == UART_IIR_NONE);
    loopback(0);
    say("plic_uart: loopback ok");

    /* ---- PLIC setup: M context ---- */
    PLIC(PLIC_PRIORITY + 4 * SRC) = 1;
    CHECK(PLIC(PLIC_PRIORITY + 4 * SRC) == 1);
    PLIC(PLIC_ENABLE + 0 * PLIC_ENABLE_STRIDE + 4 * (SRC / 32)) = 1u << (SRC % 32);
    PLIC(PLIC_ENABLE + 1 * PLIC_ENABLE_STRIDE + 4 * (SRC / 32)) = 0;
    PLIC(PLIC_THRESHOLD + 0 * PLIC_CONTEXT_STRIDE) = 0;
    CHECK(PLIC(PLIC_CLAIM) == 0);            /* nothing pending */
    csr_write(mie, 1u << IRQ_MEI);
    csr_set(mstatus, MSTATUS_MIE);

    /* ---- receive interrupt in M ---- */
    reset();
    loopback(1);
    UART(UART_IER) = UART_IER_RDI;
    UART(UART_THR) = 'A';
    CHECK(wait_irq(1) == 1);
    UART(UART_IER) = 0;
    loopback(0);
    CHECK(claimed[0] == SRC);
    CHECK(iir_seen[0] == UART_IIR_RDI);
    CHECK(rx_seen[0] == 'A');
    CHECK(trap.cause == (CAUSE_INTR | IRQ_MEI));
    CHECK(!uart_pending());
    CHECK(!(csr_read(mip) & (1u << IRQ_MEI)));
    say("plic_uart: rx interrupt ok");

    /* ---- threshold masks priority 1; pending stays visible ---- */
    reset();
    PLIC(PLIC_THRESHOLD) = 1;
    loopback(1);
    UART(UART_IER) = UART_IER_RDI;
    UART(UART_THR) = 'B';
    for (i = 0; i < SPIN && !uart_pending(); i++)
        ;
    CHECK(uart_pending());
    CHECK(wait_irq_max(1, SHORT) == 0);
    CHECK(!(csr_read(mip) & (1u << IRQ_MEI)));
    PLIC(PLIC_THRESHOLD) = 0;                /* now it is delivered */
    CHECK(wait_irq(1) == 1);
    UART(UART_IER) = 0;
    loopback(0);
    CHECK(claimed[0] == SRC);
    CHECK(rx_seen[0] == 'B');
    /* priority 0 never interrupts */
    reset();
    PLIC(PLIC_PRIORITY + 4 * SRC) = 0;
    loopback(1);
    UART(UART_IER) = UART_IER_RDI;
    UART(UART_THR) = 'C';
    for (i = 0; i < SPIN && !(UART(UART_LSR) & UART_LSR_DR); i++)
        ;
    CHECK(wait_irq_max(1, SHORT) == 0);
    UART(UART_IER) = 0;
    CHECK(UART(UART_RBR) == 'C');
    loopback(0);
    PLIC(PLIC_PRIORITY + 4 * SRC) = 1;
    say("plic_uart: threshold ok");

    /* ---- THR-empty interrupt ---- */
    reset();
    UART(UART_IER) = UART_IER_THRI;          /* THR is empty: fires at once */
    CHECK(wait_irq(1) == 1);
    CHECK(claimed[0] == SRC);
    CHECK(iir_seen[0] == UART_IIR_THRI);
    CHECK(UART(UART_IER) == 0);
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    say("plic_uart: thr empty ok");

    /* ---- delegated to S: context 1, SEI ---- */
    PLIC(PLIC_ENABLE + 0 * PLIC_ENABLE_STRIDE + 4 * (SRC / 32)) = 0;
    PLIC(PLIC_ENABLE + 1 * PLIC_ENABLE_STRIDE + 4 * (SRC / 32)) = 1u << (SRC % 32);
    PLIC(PLIC_THRESHOLD + 1 * PLIC_CONTEXT_STRIDE) = 0;
    csr_write(mideleg, 1u << IRQ_SEI);
    csr_write(mie, 1u << IRQ_SEI);
    reset();
    loopback(1);
    UART(UART_IER) = UART_IER_RDI;
    UART(UART_THR) = 'S';
    for (i = 0; i < SPIN && !(csr_read(mip) & (1u << IRQ_SEI)); i++)
        ;
    CHECK(csr_read(mip) & (1u << IRQ_SEI));  /* pending, not taken in M */
    CHECK(nirq == 0);
    CHECK(enter_mode(PRV_S, s_wait, 1) == 1);
    UART(UART_IER) = 0;
    loopback(0);
    CHECK(claimed[0] == SRC);
    CHECK(rx_seen[0] == 'S');
    CHECK(trap.mode == PRV_S);
    CHECK(trap.cause == (CAUSE_INTR | IRQ_SEI));
    CHECK(!(csr_read(mip) & (1u << IRQ_SEI)));
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    PLIC(PLIC_ENABLE + 1 * PLIC_ENABLE_STRIDE + 4 * (SRC / 32)) = 0;
    say("plic_uart: s external ok");

    say("plic_uart: pass");
    return 0;
}
